import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HttpApp } from "../http/http-app.js";
import type { FlagDelivery } from "./flag-delivery.js";
import { OFREP_MAX_BODY_BYTES } from "./ofrep-routes.js";
import { FLAGS, metadata, startApp } from "./test-support/ofrep-fixture.js";
import {
  createStaticDelivery,
  type StaticDelivery,
  TEST_SDK_KEY,
} from "./test-support/static-delivery.js";

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
