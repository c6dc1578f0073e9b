import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export interface ReceivedNotification {
  event: string;
  project: string;
  build: { id: number; sha: string };
  failedStage?: { name: string; message: string; logTail: string[] };
  authors: { name: string; email: string }[];
  deployment?: { id: number; environment: string; reason: string | null };
}

/** Stands in for the team's chat: an HTTP endpoint that receives Weeknight's webhook channel. */
export async function startDemoReceiver(onNotification: (n: ReceivedNotification) => void) {
  const received: ReceivedNotification[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      try {
        const notification = JSON.parse(
          Buffer.concat(chunks).toString("utf8"),
        ) as ReceivedNotification;
        received.push(notification);
        onNotification(notification);
        response.writeHead(204).end();
      } catch {
        response.writeHead(400).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/team-channel`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** One line (or a few) as the team would read it in their channel. */
export function describeNotification(n: ReceivedNotification): string {
  const who = n.authors.map((a) => a.name).join(", ");
  if (n.deployment) {
    const where = n.deployment.environment;
    if (n.event === "deploy.succeeded")
      return `📣 team channel: build ${n.build.id} is live on ${where}`;
    return `📣 team channel: build ${n.build.id} was ${n.event === "deploy.rolled-back" ? "ROLLED BACK" : "NOT deployed"} on ${where}: ${n.deployment.reason ?? ""}`;
  }
  if (n.event === "build.failed") {
    const tail = (n.failedStage?.logTail ?? [])
      .filter((l) => /not ok|expected|actual|Error/i.test(l))
      .slice(0, 4);
    return [
      `📣 team channel: build ${n.build.id} of ${n.project} FAILED at stage ${n.failedStage?.name} — broken by ${who}`,
      ...tail.map((l) => `     ${l.trim()}`),
    ].join("\n");
  }
  return `📣 team channel: build ${n.build.id} of ${n.project} is FIXED — thanks ${who}`;
}
