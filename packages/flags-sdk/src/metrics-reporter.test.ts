import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { METRICS_PATH } from "./metrics-reporter.js";
import {
  flag,
  flagSet,
  type Harness,
  nextError,
  startHarness,
} from "./test-support/client-harness.js";

const flags = flagSet(
  "1",
  flag("new-checkout"),
  flag("killed", { enabled: false }),
  flag("colors", {
    variants: [
      { name: "blue", weight: 1, payload: { type: "string", value: "#00f" } },
      { name: "red", weight: 1, payload: { type: "string", value: "#f00" } },
    ],
  }),
);

let h: Harness;
let now: number;
beforeEach(async () => {
  h = await startHarness(flags);
  now = 1_700_000_000_000;
});
afterEach(() => h.cleanup());

const client = (metricsIntervalMs: number) =>
  h.client({ metricsIntervalMs, appName: "checkout-api", instanceId: "pod-1", now: () => now });

describe("evaluation metrics", () => {
  it("reports yes/no per flag and variant names, only when there are counts", async () => {
    const flags = client(30);
    await flags.ready();
    for (const userId of ["u1", "u2", "u3"]) flags.isEnabled("new-checkout", { userId });
    flags.isEnabled("killed", { userId: "u1" });
    flags.isEnabled("no-such-flag");
    const variants = ["u1", "u2", "u3", "u4"].map((userId) =>
      flags.getVariant("colors", { userId }),
    );
    flags.getVariant("killed");
    now += 5000;
    const sent = await h.server.waitForRequest(METRICS_PATH, 202);
    expect(sent.method).toBe("POST");
    const byName = (name: string) => variants.filter((v) => v.name === name).length;
    expect(h.server.metrics).toEqual([
      {
        appName: "checkout-api",
        instanceId: "pod-1",
        start: 1_700_000_000_000,
        stop: 1_700_000_005_000,
        flags: {
          "new-checkout": { yes: 3, no: 0, variants: {} },
          killed: { yes: 0, no: 2, variants: { disabled: 1 } },
          "no-such-flag": { yes: 0, no: 1, variants: {} },
          colors: {
            yes: 4,
            no: 0,
            variants: Object.fromEntries(
              ["blue", "red"].filter(byName).map((name) => [name, byName(name)]),
            ),
          },
        },
      },
    ]);
    // Nothing evaluated since: several intervals pass without a report.
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(h.server.requests.filter((r) => r.path === METRICS_PATH)).toHaveLength(1);
  });

  it("keeps the counts of a failed report and merges them into the next one", async () => {
    h.server.failMetrics(1);
    const flags = client(30);
    await flags.ready();
    flags.isEnabled("new-checkout", { userId: "u1" });
    const failed = nextError(flags, "METRICS_FAILED");
    now += 1000;
    expect((await failed).message).toMatch(
      /POST .*\/api\/v1\/sdk\/metrics answered 503\. Counts are kept for the next report\./,
    );
    flags.isEnabled("new-checkout", { userId: "u2" });
    flags.isEnabled("killed", { userId: "u2" });
    now += 1000;
    await h.server.waitForRequest(METRICS_PATH, 202);
    expect(h.server.metrics).toEqual([
      {
        appName: "checkout-api",
        instanceId: "pod-1",
        start: 1_700_000_000_000,
        stop: 1_700_000_002_000,
        flags: {
          "new-checkout": { yes: 2, no: 0, variants: {} },
          killed: { yes: 0, no: 1, variants: {} },
        },
      },
    ]);
  });

  it("close() sends what is left, once", async () => {
    const flags = client(60_000);
    await flags.ready();
    flags.isEnabled("new-checkout", { userId: "u1" });
    await flags.close();
    expect(h.server.metrics).toMatchObject([{ flags: { "new-checkout": { yes: 1, no: 0 } } }]);
  });

  it("metricsIntervalMs 0 counts nothing and sends nothing", async () => {
    const flags = client(0);
    await flags.ready();
    flags.isEnabled("new-checkout", { userId: "u1" });
    await flags.close();
    expect(h.server.requests.filter((r) => r.path === METRICS_PATH)).toEqual([]);
  });
});
