import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { allocateFreePort } from "../agent/agent-paths.js";
import { type AgentClient, createAgentClient } from "../targets/process/agent-client.js";

export interface AgentConnection {
  url: string;
  token: string;
  pid: number;
}

const START_TIMEOUT_MS = 15_000;

/**
 * The embedded server's own agent: reused when one already runs for this home, else started
 * as a detached process, so it keeps serving the apps when the server stops or upgrades.
 */
export async function ensureLocalAgent(home: string): Promise<AgentConnection> {
  const dir = join(home, "agent");
  const file = join(dir, "connection.json");
  const known = readConnection(file);
  if (known && (await healthy(known))) return known;

  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const token = randomBytes(24).toString("hex");
  const port = await allocateFreePort();
  const log = openSync(join(dir, "agent.log"), "a");
  const child = spawn(
    process.execPath,
    [...cliEntry(), "agent", "--home", home, "--api-port", String(port)],
    {
      detached: true,
      stdio: ["ignore", log, log],
      env: { ...process.env, WEEKNIGHT_AGENT_TOKEN: token },
    },
  );
  child.unref();
  const connection = { url: `http://127.0.0.1:${port}`, token, pid: child.pid ?? 0 };
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (!(await healthy(connection))) {
    if (Date.now() > deadline) {
      throw new Error(
        `the local agent did not start within ${START_TIMEOUT_MS / 1000} s: see ${join(dir, "agent.log")}`,
      );
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  writeFileSync(file, JSON.stringify(connection), { mode: 0o600 });
  return connection;
}

/** Stops the local agent of a home and the apps it runs, and waits until it has exited. */
export async function stopLocalAgent(home: string, timeoutMs = 15_000): Promise<boolean> {
  const known = readConnection(join(home, "agent", "connection.json"));
  if (!known) return false;
  try {
    process.kill(known.pid, "SIGTERM");
  } catch {
    return false;
  }
  const deadline = Date.now() + timeoutMs;
  while (alive(known.pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  return true;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function readConnection(file: string): AgentConnection | null {
  if (!existsSync(file)) return null;
  try {
    return JSON.parse(readFileSync(file, "utf8")) as AgentConnection;
  } catch {
    return null;
  }
}

async function healthy(connection: AgentConnection): Promise<boolean> {
  try {
    const response = await fetch(`${connection.url}/agent/v1/health`, {
      headers: { authorization: `Bearer ${connection.token}` },
      signal: AbortSignal.timeout(1000),
    });
    return response.ok;
  } catch {
    return false;
  }
}

/** The CLI that started this process: the built `cli.js`, or `cli.ts` through tsx in tests. */
function cliEntry(): string[] {
  const built = fileURLToPath(new URL("./cli.js", import.meta.url));
  if (existsSync(built)) return [built];
  return ["--import", "tsx", fileURLToPath(new URL("./cli.ts", import.meta.url))];
}

/** A client of the local agent that starts the agent on its first call. */
export function localAgentClient(home: string): AgentClient {
  let client: Promise<AgentClient> | undefined;
  const connect = () => {
    client ??= ensureLocalAgent(home).then((c) =>
      createAgentClient({ url: c.url, token: c.token }),
    );
    // A failed start is retried on the next call rather than remembered forever.
    client.catch(() => {
      client = undefined;
    });
    return client;
  };
  return {
    url: "local",
    putApp: async (doc, signal) => (await connect()).putApp(doc, signal),
    getApp: async (app, signal) => (await connect()).getApp(app, signal),
    rollback: async (app, to, signal) => (await connect()).rollback(app, to, signal),
    logs: async (app, release, tail) => (await connect()).logs(app, release, tail),
    health: async () => (await connect()).health(),
  };
}
