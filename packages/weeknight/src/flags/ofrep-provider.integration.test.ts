import { OFREPProvider } from "@openfeature/ofrep-provider";
import { type Client, OpenFeature } from "@openfeature/server-sdk";
import { compileFlags } from "@weeknight/flags-sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HttpApp } from "../http/http-app.js";
import { FLAGS, metadata, startApp } from "./test-support/ofrep-fixture.js";
import {
  createStaticDelivery,
  type StaticDelivery,
  TEST_SDK_KEY,
} from "./test-support/static-delivery.js";

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
