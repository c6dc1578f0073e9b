import {
  type Client,
  ErrorCode,
  OpenFeature,
  type Provider,
  ProviderEvents,
} from "@openfeature/server-sdk";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { FlagsClient } from "./flags-client.js";
import { createOpenFeatureProvider, toWeeknightContext } from "./openfeature-provider.js";
import {
  eventually,
  flag,
  flagSet,
  type Harness,
  startHarness,
} from "./test-support/client-harness.js";

const payload = (type: "string" | "number" | "json", value: string) => [
  { name: `${type}-variant`, weight: 1, payload: { type, value } },
];
const flags = flagSet(
  "1",
  flag("new-checkout", {
    rules: [
      {
        constraints: [{ contextName: "customerId", operator: "IN", values: ["acme"] }],
        segments: [],
        rollout: 100,
        stickiness: "default",
      },
    ],
  }),
  flag("killed", { enabled: false, variants: payload("string", "never") }),
  flag("button-text", { variants: payload("string", "Pay now") }),
  flag("max-items", { variants: payload("number", "25") }),
  flag("bad-number", { variants: payload("number", "lots") }),
  flag("checkout-config", { variants: payload("json", '{"steps":["cart","pay"],"express":true}') }),
  flag("bad-json", { variants: payload("json", "{oops") }),
  flag("no-variants"),
  flag("beta-users", {
    rules: [
      {
        constraints: [{ contextName: "userId", operator: "IN", values: ["user-7"] }],
        segments: [],
        rollout: 100,
        stickiness: "default",
      },
    ],
  }),
);

let h: Harness;
let weeknight: FlagsClient;
let of: Client;
beforeEach(async () => {
  h = await startHarness(flags);
  weeknight = h.client();
  // Typed as OpenFeature's Provider without a cast: the structural types line up.
  const provider: Provider = createOpenFeatureProvider(weeknight);
  await OpenFeature.setProviderAndWait(provider);
  of = OpenFeature.getClient();
});
afterEach(async () => {
  await OpenFeature.clearProviders();
  await h.cleanup();
});

describe("the OpenFeature provider, through @openfeature/server-sdk", () => {
  it("is ready once the client has flags, and resolves booleans with reasons", async () => {
    expect(weeknight.isReady).toBe(true);
    expect(OpenFeature.providerMetadata.name).toBe("weeknight");
    expect(await of.getBooleanValue("new-checkout", false, { customerId: "acme" })).toBe(true);
    expect(
      await of.getBooleanDetails("new-checkout", true, { customerId: "globex" }),
    ).toMatchObject({ value: false, reason: "DEFAULT" });
    expect(await of.getBooleanDetails("new-checkout", false, { customerId: "acme" })).toMatchObject(
      { value: true, reason: "TARGETING_MATCH" },
    );
    expect(await of.getBooleanDetails("killed", true)).toMatchObject({
      value: false,
      reason: "DISABLED",
    });
  });

  it("maps targetingKey to userId unless userId is given", async () => {
    expect(await of.getBooleanValue("beta-users", false, { targetingKey: "user-7" })).toBe(true);
    expect(
      await of.getBooleanValue("beta-users", false, { targetingKey: "user-7", userId: "user-8" }),
    ).toBe(false);
    const when = new Date("2025-01-01T00:00:00Z");
    expect(
      toWeeknightContext({ targetingKey: "t", plan: "pro", age: 42, currentTime: when }),
    ).toEqual({ userId: "t", plan: "pro", currentTime: when });
  });

  it("resolves strings, numbers and objects from the variant payload", async () => {
    expect(await of.getStringDetails("button-text", "Buy")).toMatchObject({
      value: "Pay now",
      variant: "string-variant",
      reason: "TARGETING_MATCH",
    });
    expect(await of.getNumberValue("max-items", 10)).toBe(25);
    expect(await of.getObjectValue("checkout-config", {})).toEqual({
      steps: ["cart", "pay"],
      express: true,
    });
    expect(await of.getStringDetails("killed", "fallback")).toMatchObject({
      value: "fallback",
      reason: "DISABLED",
    });
    expect(await of.getStringDetails("no-variants", "fallback")).toMatchObject({
      value: "fallback",
      reason: "DEFAULT",
    });
  });

  it("a payload of another type is TYPE_MISMATCH with the default value", async () => {
    const asNumber = await of.getNumberDetails("button-text", 7);
    expect(asNumber).toMatchObject({ value: 7, errorCode: ErrorCode.TYPE_MISMATCH });
    expect(asNumber.errorMessage).toMatch(/served variant string-variant with a string payload/);
    expect(await of.getObjectDetails("max-items", { a: 1 })).toMatchObject({
      value: { a: 1 },
      errorCode: ErrorCode.TYPE_MISMATCH,
    });
    expect(await of.getNumberDetails("bad-number", 1)).toMatchObject({
      value: 1,
      errorCode: ErrorCode.PARSE_ERROR,
    });
    expect(await of.getObjectDetails("bad-json", [])).toMatchObject({
      value: [],
      errorCode: ErrorCode.PARSE_ERROR,
    });
  });

  it("an unknown key is FLAG_NOT_FOUND with the default value", async () => {
    const details = await of.getBooleanDetails("no-such-flag", true);
    expect(details).toMatchObject({
      value: true,
      reason: "ERROR",
      errorCode: ErrorCode.FLAG_NOT_FOUND,
    });
    expect(details.errorMessage).toMatch(
      /"no-such-flag" is not in Weeknight's flag set \(version 1\)/,
    );
    expect(await of.getStringValue("no-such-flag", "d")).toBe("d");
  });

  it("forwards flag changes as ConfigurationChanged, and closes the client with OpenFeature", async () => {
    const changed = new Promise<unknown>((resolve) =>
      of.addHandler(ProviderEvents.ConfigurationChanged, resolve),
    );
    h.server.setFlags(flagSet("2", flag("new-checkout")));
    expect(await changed).toMatchObject({ message: "flags version 2" });
    expect(await of.getBooleanValue("new-checkout", false)).toBe(true);
    expect(h.server.openStreams).toBe(1);
    await OpenFeature.close();
    await eventually(() => h.server.openStreams === 0, "the client's stream to close");
  });
});
