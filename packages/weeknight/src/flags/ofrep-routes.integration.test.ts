import { OFREPProvider } from "@openfeature/ofrep-provider";
import { type Client, OpenFeature } from "@openfeature/server-sdk";
import { compileFlags, type FlagSet, type Rule, type Variant } from "@weeknight/flags-sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHttpApp, type HttpApp } from "../http/http-app.js";
import type { FlagDelivery } from "./flag-delivery.js";
import { OFREP_MAX_BODY_BYTES, ofrepRoutes } from "./ofrep-routes.js";
import {
  createStaticDelivery,
  type StaticDelivery,
  TEST_SDK_KEY,
} from "./test-support/static-delivery.js";

const rule = (r: Partial<Rule> = {}): Rule => ({
  constraints: [],
  segments: [],
  rollout: 100,
  stickiness: "default",
  ...r,
});
const one = (variant: Variant): Variant[] => [variant];

const FLAGS: FlagSet = {
  version: "ofrep-1",
  segments: [],
  flags: [
    { key: "bool-on", type: "release", enabled: true, rules: [rule()] },
    {
      key: "admins-only",
      type: "permission",
      enabled: true,
      rules: [rule({ constraints: [{ contextName: "role", operator: "IN", values: ["admin"] }] })],
    },
    {
      key: "adults",
      type: "release",
      enabled: true,
      rules: [rule({ constraints: [{ contextName: "age", operator: "NUM_GTE", value: "18" }] })],
    },
    {
      key: "beta-testers",
      type: "release",
      enabled: true,
      rules: [rule({ constraints: [{ contextName: "beta", operator: "IN", values: ["true"] }] })],
    },
    {
      key: "pro-plan",
      type: "release",
      enabled: true,
      rules: [rule({ constraints: [{ contextName: "plan", operator: "IN", values: ["pro"] }] })],
    },
    { key: "killed", type: "kill-switch", enabled: false, rules: [rule()] },
    { key: "rollout-30", type: "release", enabled: true, rules: [rule({ rollout: 30 })] },
    {
      key: "color",
      type: "experiment",
      enabled: true,
      rules: [rule()],
      variants: one({ name: "blue", weight: 1, payload: { type: "string", value: "blue" } }),
    },
    {
      key: "price",
      type: "experiment",
      enabled: true,
      rules: [rule()],
      variants: one({ name: "cheap", weight: 1, payload: { type: "number", value: "9.5" } }),
    },
    {
      key: "layout",
      type: "experiment",
      enabled: true,
      rules: [rule()],
      variants: one({ name: "wide", weight: 1, payload: { type: "json", value: '{"columns":3}' } }),
    },
    {
      key: "named",
      type: "experiment",
      enabled: true,
      rules: [rule()],
      variants: one({ name: "plain", weight: 1 }),
    },
    {
      key: "split",
      type: "experiment",
      enabled: true,
      rules: [rule()],
      variants: [
        { name: "a", weight: 50, payload: { type: "string", value: "A" } },
        { name: "b", weight: 50, payload: { type: "string", value: "B" } },
      ],
    },
    {
      key: "color-for-admins",
      type: "experiment",
      enabled: true,
      rules: [rule({ constraints: [{ contextName: "role", operator: "IN", values: ["admin"] }] })],
      variants: one({ name: "red", weight: 1, payload: { type: "string", value: "red" } }),
    },
    {
      key: "bad-json",
      type: "experiment",
      enabled: true,
      rules: [rule()],
      variants: one({ name: "broken", weight: 1, payload: { type: "json", value: "{nope" } }),
    },
  ],
};

const metadata = (type: string) => ({ type, version: "ofrep-1" });

async function startApp(delivery: FlagDelivery): Promise<{ app: HttpApp; url: string }> {
  const app = await createHttpApp({
    version: "test",
    dashboardDir: null,
    authenticator: { authenticate: async () => null },
    routes: [],
    rootRoutes: [ofrepRoutes({ delivery })],
  });
  return { app, url: await app.listen({ host: "127.0.0.1", port: 0 }) };
}

describe("OFREP with the real OpenFeature OFREP provider", () => {
  let app: HttpApp;
  let url: string;
  let delivery: StaticDelivery;
  let client: Client;
  let refused: Client;

  beforeAll(async () => {
    delivery = createStaticDelivery({ flagSet: FLAGS });
    ({ app, url } = await startApp(delivery));
    await OpenFeature.setProviderAndWait(
      "weeknight",
      new OFREPProvider({ baseUrl: url, headers: { Authorization: `Bearer ${TEST_SDK_KEY}` } }),
    );
    await OpenFeature.setProviderAndWait(
      "wrong-key",
      new OFREPProvider({ baseUrl: url, headers: { "X-API-Key": "not-a-key" } }),
    );
    client = OpenFeature.getClient("weeknight");
    refused = OpenFeature.getClient("wrong-key");
  });
  afterAll(async () => {
    await OpenFeature.close();
    await app.close();
  });

  it("evaluates a boolean flag", async () => {
    const on = await client.getBooleanDetails("bool-on", false, { targetingKey: "u1" });
    expect(on).toMatchObject({ value: true, reason: "TARGETING_MATCH", variant: "on" });
    expect(on.flagMetadata).toEqual(metadata("release"));
    expect(on.errorCode).toBeUndefined();
    const killed = await client.getBooleanDetails("killed", true, { targetingKey: "u1" });
    expect(killed).toMatchObject({ value: false, reason: "DISABLED", variant: "off" });
    const notMatched = await client.getBooleanDetails("admins-only", true, { role: "viewer" });
    expect(notMatched).toMatchObject({ value: false, reason: "DEFAULT", variant: "off" });
  });

  it("maps OpenFeature attributes to context fields: strings, numbers and booleans", async () => {
    expect(await client.getBooleanValue("admins-only", false, { role: "admin" })).toBe(true);
    expect(await client.getBooleanValue("adults", false, { age: 42 })).toBe(true);
    expect(await client.getBooleanValue("adults", true, { age: 17 })).toBe(false);
    expect(await client.getBooleanValue("beta-testers", false, { beta: true })).toBe(true);
    expect(await client.getBooleanValue("beta-testers", true, { beta: false })).toBe(false);
    const nested = { plan: "pro", address: { city: "Lyon" }, tags: ["a"] };
    expect(await client.getBooleanValue("pro-plan", false, nested)).toBe(true);
  });

  it("evaluates string, number and object variants", async () => {
    expect(await client.getStringDetails("color", "red", { targetingKey: "u1" })).toMatchObject({
      value: "blue",
      variant: "blue",
      reason: "TARGETING_MATCH",
    });
    expect(await client.getNumberValue("price", 0, { targetingKey: "u1" })).toBe(9.5);
    expect(await client.getObjectValue("layout", {}, { targetingKey: "u1" })).toEqual({
      columns: 3,
    });
    expect(await client.getStringValue("named", "", { targetingKey: "u1" })).toBe("plain");
    const split = await client.getStringDetails("split", "", { targetingKey: "u1" });
    expect(split.reason).toBe("SPLIT");
    expect(["A", "B"]).toContain(split.value);
    const expected = compileFlags(FLAGS).getVariant("split", { userId: "u1" });
    expect(split.variant).toBe(expected.name);
  });

  it("answers FLAG_NOT_FOUND with the code's default", async () => {
    const missing = await client.getBooleanDetails("no-such-flag", true, { targetingKey: "u1" });
    expect(missing).toMatchObject({ value: true, reason: "ERROR", errorCode: "FLAG_NOT_FOUND" });
    expect(missing.errorMessage).toMatch(/no flag "no-such-flag"/);
  });

  it("reports TYPE_MISMATCH when the flag's value is not the type asked for", async () => {
    const asString = await client.getStringDetails("bool-on", "fallback", { targetingKey: "u1" });
    expect(asString).toMatchObject({ value: "fallback", errorCode: "TYPE_MISMATCH" });
    const asNumber = await client.getNumberDetails("color", 7, { targetingKey: "u1" });
    expect(asNumber).toMatchObject({ value: 7, errorCode: "TYPE_MISMATCH" });
    // A variant flag that is off answers `false`: the provider falls back to the code's default.
    const off = await client.getStringDetails("color-for-admins", "grey", { role: "viewer" });
    expect(off).toMatchObject({ value: "grey", errorCode: "TYPE_MISMATCH" });
    const on = await client.getStringValue("color-for-admins", "grey", { role: "admin" });
    expect(on).toBe("red");
  });

  it("passes targeting and error codes through: TARGETING_KEY_MISSING, PARSE_ERROR", async () => {
    const keyless = await client.getBooleanDetails("rollout-30", true, {});
    expect(keyless).toMatchObject({ value: true, errorCode: "TARGETING_KEY_MISSING" });
    const broken = await client.getObjectDetails("bad-json", {}, { targetingKey: "u1" });
    expect(broken).toMatchObject({ value: {}, errorCode: "PARSE_ERROR" });
    expect(broken.errorMessage).toMatch(/variant broken: json payload is not JSON/);
  });

  it("decides rollouts exactly as Weeknight's own evaluator", async () => {
    const ours = compileFlags(FLAGS);
    const keys = Array.from({ length: 200 }, (_, i) => `user-${i}`);
    const decisions = await Promise.all(
      keys.map((k) => client.getBooleanValue("rollout-30", false, { targetingKey: k })),
    );
    expect(decisions).toEqual(keys.map((k) => ours.isEnabled("rollout-30", { userId: k })));
    const on = decisions.filter(Boolean).length;
    expect(on).toBeGreaterThan(30);
    expect(on).toBeLessThan(90);
  });

  it("gives the default when the SDK key is refused (401)", async () => {
    const details = await refused.getBooleanDetails("bool-on", false, { targetingKey: "u1" });
    expect(details).toMatchObject({ value: false, reason: "ERROR", errorCode: "GENERAL" });
  });
});

describe("OFREP over raw HTTP", () => {
  let app: HttpApp;
  let url: string;
  let delivery: StaticDelivery;

  beforeAll(async () => {
    delivery = createStaticDelivery({ flagSet: FLAGS });
    ({ app, url } = await startApp(delivery));
  });
  afterAll(async () => {
    await app.close();
  });

  const post = (path: string, body: string | undefined, headers: Record<string, string> = {}) =>
    fetch(`${url}/ofrep/v1/evaluate/flags${path}`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${TEST_SDK_KEY}`,
        "content-type": "application/json",
        ...headers,
      },
      body,
    });
  const evaluate = async (key: string, context: unknown, headers?: Record<string, string>) => {
    const response = await post(`/${key}`, JSON.stringify({ context }), headers);
    return { status: response.status, body: await response.json() };
  };

  it("answers the OFREP success shape", async () => {
    expect(await evaluate("bool-on", { targetingKey: "u1" })).toEqual({
      status: 200,
      body: {
        key: "bool-on",
        value: true,
        reason: "TARGETING_MATCH",
        variant: "on",
        metadata: metadata("release"),
      },
    });
    expect((await evaluate("layout", {})).body).toEqual({
      key: "layout",
      value: { columns: 3 },
      reason: "TARGETING_MATCH",
      variant: "wide",
      metadata: metadata("experiment"),
    });
  });

  it("answers 404 FLAG_NOT_FOUND", async () => {
    const { status, body } = await evaluate("nope", {});
    expect(status).toBe(404);
    expect(body).toEqual({
      key: "nope",
      errorCode: "FLAG_NOT_FOUND",
      errorDetails: expect.stringMatching(/^no flag "nope" in shop\/production: check the key/),
    });
  });

  it.each([
    ["malformed JSON", "{context:", "PARSE_ERROR", /the body is not JSON/],
    ["a body that is not an object", "[1,2]", "PARSE_ERROR", /must be a JSON object/],
    [
      "a context that is not an object",
      '{"context":"u1"}',
      "INVALID_CONTEXT",
      /context must be an object/,
    ],
    ["a context that is a list", '{"context":[]}', "INVALID_CONTEXT", /context must be an object/],
    [
      "a numeric targetingKey",
      '{"context":{"targetingKey":42}}',
      "INVALID_CONTEXT",
      /targetingKey must be a string/,
    ],
  ])("answers 400 to %s", async (_, body, errorCode, details) => {
    const response = await post("/bool-on", body);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      key: "bool-on",
      errorCode,
      errorDetails: expect.stringMatching(details),
    });
  });

  it("answers 400 TARGETING_KEY_MISSING only where a decision would be random", async () => {
    const keyless = await evaluate("rollout-30", {});
    expect(keyless.status).toBe(400);
    expect(keyless.body).toMatchObject({ key: "rollout-30", errorCode: "TARGETING_KEY_MISSING" });
    expect(keyless.body.errorDetails).toMatch(/send a targetingKey/);
    expect((await evaluate("split", { remoteAddress: "" })).body.errorCode).toBe(
      "TARGETING_KEY_MISSING",
    );
    // A session id buckets like Unleash's default stickiness; a fixed-rule flag needs no key.
    expect((await evaluate("rollout-30", { sessionId: "s-1" })).status).toBe(200);
    expect((await evaluate("split", { remoteAddress: "10.0.0.1" })).status).toBe(200);
    expect((await evaluate("bool-on", {})).status).toBe(200);
    expect((await evaluate("killed", {})).status).toBe(200);
  });

  it("answers 400 PARSE_ERROR for a variant payload that does not parse", async () => {
    const { status, body } = await evaluate("bad-json", { targetingKey: "u1" });
    expect(status).toBe(400);
    expect(body).toMatchObject({ key: "bad-json", errorCode: "PARSE_ERROR" });
  });

  it("answers 500 GENERAL when the flags cannot be read, without leaking why", async () => {
    const failing: FlagDelivery = {
      ...delivery,
      snapshot: () => Promise.reject(new Error("database is down: secret detail")),
    };
    const broken = await startApp(failing);
    try {
      const response = await fetch(`${broken.url}/ofrep/v1/evaluate/flags/bool-on`, {
        method: "POST",
        headers: { "x-api-key": TEST_SDK_KEY, "content-type": "application/json" },
        body: "{}",
      });
      expect(response.status).toBe(500);
      expect(await response.json()).toEqual({
        key: "bool-on",
        errorCode: "GENERAL",
        errorDetails: "internal error: see the server log",
      });
    } finally {
      await broken.app.close();
    }
  });

  it("authenticates with Bearer or X-API-Key, and answers 401 otherwise", async () => {
    expect(
      (await evaluate("bool-on", {}, { authorization: "", "x-api-key": TEST_SDK_KEY })).status,
    ).toBe(200);
    const refusals: Record<string, string>[] = [
      { authorization: "" },
      { authorization: "Bearer wrong" },
      { authorization: "", "x-api-key": "wrong" },
      { authorization: TEST_SDK_KEY },
    ];
    for (const headers of refusals) {
      const response = await post("/bool-on", "{}", headers);
      expect(response.status, JSON.stringify(headers)).toBe(401);
      expect(response.headers.get("www-authenticate")).toMatch(/^Bearer/);
      expect(((await response.json()) as { errorDetails: string }).errorDetails).toMatch(
        /X-API-Key: <sdk key>/,
      );
    }
  });

  it("takes an empty body, any content type and ignores nested attributes", async () => {
    const empty = await fetch(`${url}/ofrep/v1/evaluate/flags/bool-on`, {
      method: "POST",
      headers: { authorization: `Bearer ${TEST_SDK_KEY}` },
    });
    expect(empty.status).toBe(200);
    const form = await post("/admins-only", '{"context":{"role":"admin"}}', {
      "content-type": "application/x-www-form-urlencoded",
    });
    expect(await form.json()).toMatchObject({ value: true });
    const nested = await evaluate("admins-only", {
      role: "admin",
      org: { role: "viewer" },
      properties: { role: "viewer" },
    });
    expect(nested.body).toMatchObject({ value: true });
    const viaProperties = await evaluate("admins-only", { properties: { role: "admin", n: 1 } });
    expect(viaProperties.body).toMatchObject({ value: true });
  });

  it("answers 400 GENERAL to a request Fastify cannot take, saying what to send", async () => {
    const response = await post("/bool-on", undefined, { "content-type": "" });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      key: "bool-on",
      errorCode: "GENERAL",
      errorDetails: expect.stringMatching(/Content-Type: application\/json/),
    });
  });

  it("refuses a huge context with 400 INVALID_CONTEXT, and takes a large one", async () => {
    const attributes = (n: number, size: number) =>
      Object.fromEntries(Array.from({ length: n }, (_, i) => [`a${i}`, "x".repeat(size)]));
    const large = await evaluate("bool-on", attributes(500, 100));
    expect(large.status).toBe(200);
    const huge = await post("/bool-on", JSON.stringify({ context: attributes(2000, 100) }));
    expect(huge.status).toBe(400);
    expect(await huge.json()).toEqual({
      key: "bool-on",
      errorCode: "INVALID_CONTEXT",
      errorDetails: expect.stringMatching(
        new RegExp(`over ${OFREP_MAX_BODY_BYTES / 1024} KiB: send only the attributes`),
      ),
    });
  });

  it("bulk-evaluates every flag, failures inline", async () => {
    const response = await post("", JSON.stringify({ context: { targetingKey: "u1" } }));
    expect(response.status).toBe(200);
    const { flags } = (await response.json()) as { flags: { key: string }[] };
    expect(flags.map((f) => f.key)).toEqual(FLAGS.flags.map((f) => f.key));
    expect(flags.find((f) => f.key === "price")).toEqual({
      key: "price",
      value: 9.5,
      reason: "TARGETING_MATCH",
      variant: "cheap",
      metadata: metadata("experiment"),
    });
    expect(flags.find((f) => f.key === "bad-json")).toMatchObject({ errorCode: "PARSE_ERROR" });

    const keyless = await post("", JSON.stringify({ context: {} }));
    const keylessFlags = ((await keyless.json()) as { flags: { key: string }[] }).flags;
    expect(keylessFlags.find((f) => f.key === "rollout-30")).toMatchObject({
      errorCode: "TARGETING_KEY_MISSING",
    });
  });

  it("gives bulk results an ETag that changes with the flags or the context", async () => {
    delivery.set(FLAGS);
    const context = { targetingKey: "u1", role: "admin", age: 30 };
    const first = await post("", JSON.stringify({ context }));
    const etag = first.headers.get("etag") as string;
    expect(etag).toMatch(/^"[\w-]+"$/);

    const same = await post(
      "",
      JSON.stringify({ context: { age: 30, role: "admin", targetingKey: "u1" } }),
      {
        "if-none-match": etag,
      },
    );
    expect(same.status).toBe(304);
    expect(await same.text()).toBe("");

    const otherContext = await post(
      "",
      JSON.stringify({ context: { ...context, role: "viewer" } }),
      {
        "if-none-match": etag,
      },
    );
    expect(otherContext.status).toBe(200);
    expect(otherContext.headers.get("etag")).not.toBe(etag);

    delivery.set({ ...FLAGS, version: "ofrep-2" });
    const otherFlags = await post("", JSON.stringify({ context }), { "if-none-match": etag });
    expect(otherFlags.status).toBe(200);
    expect(otherFlags.headers.get("etag")).not.toBe(etag);
    delivery.set(FLAGS);
  });

  it("answers 400 to a malformed bulk request, with no key", async () => {
    const response = await post("", "{nope");
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      errorCode: "PARSE_ERROR",
      errorDetails: expect.stringMatching(/not JSON/),
    });
  });
});
