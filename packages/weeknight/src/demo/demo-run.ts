import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BuildView } from "../builds/build-service.js";
import { signIn } from "../cli/api-client.js";
import type { DomainEvent } from "../events/event-bus.js";
import { type RunningServer, startServer } from "../main/server.js";
import { readSettings } from "../main/settings.js";
import { installPostReceiveHook } from "../sources/post-receive-hook.js";
import { type ReceivedNotification, startDemoReceiver } from "./demo-receiver.js";
import { createDemoRepository, findExamplesDir } from "./demo-repo.js";

export interface DemoOptions {
  home?: string;
  port?: number;
  /** Progress lines for people; the summary is returned, not printed. */
  say: (line: string) => void;
}

export interface DemoSummary {
  url: string;
  home: string;
  login: { username: string; password: string };
  builds: {
    id: number;
    status: string;
    sha: string;
    failedStage?: string;
    artifact?: { sha256: string; size: number };
  }[];
  notifications: { event: string; build: number; authors: string[]; failedStage?: string }[];
}

const ada = { name: "Ada Lovelace", email: "ada@example.com" };
const bob = { name: "Bob Builder", email: "bob@example.com" };

/**
 * The demo a new user runs first: a sample app's failing commit is caught and its author
 * told, then the fix is built, the "fixed" notice sent, and an artifact kept.
 */
export async function runDemo(
  options: DemoOptions,
): Promise<{ server: RunningServer; summary: DemoSummary; close: () => Promise<void> }> {
  const { say } = options;
  const home = options.home ?? mkdtempSync(join(tmpdir(), "weeknight-demo-"));
  const settings = readSettings(
    { ...process.env, WEEKNIGHT_DATABASE_URL: "" },
    {
      home,
      port: options.port ?? 0,
      host: "127.0.0.1",
      databaseUrl: undefined,
    },
  );
  say(`starting the server on the embedded SQLite database in ${home}`);
  const server = await startServer({ settings });
  const receiver = await startDemoReceiver((n) => say(describeNotification(n)));
  const close = async () => {
    await server.close();
    await receiver.close();
  };
  try {
    const login = server.initialAdmin ?? {
      username: "admin",
      password: "(set on the first start)",
    };
    const api = await signIn({ url: server.url, ...login, tokenName: "demo", fetch });

    say("creating the sample app repository (examples/sample-app) with its first commit");
    const repo = await createDemoRepository(join(home, "git"), findExamplesDir(), ada);
    const added = await api.post<{ webhookSecret: string }>("/projects", {
      name: "sample-app",
      repoUrl: repo.origin,
      branch: "main",
      poll: 0,
    });
    await api.put("/projects/sample-app/secrets/DEMO_WEBHOOK_URL", { value: receiver.url });
    await installPostReceiveHook({
      repoPath: repo.origin,
      serverUrl: server.url,
      projectName: "sample-app",
      secret: added.webhookSecret,
    });
    say("registered project sample-app; a post-receive hook tells Weeknight about every push");

    say(`${bob.name} pushes a change that breaks a unit test…`);
    const failed = await buildAfterPush(server, () =>
      repo.pushChange("broken", bob, "Greeting: drop the exclamation mark"),
    );
    say(`build ${failed.id} ${failed.status}${failed.error ? `: ${failed.error}` : ""}`);
    await server.services.notify.drain();

    say(`${ada.name} pushes the fix…`);
    const passed = await buildAfterPush(server, () =>
      repo.pushChange("fixed", ada, "Greeting: capitalise names, keep the exclamation mark"),
    );
    say(
      `build ${passed.id} ${passed.status}${passed.artifact ? `, artifact sha256:${passed.artifact.sha256.slice(0, 12)}…` : ""}`,
    );
    await server.services.notify.drain();

    const summary: DemoSummary = {
      url: server.url,
      home,
      login,
      builds: [failed, passed].map((b) => ({
        id: b.id,
        status: b.status,
        sha: b.sha,
        ...(b.stages.find((s) => s.status === "failed")
          ? { failedStage: b.stages.find((s) => s.status === "failed")?.name }
          : {}),
        ...(b.artifact ? { artifact: { sha256: b.artifact.sha256, size: b.artifact.size } } : {}),
      })),
      notifications: receiver.received.map((n) => ({
        event: n.event,
        build: n.build.id,
        authors: n.authors.map((a) => a.name),
        ...(n.failedStage ? { failedStage: n.failedStage.name } : {}),
      })),
    };
    return { server, summary, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Pushes, then waits for the build the push started to finish. */
async function buildAfterPush(
  server: RunningServer,
  push: () => Promise<string>,
): Promise<BuildView> {
  const { bus, builds } = server.services;
  let sha = "";
  const seen: DomainEvent[] = [];
  const finished = new Promise<number>((resolve, reject) => {
    const timeout = setTimeout(
      () => reject(new Error("the build did not finish within 2 minutes")),
      120_000,
    );
    const unsubscribe = bus.subscribe((event) => {
      seen.push(event);
      const match = seen.find(
        (e) =>
          ["build.passed", "build.failed", "build.cancelled"].includes(e.type) &&
          e.data.sha === sha,
      );
      if (sha && match) {
        clearTimeout(timeout);
        unsubscribe();
        resolve(Number(match.data.buildId));
      }
    });
  });
  sha = await push();
  return builds.get(await finished);
}

function describeNotification(n: ReceivedNotification): string {
  const who = n.authors.map((a) => a.name).join(", ");
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
