import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Clock } from "../clock.js";
import type { DialectName } from "../db/database.js";
import type { DomainEvent } from "../events/event-bus.js";
import { stopLocalAgent } from "../main/local-agent.js";
import { type RunningServer, startServer } from "../main/server.js";
import { readSettings } from "../main/settings.js";
import { openTestDatabase } from "./test-databases.js";
import { createTestRepo, type TestRepo } from "./test-repo.js";

export interface TestServer {
  readonly server: RunningServer;
  readonly url: string;
  token: string;
  home: string;
  /** Calls the API as the admin (or with another token); returns status and parsed JSON. */
  api<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    token?: string,
  ): Promise<{ status: number; body: T }>;
  /** Resolves with the first event matching `predicate`, also if it happened already. */
  waitForEvent(
    predicate: (event: DomainEvent) => boolean,
    timeoutMs?: number,
  ): Promise<DomainEvent>;
  /**
   * Adds a project from a new repository holding `weeknight.yml` and waits for its first build
   * to pass; the repository goes when the server closes.
   */
  addProject(name: string, yml: string): Promise<TestRepo>;
  /** Stops the server and starts a new one on the same database, home and port (a restart). */
  restart(): Promise<void>;
  close(): Promise<void>;
}

/** A real server on loopback, on a fresh SQLite file or PostgreSQL schema, signed in as admin. */
export async function startTestServer(
  dialect: DialectName,
  env: Record<string, string> = {},
  options: { clock?: Clock } = {},
): Promise<TestServer> {
  const home = mkdtempSync(join(tmpdir(), "weeknight-home-"));
  const database = await openTestDatabase(dialect);
  let settings = readSettings(
    { ...env, WEEKNIGHT_HOME: home, WEEKNIGHT_PORT: "0" },
    { databaseUrl: database.url },
  );
  let seen: DomainEvent[] = [];
  const start = async () => {
    const started = await startServer({
      settings,
      clock: options.clock,
      notifyRetry: { attempts: 3, baseDelayMs: 10 },
      pollTickMs: 100,
      crashWatchMs: 300,
      alertGroupWaitMs: 200,
      alertReminderCheckMs: 300,
      flagRampTickMs: 200,
    });
    seen = [];
    started.services.bus.subscribe((event) => seen.push(event));
    return started;
  };
  let server = await start();
  const repos: TestRepo[] = [];

  async function api<T>(method: string, path: string, body?: unknown, token?: string) {
    const response = await fetch(`${server.url}/api/v1${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { "content-type": "application/json" }),
        ...(token === "" ? {} : { authorization: `Bearer ${token ?? adminToken}` }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
  }

  const login = server.initialAdmin;
  if (!login) throw new Error("a fresh test server must create its admin");
  let adminToken = "";
  const { body } = await api<{ token: string }>(
    "POST",
    "/auth/login",
    { ...login, tokenName: "test" },
    "",
  );
  adminToken = body.token;

  const testServer: TestServer = {
    get server() {
      return server;
    },
    get url() {
      return server.url;
    },
    token: adminToken,
    home,
    api,
    waitForEvent(predicate, timeoutMs = 30_000) {
      const found = seen.find(predicate);
      if (found) return Promise.resolve(found);
      const bus = server.services.bus;
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          unsubscribe();
          reject(
            new Error(
              `no matching event within ${timeoutMs} ms; saw ${seen.map((e) => e.type).join(", ")}`,
            ),
          );
        }, timeoutMs);
        const unsubscribe = bus.subscribe((event) => {
          if (!predicate(event)) return;
          clearTimeout(timer);
          unsubscribe();
          resolve(event);
        });
      });
    },
    async addProject(name, yml) {
      const repo = await createTestRepo({ files: { "weeknight.yml": yml } });
      repos.push(repo);
      const built = testServer.waitForEvent(
        (e) => e.type === "build.passed" && e.data.project === name,
      );
      const added = await api("POST", "/projects", { name, repoUrl: repo.dir, poll: "100ms" });
      if (added.status !== 201) throw new Error(`adding ${name}: ${JSON.stringify(added.body)}`);
      await built;
      return repo;
    },
    async restart() {
      // Same address: clients (SDKs, agents) reconnect to where the server was.
      settings = { ...settings, port: Number(new URL(server.url).port) };
      await server.close();
      server = await start();
    },
    async close() {
      await server.close();
      for (const repo of repos) repo.remove();
      await stopLocalAgent(home);
      await database.close();
      rmSync(home, { recursive: true, force: true });
    },
  };
  return testServer;
}
