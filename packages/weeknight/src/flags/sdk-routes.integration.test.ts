import type { FlagSet } from "@weeknight/flags-sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHttpApp, type HttpApp } from "../http/http-app.js";
import { sdkRoutes } from "./sdk-routes.js";
import {
  createStaticDelivery,
  type StaticDelivery,
  TEST_CALLER,
  TEST_SDK_KEY,
} from "./test-support/static-delivery.js";

const flagSet = (version: string, enabled = true): FlagSet => ({
  version,
  segments: [],
  flags: [
    {
      key: "new-checkout",
      type: "release",
      enabled,
      rules: [{ constraints: [], segments: [], rollout: 100, stickiness: "default" }],
    },
  ],
});

const auth = { authorization: `Bearer ${TEST_SDK_KEY}` };

describe("Weeknight SDK endpoints over loopback", () => {
  let app: HttpApp;
  let base: string;
  let delivery: StaticDelivery;

  beforeAll(async () => {
    delivery = createStaticDelivery({ flagSet: flagSet("v1") });
    app = await createHttpApp({
      version: "test",
      dashboardDir: null,
      authenticator: { authenticate: async () => null },
      routes: [sdkRoutes({ delivery })],
    });
    base = `${await app.listen({ host: "127.0.0.1", port: 0 })}/api/v1/sdk`;
  });
  afterAll(async () => {
    await app.close();
  });

  it.each([
    ["no header", {}, /missing SDK key/],
    ["an unknown key", { authorization: "Bearer nope" }, /unknown or revoked SDK key/],
    ["a raw key without Bearer", { authorization: TEST_SDK_KEY }, /missing SDK key/],
  ])("answers 401 to %s, saying what to send", async (_, headers, message) => {
    for (const [method, path] of [
      ["GET", "/flags"],
      ["GET", "/flags/stream"],
      ["POST", "/metrics"],
    ] as const) {
      const response = await fetch(`${base}${path}`, { method, headers });
      expect(response.status, `${method} ${path}`).toBe(401);
      expect(response.headers.get("www-authenticate")).toMatch(/^Bearer/);
      const body = (await response.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe("UNAUTHENTICATED");
      expect(body.error.message).toMatch(message);
      expect(body.error.message).toMatch(/Authorization: Bearer <sdk key>/);
    }
  });

  it("serves the flag set with an ETag, and 304 when the SDK has it", async () => {
    delivery.set(flagSet("v1"));
    const first = await fetch(`${base}/flags`, { headers: auth });
    expect(first.status).toBe(200);
    expect(first.headers.get("content-type")).toMatch(/^application\/json/);
    const etag = first.headers.get("etag");
    expect(etag).toBe(delivery.current().etag);
    expect(await first.json()).toEqual(flagSet("v1"));

    const again = await fetch(`${base}/flags`, {
      headers: { ...auth, "if-none-match": `${etag}` },
    });
    expect(again.status).toBe(304);
    expect(again.headers.get("etag")).toBe(etag);
    expect(await again.text()).toBe("");

    const listed = await fetch(`${base}/flags`, {
      headers: { ...auth, "if-none-match": `"other", W/${etag}` },
    });
    expect(listed.status).toBe(304);

    delivery.set(flagSet("v2"));
    const changed = await fetch(`${base}/flags`, {
      headers: { ...auth, "if-none-match": `${etag}` },
    });
    expect(changed.status).toBe(200);
    expect(changed.headers.get("etag")).not.toBe(etag);
    expect(((await changed.json()) as FlagSet).version).toBe("v2");
  });

  it("streams the flag set on connect and again on every change, then unsubscribes", async () => {
    delivery.set(flagSet("s1"));
    const controller = new AbortController();
    const response = await fetch(`${base}/flags/stream`, {
      headers: auth,
      signal: controller.signal,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const events = readEvents(response);

    const first = await events.next();
    expect(first).toEqual({ id: "1", event: "flags", data: flagSet("s1") });
    expect(delivery.subscriberCount()).toBe(1);

    // The same flags again (same ETag) are not re-sent; a real change is.
    delivery.set(flagSet("s1"));
    delivery.set(flagSet("s2", false));
    const second = await events.next();
    expect(second).toEqual({ id: "2", event: "flags", data: flagSet("s2", false) });

    controller.abort();
    await waitFor(() => delivery.subscriberCount() === 0);
  });

  it("takes evaluation counts with 202", async () => {
    delivery.reports.length = 0;
    const report = {
      appName: "checkout",
      instanceId: "pod-1",
      start: 1_700_000_000_000,
      stop: 1_700_000_060_000,
      flags: { "new-checkout": { yes: 3, no: 1, variants: { blue: 2 } } },
    };
    const response = await postMetrics(report);
    expect(response.status).toBe(202);
    expect(delivery.reports).toEqual([{ caller: TEST_CALLER, report }]);
  });

  it.each([
    ["a missing appName", { appName: undefined }, /body\.appName/],
    ["negative counts", { flags: { f: { yes: -1, no: 0, variants: {} } } }, /body\.flags\.f\.yes/],
    ["fractional counts", { flags: { f: { yes: 1.5, no: 0 } } }, /body\.flags\.f\.yes/],
    ["stop before start", { start: 10, stop: 5 }, /body\.stop: stop must not be before start/],
    ["a string start", { start: "yesterday" }, /body\.start/],
    ["an over-long flag key", { flags: { ["k".repeat(201)]: { yes: 1, no: 0 } } }, /body\.flags/],
    [
      "too many flags",
      {
        flags: Object.fromEntries(
          Array.from({ length: 5001 }, (_, i) => [`f${i}`, { yes: 1, no: 0 }]),
        ),
      },
      /at most 5000 flags per report/,
    ],
    [
      "too many variants",
      {
        flags: {
          f: {
            yes: 1,
            no: 0,
            variants: Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`v${i}`, 1])),
          },
        },
      },
      /at most 100 variants per flag/,
    ],
  ])("refuses a report with %s (400, naming the field)", async (_, change, message) => {
    delivery.reports.length = 0;
    const response = await postMetrics({
      appName: "checkout",
      instanceId: "pod-1",
      start: 1,
      stop: 2,
      flags: {},
      ...change,
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("INVALID_INPUT");
    expect(body.error.message).toMatch(message);
    expect(delivery.reports).toEqual([]);
  });

  it("refuses a report that is not JSON, and one over 1 MiB", async () => {
    const broken = await fetch(`${base}/metrics`, {
      method: "POST",
      headers: { ...auth, "content-type": "application/json" },
      body: "{not json",
    });
    expect(broken.status).toBe(400);
    const huge = await postMetrics({
      appName: "x".repeat(1024 * 1024),
      instanceId: "i",
      start: 1,
      stop: 2,
      flags: {},
    });
    expect(huge.status).toBe(413);
  });

  function postMetrics(body: unknown) {
    return fetch(`${base}/metrics`, {
      method: "POST",
      headers: { ...auth, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
  }
});

interface Event {
  id: string;
  event: string;
  data: unknown;
}

/** Parses `id:`/`event:`/`data:` blocks of an event stream (comments skipped). */
function readEvents(response: Response) {
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  return {
    async next(): Promise<Event> {
      for (;;) {
        const end = buffer.indexOf("\n\n");
        if (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const fields = new Map<string, string>();
          for (const line of block.split("\n")) {
            if (line.startsWith(":")) continue;
            const colon = line.indexOf(": ");
            fields.set(line.slice(0, colon), line.slice(colon + 2));
          }
          if (!fields.has("data")) continue;
          return {
            id: fields.get("id") ?? "",
            event: fields.get("event") ?? "message",
            data: JSON.parse(fields.get("data") ?? "null"),
          };
        }
        const { done, value } = await reader.read();
        if (done) throw new Error("the stream ended");
        buffer += decoder.decode(value, { stream: true });
      }
    },
  };
}

async function waitFor(condition: () => boolean, ms = 5000) {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
