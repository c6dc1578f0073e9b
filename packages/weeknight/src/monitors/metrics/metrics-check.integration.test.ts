import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { monitorSchema } from "../../config/monitor-schema.js";
import { InvalidInputError } from "../../errors/domain-errors.js";
import type { CheckContext } from "../monitor-types.js";
import { createMetricsCheck } from "./index.js";

/** What the app's /metrics does next; tests change it between scrapes. */
interface Behaviour {
  status: number;
  body: string;
  /** Never answer (a hung app). */
  hang?: boolean;
  /** Redirect to this path. */
  redirect?: string;
  /** Stream this many bytes of valid metrics without a Content-Length. */
  streamBytes?: number;
}

let server: Server;
let base: string;
let behaviour: Behaviour;
const requests: { url: string; headers: IncomingHttpHeaders }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    requests.push({ url: req.url ?? "", headers: req.headers });
    if (behaviour.hang) return;
    if (behaviour.redirect !== undefined) {
      res.writeHead(302, { location: behaviour.redirect }).end();
      return;
    }
    if (behaviour.streamBytes !== undefined) {
      res.writeHead(200, { "content-type": "text/plain; version=0.0.4" });
      const line = `filler_metric{padding="${"x".repeat(1000)}"} 1\n`;
      let sent = 0;
      const write = () => {
        while (sent < (behaviour.streamBytes ?? 0)) {
          sent += line.length;
          if (!res.write(line)) return void res.once("drain", write);
        }
        res.end();
      };
      res.on("error", () => {});
      write();
      return;
    }
    res.writeHead(behaviour.status, {
      "content-type": "text/plain; version=0.0.4",
      "content-length": Buffer.byteLength(behaviour.body),
    });
    res.end(behaviour.body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  behaviour = { status: 200, body: "" };
  requests.length = 0;
});

const MINUTE = 60_000;

/** A run context whose clock the test moves. */
function clock(startMs = 1_700_000_000_000) {
  let now = startMs;
  const controller = new AbortController();
  const context: CheckContext = {
    signal: controller.signal,
    release: "b12-d7",
    releaseSince: startMs,
    now: () => now,
  };
  return {
    context,
    advance: (ms: number) => {
      now += ms;
    },
    abort: () => controller.abort(),
  };
}

function metricsConfig(fields: Record<string, unknown>) {
  const config = monitorSchema.parse({ name: "app metrics", type: "metrics", ...fields });
  if (config.type !== "metrics") throw new Error("not a metrics monitor");
  return config;
}

const appMetrics = (ok: number, errors: number, queue: string) =>
  [
    "# HELP http_requests_total Requests.",
    "# TYPE http_requests_total counter",
    `http_requests_total{code="200",path="/"} ${ok}`,
    errors > 0 ? `http_requests_total{code="500",path="/"} ${errors}` : "",
    "# TYPE queue_depth gauge",
    `queue_depth ${queue}`,
    "",
  ].join("\n");

describe("metrics check against a real app", () => {
  const rules = [
    {
      name: "error ratio",
      ratio: { numerator: 'http_requests_total{code=~"5.."}', denominator: "http_requests_total" },
      below: 0.05,
      min_rate: 0.1,
    },
    { name: "traffic", rate: "http_requests_total", above: 0, window: "2m" },
    { name: "queue", gauge: "queue_depth", below: 100 },
  ];

  it("follows a growing counter, an error jump, a restart, a NaN gauge and malformed text", async () => {
    const check = createMetricsCheck(metricsConfig({ url: "/metrics", rules }), { baseUrl: base });
    const { context, advance } = clock();

    behaviour.body = appMetrics(1000, 0, "3");
    const first = await check.run(context);
    expect(first.status).toBe("inconclusive");
    expect(first.message).toBe(
      "error ratio: not enough scrapes in the 5m window yet (1 of 2); traffic: not enough scrapes in the 2m window yet (1 of 2)",
    );
    expect(first.parts?.map((p) => [p.name, p.status, p.value])).toEqual([
      ["error ratio", "inconclusive", null],
      ["traffic", "inconclusive", null],
      ["queue", "pass", 3],
    ]);
    expect(requests[0]?.url).toBe("/metrics");
    expect(requests[0]?.headers.accept).toBe("text/plain;version=0.0.4");

    advance(MINUTE);
    behaviour.body = appMetrics(1600, 0, "3"); // 10 req/s, no errors
    const healthy = await check.run(context);
    expect(healthy).toMatchObject({ status: "pass", message: "all 3 rules pass" });
    expect(healthy.parts?.map((p) => p.message)).toEqual([
      'error ratio 0% is below 5% (http_requests_total{code=~"5.."} 0/s ÷ 10/s over 5m)',
      "traffic 10/s is above 0/s (http_requests_total over 2m)",
      "queue 3 is below 100 (queue_depth)",
    ]);

    advance(MINUTE);
    behaviour.body = appMetrics(2140, 60, "3"); // 600 more requests, 60 of them errors: 1/s
    const broken = await check.run(context);
    expect(broken.status).toBe("fail");
    // over the 2 minutes in the window: 1200 requests, 60 errors
    expect(broken.message).toBe(
      'error ratio 5% is not below 5% (http_requests_total{code=~"5.."} 0.5/s ÷ 10/s over 5m)',
    );

    advance(MINUTE);
    behaviour.body = appMetrics(300, 0, "3"); // the app restarted: counters start again
    const restarted = await check.run(context);
    expect(restarted.parts?.[1]?.message).toBe(
      "traffic 7.5/s is above 0/s (http_requests_total over 2m)", // (600 + 300) / 120 s
    );

    advance(MINUTE);
    behaviour.body = appMetrics(900, 0, "NaN");
    const nan = await check.run(context);
    expect(nan.status).toBe("inconclusive"); // errors: 60 of 2100 requests in the 5m window
    expect(nan.parts?.[2]).toEqual({
      name: "queue",
      status: "inconclusive",
      message: "queue: queue_depth is NaN",
      value: null,
    });

    advance(MINUTE);
    behaviour.body = 'http_requests_total{code="200} 5\n';
    const malformed = await check.run(context);
    expect(malformed).toEqual({
      status: "fail",
      durationMs: 0,
      message: `scrape of ${base}/metrics failed: metrics line 1: label value not closed`,
    });

    // a failed scrape adds nothing: the rates still come from the good scrapes
    advance(MINUTE);
    behaviour.body = appMetrics(1500, 0, "3");
    const recovered = await check.run(context);
    expect(recovered.parts?.[1]?.message).toBe(
      "traffic 5/s is above 0/s (http_requests_total over 2m)", // 600 / 120 s
    );
    expect(recovered.status).toBe("pass");
  });

  it("sends the configured headers with secrets resolved", async () => {
    const check = createMetricsCheck(
      metricsConfig({
        url: `${base}/metrics`,
        headers: { Authorization: "Bearer ${METRICS_TOKEN}", Accept: "text/plain" },
        rules: [{ name: "queue", gauge: "queue_depth", below: 10 }],
      }),
      { resolveSecrets: (text) => text.replace("${METRICS_TOKEN}", "s3cret") },
    );
    behaviour.body = appMetrics(1, 0, "1");
    expect((await check.run(clock().context)).status).toBe("pass");
    expect(requests[0]?.headers.authorization).toBe("Bearer s3cret");
    expect(requests[0]?.headers.accept).toBe("text/plain");
  });

  it("fails with the reason when a secret is missing", async () => {
    const check = createMetricsCheck(
      metricsConfig({
        url: `${base}/metrics`,
        headers: { Authorization: "Bearer ${NOPE}" },
        rules: [{ name: "queue", gauge: "queue_depth", below: 10 }],
      }),
      {
        resolveSecrets: () => {
          throw new InvalidInputError("secret NOPE is not set; add it with weeknight secret set");
        },
      },
    );
    const outcome = await check.run(clock().context);
    expect(outcome.message).toBe(
      `scrape of ${base}/metrics failed: secret NOPE is not set; add it with weeknight secret set`,
    );
    expect(requests).toHaveLength(0);
  });
});

describe("metrics check scrape failures", () => {
  const rules = [{ name: "queue", gauge: "queue_depth", below: 100 }];
  const run = async (fields: Record<string, unknown> = {}) => {
    const check = createMetricsCheck(metricsConfig({ url: `${base}/metrics`, rules, ...fields }));
    const outcome = await check.run(clock().context);
    expect(outcome.status).toBe("fail");
    expect(outcome.parts).toBeUndefined();
    return outcome.message;
  };

  it("fails on a non-2xx answer, quoting the start of the body", async () => {
    behaviour = { status: 503, body: "database\n  unavailable" };
    expect(await run()).toBe(
      `scrape of ${base}/metrics failed: answered HTTP 503: database unavailable`,
    );
  });

  it("fails when the connection is refused", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const message = await run({ url: `http://127.0.0.1:${port}/metrics` });
    expect(message).toBe(`scrape of http://127.0.0.1:${port}/metrics failed: connection refused`);
  });

  it("fails when the app does not answer within the timeout", async () => {
    behaviour = { status: 200, body: "", hang: true };
    expect(await run({ timeout: "300ms" })).toBe(
      `scrape of ${base}/metrics failed: no answer within 300 ms`,
    );
  });

  it("stops when the run is cancelled", async () => {
    behaviour = { status: 200, body: "", hang: true };
    const check = createMetricsCheck(metricsConfig({ url: `${base}/metrics`, rules }));
    const { context, abort } = clock();
    const running = check.run(context);
    setTimeout(abort, 50);
    expect((await running).message).toBe(`scrape of ${base}/metrics failed: cancelled`);
  });

  it("leaves no listener on the run's signal after many scrapes", async () => {
    behaviour = { status: 200, body: "queue_depth 1\n" };
    const check = createMetricsCheck(metricsConfig({ url: `${base}/metrics`, rules }));
    const { context } = clock();
    let listeners = 0;
    const signal = context.signal;
    const add = signal.addEventListener.bind(signal);
    const remove = signal.removeEventListener.bind(signal);
    signal.addEventListener = (...args: Parameters<AbortSignal["addEventListener"]>) => {
      listeners++;
      add(...args);
    };
    signal.removeEventListener = (...args: Parameters<AbortSignal["removeEventListener"]>) => {
      listeners--;
      remove(...args);
    };
    for (let i = 0; i < 20; i++) expect((await check.run(context)).status).toBe("pass");
    expect(listeners).toBe(0);
  });

  it("refuses a body over 10 MiB", async () => {
    behaviour = { status: 200, body: "", streamBytes: 11 * 1024 * 1024 };
    expect(await run()).toBe(
      `scrape of ${base}/metrics failed: answered more than the 10 MiB limit`,
    );
  });

  it("refuses a declared Content-Length over 10 MiB before reading it", async () => {
    behaviour = { status: 200, body: `queue_depth 1\n# ${"x".repeat(10 * 1024 * 1024)}\n` };
    expect(await run()).toMatch(/failed: answered 1048\d{4} bytes, more than the 10 MiB limit$/);
  });

  it("follows a redirect, and gives up on a redirect loop", async () => {
    behaviour = { status: 200, body: "", redirect: "/metrics" };
    expect(await run()).toBe(
      `scrape of ${base}/metrics failed: answered HTTP 302 (too many redirects)`,
    );
    expect(requests.length).toBeGreaterThan(1);
  });

  it("hides the query and userinfo of the URL in messages", async () => {
    behaviour = { status: 401, body: "" };
    const port = new URL(base).port;
    expect(await run({ url: `http://user:pw@127.0.0.1:${port}/metrics?token=abc` })).toBe(
      `scrape of http://127.0.0.1:${port}/metrics failed: answered HTTP 401`,
    );
  });
});

describe("createMetricsCheck refuses bad config", () => {
  const rules = [{ name: "queue", gauge: "queue_depth", below: 100 }];

  it("refuses a relative URL without a base", () => {
    expect(() => createMetricsCheck(metricsConfig({ url: "/metrics", rules }))).toThrow(
      'metrics monitor "app metrics": url /metrics is relative and the environment has no url',
    );
  });

  it("refuses a URL that is not http", () => {
    expect(() => createMetricsCheck(metricsConfig({ url: "ftp://host/metrics", rules }))).toThrow(
      "must be an http:// or https:// address",
    );
  });

  it("refuses a rate window shorter than the interval", () => {
    const short = [{ name: "errors", rate: "errors_total", below: 1, window: "30s" }];
    expect(() =>
      createMetricsCheck(metricsConfig({ url: "http://127.0.0.1/metrics", rules: short })),
    ).toThrow(
      'metrics rule "errors": window 30s is shorter than the monitor\'s interval 1m, so it can never hold the two scrapes a rate needs; make the window at least 2m',
    );
  });

  it("refuses an invalid selector when the config is loaded, naming the rule", () => {
    const bad = [{ name: "errors", rate: 'x{code=~"5(("}', below: 1 }];
    const parsed = monitorSchema.safeParse({
      name: "app metrics",
      type: "metrics",
      url: "http://127.0.0.1/metrics",
      rules: bad,
    });
    expect(parsed.error?.issues[0]).toMatchObject({
      path: ["rules", 0, "rate"],
      message: expect.stringMatching(/series selector .*invalid regular expression/),
    });
  });
});
