import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { systemClock } from "../../clock.js";
import { type AgentClient, createAgentClient } from "../../targets/process/agent-client.js";
import { allocateFreePort } from "../agent-paths.js";
import { createAgentApi } from "../agent-routes.js";
import type { AppStatus } from "../agent-schema.js";
import { type Agent, type AgentDeps, createAgent } from "../agent-service.js";

export interface TestAgent {
  agent: Agent;
  client: AgentClient;
  url: string;
  token: string;
  home: string;
  close(): Promise<void>;
}

/** A real agent with its real HTTP API on loopback, in this process. */
export async function startTestAgent(
  options: Partial<Omit<AgentDeps, "clock">> = {},
): Promise<TestAgent> {
  const home = options.home ?? mkdtempSync(join(tmpdir(), "weeknight-agent-"));
  const token = randomBytes(16).toString("hex");
  const agent = createAgent({
    stopGraceMs: 1000,
    drainMs: 5000,
    ...options,
    home,
    clock: systemClock,
  });
  await agent.start();
  const api = createAgentApi({ agent, token });
  await api.listen({ port: 0, host: "127.0.0.1" });
  const address = api.server.address();
  const url = `http://127.0.0.1:${address && typeof address === "object" ? address.port : 0}`;
  return {
    agent,
    client: createAgentClient({ url, token }),
    url,
    token,
    home,
    async close() {
      await api.close();
      await agent.stop();
    },
  };
}

/** Polls the app's status until `predicate` holds; fails with the last status otherwise. */
export async function waitForStatus(
  client: AgentClient,
  app: string,
  predicate: (status: AppStatus) => boolean,
  timeoutMs = 15_000,
): Promise<AppStatus> {
  const deadline = Date.now() + timeoutMs;
  let last: AppStatus | undefined;
  while (Date.now() < deadline) {
    last = await client.getApp(app);
    if (predicate(last)) return last;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${app}; last status: ${JSON.stringify(last, null, 1)}`);
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

const here = fileURLToPath(new URL(".", import.meta.url));
const repoRoot = resolve(here, "../../../../..");

export interface AgentProcess {
  url: string;
  pid: number;
  client: AgentClient;
  /** Resolves when the process has exited. */
  exited: Promise<number | null>;
}

/** `agentMain` in a child process (run by tsx), so a test can kill it like a real agent. */
export async function spawnAgentProcess(input: {
  home: string;
  token: string;
  apiPort?: number;
}): Promise<AgentProcess> {
  const apiPort = input.apiPort ?? (await allocateFreePort());
  const entry = join(input.home, "agent-entry.mts"); // .mts: ESM wherever the home is
  const mainPath = resolve(here, "../agent-main.ts");
  writeFileSync(
    entry,
    `import { agentMain } from ${JSON.stringify(mainPath)};\nawait agentMain(${JSON.stringify({ home: input.home, apiPort, token: input.token })});\n`,
  );
  const child = spawn(process.execPath, ["--import", "tsx", entry], {
    cwd: repoRoot,
    stdio: ["ignore", "pipe", "inherit"],
  });
  const exited = new Promise<number | null>((resolveExit) => child.once("exit", resolveExit));
  const url = await new Promise<string>((resolveUrl, reject) => {
    const lines = createInterface({ input: child.stdout });
    const timer = setTimeout(
      () => reject(new Error("agent process did not start in 20 s")),
      20_000,
    );
    lines.on("line", (line) => {
      const match = /listening on (http:\/\/\S+)/.exec(line);
      if (match?.[1]) {
        clearTimeout(timer);
        resolveUrl(match[1]);
      }
    });
    void exited.then((code) => reject(new Error(`agent process exited with ${code}`)));
  });
  child.stdout.resume();
  return {
    url,
    pid: child.pid ?? -1,
    client: createAgentClient({ url, token: input.token }),
    exited,
  };
}
