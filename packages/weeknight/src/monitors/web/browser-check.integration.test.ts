import { existsSync } from "node:fs";
import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type BrowserMonitorConfig, monitorSchema } from "../../config/monitor-schema.js";
import type { CheckContext } from "../monitor-types.js";
import { createBrowserCheck } from "./browser-check.js";
import { type BrowserHost, createBrowserHost } from "./browser-host.js";
import { startTargetServer, type TargetServer } from "./test-support/target-server.js";

function browserConfig(input: Record<string, unknown>): BrowserMonitorConfig {
  const parsed = monitorSchema.parse({ name: "shop", type: "browser", ...input });
  if (parsed.type !== "browser") throw new Error("not a browser monitor");
  return parsed;
}

function runContext(): CheckContext {
  return {
    signal: new AbortController().signal,
    release: null,
    releaseSince: null,
    now: () => Date.now(),
  };
}

/** A port nothing listens on: bound, noted, and closed again. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
let target: TargetServer;

beforeAll(async () => {
  target = await startTargetServer();
});

afterAll(async () => {
  await target.close();
});

describe.skipIf(!existsSync(chromium))("browser check in the system's Chromium", () => {
  let browsers: BrowserHost;

  beforeAll(() => {
    browsers = createBrowserHost({ chromiumPath: chromium });
  });

  afterAll(async () => {
    await browsers.close();
  });

  it("passes when the text appears, and records the load time", async () => {
    const check = createBrowserCheck(
      browserConfig({
        url: "/page",
        wait_for: "text=Welcome back",
        conditions: ["[STATUS] == 200", "[LOAD_TIME] < 30s"],
      }),
      { baseUrl: target.url, browsers },
    );
    const outcome = await check.run(runContext());
    expect(outcome.status).toBe("pass");
    expect(outcome.parts?.[1]?.message).toMatch(/^\[LOAD_TIME\] < 30s passed: got \d+ ms$/);
    expect(typeof outcome.parts?.[1]?.value).toBe("number");
  });

  it("passes on a CSS selector too", async () => {
    const check = createBrowserCheck(
      browserConfig({ url: `${target.url}/page`, wait_for: "main#app" }),
      { browsers },
    );
    expect((await check.run(runContext())).status).toBe("pass");
  });

  it("fails when the text never appears", async () => {
    const check = createBrowserCheck(
      browserConfig({ url: `${target.url}/page`, wait_for: "text=Sold out", timeout: "1500ms" }),
      { browsers },
    );
    expect(await check.run(runContext())).toMatchObject({
      status: "fail",
      message: '"text=Sold out" did not appear within 1.5 s',
    });
  });

  it("fails on a page that returns an error status", async () => {
    const check = createBrowserCheck(browserConfig({ url: `${target.url}/nope` }), { browsers });
    expect(await check.run(runContext())).toMatchObject({
      status: "fail",
      message: "[STATUS] < 400 failed: got 404",
    });
  });

  it("fails with connection refused when nothing listens", async () => {
    const check = createBrowserCheck(
      browserConfig({ url: `http://127.0.0.1:${await closedPort()}/` }),
      {
        browsers,
      },
    );
    expect(await check.run(runContext())).toMatchObject({
      status: "fail",
      message: "connection refused",
    });
  });

  it("starts its own browser when none is shared, and closes it", async () => {
    const check = createBrowserCheck(
      browserConfig({ url: `${target.url}/page`, wait_for: "text=Welcome back" }),
      {
        chromiumPath: chromium,
      },
    );
    expect((await check.run(runContext())).status).toBe("pass");
    await check.close?.();
    expect(await check.run(runContext())).toMatchObject({ status: "inconclusive" });
  });
});

describe("browser check without Chromium", () => {
  it("is inconclusive when CHROMIUM_PATH points to a missing file", async () => {
    vi.stubEnv("CHROMIUM_PATH", "/nonexistent/chromium");
    try {
      const check = createBrowserCheck(browserConfig({ url: `${target.url}/page` }));
      const outcome = await check.run(runContext());
      await check.close?.();
      expect(outcome).toEqual({
        status: "inconclusive",
        durationMs: 0,
        message:
          "no Chromium installed: apt-get install chromium (or set CHROMIUM_PATH; looked for /nonexistent/chromium)",
      });
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it("refuses conditions a browser check cannot measure", () => {
    expect(() =>
      createBrowserCheck(
        browserConfig({ url: "https://shop.test/", conditions: ["[BODY].x == 1"] }),
      ),
    ).toThrow(
      'monitor "shop": [BODY] is not measured by this kind of check — use [STATUS], [RESPONSE_TIME], [HEADER], [LOAD_TIME], [CONNECTED]',
    );
  });
});
