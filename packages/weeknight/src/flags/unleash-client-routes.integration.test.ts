import { once } from "node:events";
import { type Context, compileFlags, type FlagSet } from "@weeknight/flags-sdk";
import { InMemStorageProvider, Unleash, type Context as UnleashContext } from "unleash-client";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  generateContexts,
  generateFlagSet,
} from "../../../flags-sdk/src/test-support/flag-fixtures.js";
import { createHttpApp, type HttpApp } from "../http/http-app.js";
import type { EvaluationReport } from "./flag-delivery.js";
import {
  createStaticDelivery,
  type StaticDelivery,
  TEST_CALLER,
  TEST_SDK_KEY,
} from "./test-support/static-delivery.js";
import { unleashClientRoutes } from "./unleash-client-routes.js";

// Both sides draw the same "random" number, so even random stickiness must decide identically.
const RANDOM = 0.4242;
const asUnleash = (context: Context) => context as UnleashContext;

async function startApp(delivery: StaticDelivery) {
  const app = await createHttpApp({
    version: "test",
    dashboardDir: null,
    authenticator: { authenticate: async () => null },
    routes: [],
    rootRoutes: [unleashClientRoutes({ delivery })],
  });
  return { app, url: await app.listen({ host: "127.0.0.1", port: 0 }) };
}

type Counts = EvaluationReport["flags"];

function addCounts(into: Counts, from: Counts) {
  for (const [key, c] of Object.entries(from)) {
    const total = into[key] ?? { yes: 0, no: 0, variants: {} };
    total.yes += c.yes;
    total.no += c.no;
    for (const [name, n] of Object.entries(c.variants)) {
      total.variants[name] = (total.variants[name] ?? 0) + n;
    }
    into[key] = total;
  }
}

describe("the real unleash-client against /api/client", () => {
  const set: FlagSet = generateFlagSet();
  const contexts = generateContexts(300, 21);
  let delivery: StaticDelivery;
  let app: HttpApp;
  let unleash: Unleash;
  const problems: unknown[] = [];

  beforeAll(async () => {
    delivery = createStaticDelivery({ flagSet: set, compile: { random: () => RANDOM } });
    const started = await startApp(delivery);
    app = started.app;
    unleash = new Unleash({
      appName: "weeknight-compat",
      instanceId: "compat-1",
      url: `${started.url}/api/`,
      refreshInterval: 150,
      metricsInterval: 200,
      customHeaders: { Authorization: TEST_SDK_KEY },
      storageProvider: new InMemStorageProvider(),
      skipInstanceCountWarning: true,
    });
    unleash.on("error", (error: unknown) => problems.push(error));
    unleash.on("warn", (warning: unknown) => problems.push(warning));
    await once(unleash, "synchronized");
  });
  afterAll(async () => {
    unleash?.destroy();
    await app?.close();
  });

  it("decides isEnabled and getVariant exactly as compileFlags, and its counts arrive", async () => {
    const ours = compileFlags(set, { random: () => RANDOM });
    const expected: Counts = {};
    const mismatches: string[] = [];
    vi.spyOn(Math, "random").mockReturnValue(RANDOM);
    try {
      for (const flag of set.flags) {
        const counts = { yes: 0, no: 0, variants: {} as Record<string, number> };
        for (const context of contexts) {
          const enabled = ours.isEnabled(flag.key, context);
          const variant = ours.getVariant(flag.key, context);
          const theirs = unleash.isEnabled(flag.key, asUnleash(context));
          const theirVariant = unleash.getVariant(flag.key, asUnleash(context));
          const same =
            theirs === enabled &&
            theirVariant.name === variant.name &&
            theirVariant.enabled === variant.enabled &&
            theirVariant.feature_enabled === variant.featureEnabled &&
            JSON.stringify(theirVariant.payload) === JSON.stringify(variant.payload);
          if (!same && mismatches.length < 3) {
            mismatches.push(`${flag.key} ${JSON.stringify(context)}: ${theirs} vs ${enabled}`);
          }
          // isEnabled counts once, getVariant once more and its variant.
          counts[enabled ? "yes" : "no"] += 1;
          counts[variant.featureEnabled ? "yes" : "no"] += 1;
          counts.variants[variant.name] = (counts.variants[variant.name] ?? 0) + 1;
        }
        expected[flag.key] = counts;
      }
    } finally {
      vi.restoreAllMocks();
    }
    expect(mismatches).toEqual([]);
    const outcomes = set.flags.map((f) => new Set(contexts.map((c) => ours.isEnabled(f.key, c))));
    expect(outcomes.filter((o) => o.size === 2).length).toBeGreaterThanOrEqual(15);

    const received: Counts = {};
    const evaluations = contexts.length * set.flags.length * 2;
    await waitFor(() => {
      for (const key of Object.keys(received)) delete received[key];
      for (const { report } of delivery.reports) addCounts(received, report.flags);
      const total = Object.values(received).reduce((n, c) => n + c.yes + c.no, 0);
      return total >= evaluations;
    });
    expect(received).toEqual(expected);
    const report = delivery.reports[0];
    expect(report?.caller).toEqual(TEST_CALLER);
    expect(report?.report).toMatchObject({ appName: "weeknight-compat", instanceId: "compat-1" });
    expect(report?.report.stop).toBeGreaterThanOrEqual(report?.report.start ?? Infinity);
    expect(problems).toEqual([]);
  });

  it("registers itself", async () => {
    await waitFor(() => delivery.registrations.length > 0);
    const [registration] = delivery.registrations;
    expect(registration?.caller).toEqual(TEST_CALLER);
    expect(registration?.client).toMatchObject({
      appName: "weeknight-compat",
      instanceId: "compat-1",
      sdkVersion: expect.stringMatching(/^unleash-node-sdk:6\.12\.1$/),
      interval: 200,
    });
    expect(Math.abs((registration?.client.started ?? 0) - Date.now())).toBeLessThan(60_000);
  });

  it("polls with its ETag (304, unchanged) and picks up a change", async () => {
    await once(unleash, "unchanged");
    expect(unleash.isEnabled("no-rules")).toBe(false);
    delivery.set({
      ...set,
      version: "changed",
      flags: set.flags.map((f) =>
        f.key === "no-rules"
          ? {
              ...f,
              rules: [{ constraints: [], segments: [], rollout: 100, stickiness: "default" }],
            }
          : f,
      ),
    });
    await once(unleash, "changed");
    expect(unleash.isEnabled("no-rules")).toBe(true);
    expect(problems).toEqual([]);
  });
});

describe("/api/client over raw HTTP", () => {
  let delivery: StaticDelivery;
  let app: HttpApp;
  let url: string;

  beforeAll(async () => {
    delivery = createStaticDelivery({ flagSet: generateFlagSet() });
    ({ app, url } = await startApp(delivery));
  });
  afterAll(async () => {
    await app.close();
  });

  it("serves the features to a raw or Bearer key, with an ETag and 304", async () => {
    for (const authorization of [TEST_SDK_KEY, `Bearer ${TEST_SDK_KEY}`]) {
      const response = await fetch(`${url}/api/client/features?namePrefix=x`, {
        headers: { authorization },
      });
      expect(response.status).toBe(200);
      const etag = response.headers.get("etag");
      expect(etag).toBe(delivery.current().etag);
      expect(await response.json()).toEqual(JSON.parse(JSON.stringify(delivery.current().unleash)));
      const again = await fetch(`${url}/api/client/features`, {
        headers: { authorization, "if-none-match": `${etag}` },
      });
      expect(again.status).toBe(304);
    }
  });

  it("answers 401 without a known key, on every route", async () => {
    for (const [method, path] of [
      ["GET", "/api/client/features"],
      ["POST", "/api/client/register"],
      ["POST", "/api/client/metrics"],
    ] as const) {
      const refusals: Record<string, string>[] = [
        {},
        { authorization: "wrong" },
        { authorization: "Bearer wrong" },
      ];
      for (const headers of refusals) {
        const response = await fetch(`${url}${path}`, { method, headers });
        expect(response.status, `${method} ${path} ${JSON.stringify(headers)}`).toBe(401);
        const body = (await response.json()) as { error: { message: string } };
        expect(body.error.message).toMatch(/customHeaders: \{ Authorization: key \}/);
      }
    }
  });

  const post = (path: string, body: unknown) =>
    fetch(`${url}/api/client/${path}`, {
      method: "POST",
      headers: { authorization: TEST_SDK_KEY, "content-type": "application/json" },
      body: JSON.stringify(body),
    });

  it("takes metrics with ISO dates or epoch ms", async () => {
    delivery.reports.length = 0;
    const toggles = { "no-rules": { yes: 0, no: 2, variants: { disabled: 2 } } };
    const iso = await post("metrics", {
      appName: "a",
      instanceId: "i",
      bucket: { start: "2030-01-01T00:00:00.000Z", stop: "2030-01-01T00:01:00.000Z", toggles },
      platformName: "node",
    });
    expect(iso.status).toBe(202);
    expect(delivery.reports).toEqual([
      {
        caller: TEST_CALLER,
        report: {
          appName: "a",
          instanceId: "i",
          start: Date.UTC(2030, 0, 1),
          stop: Date.UTC(2030, 0, 1, 0, 1),
          flags: toggles,
        },
      },
    ]);
    const epoch = await post("metrics", {
      appName: "a",
      instanceId: "i",
      bucket: { start: 1, stop: 2, toggles: {} },
    });
    expect(epoch.status).toBe(202);
  });

  it.each([
    ["metrics without a bucket", "metrics", { appName: "a", instanceId: "i" }, /body\.bucket/],
    [
      "metrics with a bad date",
      "metrics",
      { appName: "a", instanceId: "i", bucket: { start: "soon", stop: 2, toggles: {} } },
      /body\.bucket\.start: must be an ISO 8601 date/,
    ],
    [
      "metrics with a string count",
      "metrics",
      {
        appName: "a",
        instanceId: "i",
        bucket: { start: 1, stop: 2, toggles: { f: { yes: "1", no: 0 } } },
      },
      /body\.bucket\.toggles\.f\.yes/,
    ],
    [
      "a registration without appName",
      "register",
      { instanceId: "i", started: 1 },
      /body\.appName/,
    ],
    [
      "a registration with a bad date",
      "register",
      { appName: "a", instanceId: "i", started: "not a date" },
      /body\.started/,
    ],
  ])("answers 400 to %s, naming the field", async (_, path, body, message) => {
    const response = await post(path, body);
    expect(response.status).toBe(400);
    const error = ((await response.json()) as { error: { message: string } }).error;
    expect(error.message).toMatch(message);
  });
});

async function waitFor(condition: () => boolean, ms = 10_000) {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
