import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export interface ReceivedNotification {
  event: string;
  project: string;
  build: { id: number; sha: string };
  failedStage?: { name: string; message: string; logTail: string[] };
  authors: { name: string; email: string }[];
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
