import { createServer } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type HttpMonitorConfig, monitorSchema } from "../../config/monitor-schema.js";
import { InvalidInputError } from "../../errors/domain-errors.js";
import type { Check, CheckContext } from "../monitor-types.js";
import { createHttpCheck, type HttpCheckOptions } from "./http-check.js";
import { createHttpTransport, type HttpTransport } from "./http-transport.js";
import {
  type HealthMode,
  selfSignedCertificate,
  startTargetServer,
  type TargetServer,
} from "./test-support/target-server.js";

function httpConfig(input: Record<string, unknown>): HttpMonitorConfig {
  const parsed = monitorSchema.parse({ name: "home page", type: "http", ...input });
  if (parsed.type !== "http") throw new Error("not an http monitor");
  return parsed;
}

function runContext(signal = new AbortController().signal): CheckContext {
  return { signal, release: null, releaseSince: null, now: () => Date.now() };
}

let target: TargetServer;
let transport: HttpTransport;
const checks: Check[] = [];

function check(input: Record<string, unknown>, options: HttpCheckOptions = {}): Check {
  const created = createHttpCheck(httpConfig({ url: `${target.url}/health`, ...input }), {
    transport,
    ...options,
  });
  checks.push(created);
  return created;
}

async function runIn(mode: HealthMode, input: Record<string, unknown>, options?: HttpCheckOptions) {
  target.set(mode);
  return check(input, options).run(runContext());
}

/** A port nothing listens on: bound, noted, and closed again. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

beforeAll(async () => {
  target = await startTargetServer();
  transport = createHttpTransport();
});

afterEach(async () => {
  await Promise.all(checks.splice(0).map((c) => c.close?.()));
});

afterAll(async () => {
  await transport.close();
  await target.close();
});

describe("http check against a server that changes behaviour", () => {
  it("passes on 200 and fails on 503 with the condition that broke", async () => {
    const conditions = ["[STATUS] == 200", "[RESPONSE_TIME] < 5s"];
    const up = await runIn("ok", { conditions });
    expect(up.status).toBe("pass");
    expect(up.message).toMatch(/^HTTP 200 in \d+ ms$/);
    expect(up.parts?.map((p) => [p.name, p.status])).toEqual([
      ["[STATUS] == 200", "pass"],
      ["[RESPONSE_TIME] < 5s", "pass"],
    ]);
    const down = await runIn("down", { conditions });
    expect(down).toMatchObject({ status: "fail", message: "[STATUS] == 200 failed: got 503" });
    expect(down.parts?.[0]).toMatchObject({ status: "fail", value: 503 });
  });

  it("passes any non-error status when no condition is given", async () => {
    expect((await runIn("ok", {})).status).toBe("pass");
    expect(await runIn("down", {})).toMatchObject({
      status: "fail",
      message: "[STATUS] < 400 failed: got 503",
    });
  });

  it("fails a slow endpoint when its timeout is up", async () => {
    const outcome = await runIn("slow", { timeout: "300ms" });
    expect(outcome).toMatchObject({ status: "fail", message: "timed out after 300 ms" });
    expect(outcome.parts?.[0]?.message).toBe(
      "[STATUS] < 400 failed: no response (timed out after 300 ms)",
    );
  });

  it("fails a redirect loop and names the loop", async () => {
    const outcome = await runIn("loop", { max_redirects: 4 });
    expect(outcome.status).toBe("fail");
    expect(outcome.message).toBe(
      "redirect loop: /health → /bounce → /health → /bounce → /health → /bounce",
    );
  });

  it("follows redirects up to max_redirects", async () => {
    target.set("ok");
    const url = `${target.url}/redirect/3`;
    expect((await check({ url, max_redirects: 3 }).run(runContext())).status).toBe("pass");
    expect(await check({ url, max_redirects: 2 }).run(runContext())).toMatchObject({
      status: "fail",
      message: "more than 2 redirects: /redirect/3 → /redirect/2 → /redirect/1 → /health",
    });
    const unfollowed = check({
      url,
      max_redirects: 0,
      conditions: ["[STATUS] == 302", "[HEADER].location == /redirect/2"],
    });
    expect((await unfollowed.run(runContext())).status).toBe("pass");
  });

  it.each<HealthMode>(["huge", "huge-declared"])(
    "fails a %s body over 1 MiB, then recovers",
    async (mode) => {
      const c = check({});
      target.set(mode);
      expect(await c.run(runContext())).toMatchObject({
        status: "fail",
        message: "body larger than 1 MiB",
      });
      target.set("ok");
      expect((await c.run(runContext())).status).toBe("pass");
    },
  );

  it("reads a JSON health endpoint, and fails clearly when it is not JSON", async () => {
    const conditions = ["[BODY].status == ok", "len([BODY].checks) == 2"];
    expect((await runIn("json-ok", { conditions })).status).toBe("pass");
    expect(await runIn("json-degraded", { conditions })).toMatchObject({
      status: "fail",
      message: '[BODY].status == ok failed: got "degraded"',
    });
    const html = await runIn("not-json", { conditions });
    expect(html.status).toBe("fail");
    expect(html.message).toBe(
      '[BODY].status == ok failed: the body is not JSON (starts with "<html>maintenance</html>"); len([BODY].checks) == 2 failed: the body is not JSON (starts with "<html>maintenance</html>")',
    );
  });

  it("fails with connection refused, unless [CONNECTED] == false is what is wanted", async () => {
    const url = `http://127.0.0.1:${await closedPort()}/health`;
    expect(await check({ url }).run(runContext())).toMatchObject({
      status: "fail",
      message: "connection refused",
    });
    const stays = check({ url, conditions: ["[CONNECTED] == false"] });
    expect(await stays.run(runContext())).toMatchObject({ status: "pass" });
  });

  it("retries a failed run at once before reporting it", async () => {
    const flaky = await runIn("flaky", { retries: 2 });
    expect(flaky.status).toBe("pass");
    expect(target.healthRequests()).toBe(2);
    const down = await runIn("down", { retries: 2 });
    expect(down.message).toBe("[STATUS] < 400 failed: got 503 (failed 3 times in a row)");
    expect(target.healthRequests()).toBe(3);
  });

  it("sends the method, headers and body, with secrets filled in", async () => {
    const outcome = await check(
      {
        url: `${target.url}/echo`,
        method: "POST",
        headers: { Authorization: "Bearer ${API_TOKEN}", "Content-Type": "text/plain" },
        body: "hello ${NAME}",
        conditions: [
          "[BODY].method == POST",
          '[BODY].headers.authorization == "Bearer abc"',
          "[BODY].headers.user-agent == pat(Weeknight-Monitor/*)",
          "[BODY].body == 'hello Ada'",
        ],
      },
      { resolveSecrets: (text) => text.replace("${API_TOKEN}", "abc").replace("${NAME}", "Ada") },
    ).run(runContext());
    expect(outcome.message).toMatch(/^HTTP 200/);
  });

  it("reuses kept-alive connections across runs", async () => {
    target.set("ok");
    const c = check({});
    await c.run(runContext());
    const before = target.connections();
    for (let i = 0; i < 5; i++) expect((await c.run(runContext())).status).toBe("pass");
    expect(target.connections()).toBe(before);
  });

  it("reports a run cancelled from outside as inconclusive", async () => {
    target.set("slow");
    const controller = new AbortController();
    const running = check({}).run(runContext(controller.signal));
    setTimeout(() => controller.abort(), 50);
    expect(await running).toMatchObject({
      status: "inconclusive",
      message: "run cancelled before it finished",
    });
  });

  it("resolves paths against the environment's url", async () => {
    target.set("ok");
    const c = createHttpCheck(httpConfig({ url: "/health" }), {
      baseUrl: `${target.url}/`,
      transport,
    });
    expect((await c.run(runContext())).status).toBe("pass");
  });
});

describe("http check config errors", () => {
  const refused = (input: Record<string, unknown>, options: HttpCheckOptions = {}) => {
    try {
      createHttpCheck(httpConfig(input), options);
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidInputError);
      return (error as Error).message;
    }
    throw new Error("expected a config error");
  };

  it("refuses a path without an environment url", () => {
    expect(refused({ url: "/health" })).toBe(
      `monitor "home page": url "/health" is a path, and the environment has no url to resolve it against — give an absolute URL (https://…) or set the environment's url`,
    );
  });

  it.each(["ftp://example.com/x", "health", "http://"])("refuses the url %j", (url) => {
    expect(refused({ url })).toContain(`monitor "home page": invalid url "${url}"`);
  });

  it("refuses a bad condition when the config is loaded, naming the column", () => {
    const parsed = monitorSchema.safeParse({
      name: "home page",
      type: "http",
      url: "http://x.test/",
      conditions: ["[STATUS] = 200"],
    });
    expect(parsed.error?.issues[0]?.message).toBe(
      'condition "[STATUS] = 200": unknown operator "=" at column 10 — use ==, !=, <, <=, >, >=',
    );
  });

  it("refuses placeholders an http check cannot measure", () => {
    expect(refused({ url: "http://x.test/", conditions: ["[LOAD_TIME] < 2s"] })).toContain(
      "[LOAD_TIME] is not measured by this kind of check",
    );
  });
});

describe("https", () => {
  let tlsTarget: TargetServer;
  let cert: string;

  beforeAll(async () => {
    const pair = selfSignedCertificate(2);
    cert = pair.cert;
    tlsTarget = await startTargetServer(pair);
  });

  afterAll(async () => {
    await tlsTarget.close();
  });

  it("fails clearly on a certificate it does not trust", async () => {
    const outcome = await check({ url: `${tlsTarget.url}/health` }).run(runContext());
    expect(outcome).toMatchObject({
      status: "fail",
      message: "TLS error: self-signed certificate (DEPTH_ZERO_SELF_SIGNED_CERT)",
    });
  });

  it("measures the time left on a trusted certificate", async () => {
    const url = `${tlsTarget.url}/health`;
    const soon = check({ url, conditions: ["[CERTIFICATE_EXPIRATION] > 24h"] }, { ca: cert });
    expect(await soon.run(runContext())).toMatchObject({ status: "pass" });
    const later = check({ url, conditions: ["[CERTIFICATE_EXPIRATION] > 72h"] }, { ca: cert });
    const outcome = await later.run(runContext());
    expect(outcome.status).toBe("fail");
    expect(outcome.message).toMatch(/^\[CERTIFICATE_EXPIRATION\] > 72h failed: got 1d 23h$/);
  });

  it("has no certificate to measure on plain http", async () => {
    target.set("ok");
    expect(
      await check({ conditions: ["[CERTIFICATE_EXPIRATION] > 1h"] }).run(runContext()),
    ).toMatchObject({
      status: "fail",
      message: "[CERTIFICATE_EXPIRATION] > 1h failed: no TLS certificate (the URL is not https://)",
    });
  });
});
