import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import type { Context, FlagSet } from "../packages/flags-sdk/src/flag-types.js";
import {
  benchFlagSet,
  generateContexts,
} from "../packages/flags-sdk/src/test-support/flag-fixtures.js";
import { startServer } from "../packages/weeknight/src/main/server.js";
import { readSettings } from "../packages/weeknight/src/main/settings.js";
import {
  createTestRepo,
  namedEnvironmentsYml,
} from "../packages/weeknight/src/test-support/test-repo.js";

const FLAGS = 50;
const CONNECTIONS = 50;
const SECONDS = Number(process.env.WEEKNIGHT_BENCH_SECONDS ?? 10);
/** Distinct request bodies each connection cycles through. */
const REQUESTS = 500;

interface OfrepServer {
  url: string;
  sdkKey: string;
  close(): Promise<void>;
}

/**
 * The server under load: the real embedded server (SQLite) with a project whose production
 * has `flags`, made through the API, and an SDK key for it.
 */
async function startOfrepServer(flags: FlagSet): Promise<OfrepServer> {
  const home = mkdtempSync(join(tmpdir(), "weeknight-ofrep-bench-"));
  const repo = await createTestRepo({ files: { "weeknight.yml": namedEnvironmentsYml("bench") } });
  const server = await startServer({
    settings: readSettings({ WEEKNIGHT_HOME: home, WEEKNIGHT_PORT: "0" }),
    pollTickMs: 100,
  });
  const admin = server.initialAdmin;
  if (!admin) throw new Error("a fresh server must create its admin");
  let token = "";
  const api = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${server.url}/api/v1${path}`, {
      method,
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify(body ?? {}),
    });
    if (!response.ok)
      throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
  token = (await api<{ token: string }>("POST", "/auth/login", { ...admin, tokenName: "bench" }))
    .token;
  const built = new Promise<void>((resolve) => {
    const stop = server.services.bus.subscribe((event) => {
      if (event.type === "build.passed") {
        stop();
        resolve();
      }
    });
  });
  await api("POST", "/projects", { name: "bench", repoUrl: repo.dir, poll: "100ms" });
  await built;
  for (const flag of flags.flags) {
    await api("POST", "/projects/bench/flags", { key: flag.key, type: flag.type });
    await api("PUT", `/projects/bench/flags/${flag.key}/environments/production`, {
      enabled: flag.enabled,
      rules: flag.rules,
      variants: flag.variants ?? [],
    });
  }
  const { key } = await api<{ key: string }>("POST", "/projects/bench/sdk-keys", {
    environment: "production",
  });
  return {
    url: server.url,
    sdkKey: key,
    async close() {
      await server.close();
      repo.remove();
      rmSync(home, { recursive: true, force: true });
    },
  };
}

/** A generated context as an OpenFeature SDK would send it: flat attributes and a targetingKey. */
function openFeatureContext(c: Context): Record<string, string> {
  const out: Record<string, string> = { targetingKey: c.userId || String(c.sessionId) };
  for (const [name, value] of Object.entries({ ...c.properties, ...c })) {
    if (typeof value === "string" && name !== "userId") out[name] = value;
  }
  return out;
}

/**
 * `POST /ofrep/v1/evaluate/flags/{key}` under 50 concurrent connections for about 10 s, each
 * cycling through single-flag evaluations of 50 flags (a constraint and a rollout each) with
 * varied contexts. The load generator runs in a worker thread, off the server's event loop.
 */
export async function ofrepBench(): Promise<Record<string, unknown>> {
  const set = benchFlagSet(FLAGS);
  const contexts = generateContexts(REQUESTS * 2, 13)
    .filter((c) => c.userId || c.sessionId)
    .slice(0, REQUESTS);
  const server = await startOfrepServer(set);
  try {
    const headers = {
      authorization: `Bearer ${server.sdkKey}`,
      "content-type": "application/json",
    };
    const requests = contexts.map((c, i) => ({
      method: "POST" as const,
      path: `/ofrep/v1/evaluate/flags/${set.flags[i % FLAGS]?.key}`,
      headers,
      body: JSON.stringify({ context: openFeatureContext(c) }),
    }));
    // Every request must be a real evaluation (200), or the numbers would measure errors.
    for (const r of requests.slice(0, 100)) {
      const response = await fetch(`${server.url}${r.path}`, { ...r });
      if (response.status !== 200) {
        throw new Error(`${r.path} answered ${response.status}: ${await response.text()}`);
      }
    }
    const result = await autocannon({
      url: server.url,
      connections: CONNECTIONS,
      duration: SECONDS,
      workers: 1,
      requests,
    });
    if (result.non2xx > 0 || result.errors > 0) {
      throw new Error(`${result.non2xx} non-2xx answers and ${result.errors} errors under load`);
    }
    return {
      ofrep_requests_per_s: Math.round(result.requests.total / result.duration),
      ofrep_p99_ms: result.latency.p99,
      connections: CONNECTIONS,
      flags: FLAGS,
    };
  } finally {
    await server.close();
  }
}
