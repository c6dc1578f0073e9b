import autocannon from "autocannon";
import type { Context, FlagSet } from "../packages/flags-sdk/src/flag-types.js";
import {
  benchFlagSet,
  generateContexts,
} from "../packages/flags-sdk/src/test-support/flag-fixtures.js";
import { ofrepRoutes } from "../packages/weeknight/src/flags/ofrep-routes.js";
import {
  createStaticDelivery,
  TEST_SDK_KEY,
} from "../packages/weeknight/src/flags/test-support/static-delivery.js";
import { createHttpApp } from "../packages/weeknight/src/http/http-app.js";

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

/** The server under load: the whole HTTP app with the OFREP routes over a delivery of `flags`. */
async function startOfrepServer(flags: FlagSet): Promise<OfrepServer> {
  const delivery = createStaticDelivery({ flagSet: flags });
  const app = await createHttpApp({
    version: "bench",
    dashboardDir: null,
    authenticator: { authenticate: async () => null },
    routes: [],
    rootRoutes: [ofrepRoutes({ delivery })],
  });
  const url = await app.listen({ host: "127.0.0.1", port: 0 });
  return { url, sdkKey: TEST_SDK_KEY, close: () => app.close() };
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
