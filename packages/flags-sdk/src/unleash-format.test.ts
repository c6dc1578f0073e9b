import { describe, expect, it } from "vitest";
import type { FlagSet } from "./flag-types.js";
import { toUnleashFeatures } from "./unleash-format.js";

const set: FlagSet = {
  version: "9",
  segments: [
    { name: "admins", constraints: [{ contextName: "role", operator: "IN", values: ["admin"] }] },
  ],
  flags: [
    {
      key: "new-checkout",
      type: "release",
      enabled: true,
      rules: [
        { constraints: [], segments: ["admins"], rollout: 100, stickiness: "default" },
        {
          constraints: [
            { contextName: "customerId", operator: "IN", values: [" acme", ""] },
            { contextName: "age", operator: "NUM_GT", value: "old", inverted: true },
          ],
          segments: ["ghosts"],
          rollout: 10,
          stickiness: "customerId",
          groupId: "checkout",
          variants: [{ name: "a", weight: 1, payload: { type: "json", value: "{}" } }],
        },
      ],
      variants: [{ name: "v", weight: 100, stickiness: "customerId" }],
    },
    { key: "dark", type: "kill-switch", enabled: true, rules: [] },
  ],
};

describe("toUnleashFeatures", () => {
  const out = toUnleashFeatures(set);

  it("serves version 2 with numbered segments", () => {
    expect(out.version).toBe(2);
    expect(out.segments).toEqual([
      {
        id: 1,
        name: "admins",
        constraints: [
          {
            contextName: "role",
            operator: "IN",
            values: ["admin"],
            inverted: false,
            caseInsensitive: false,
          },
        ],
      },
    ]);
  });

  it("turns each rule into a flexibleRollout strategy, bad parts into a constraint that never matches", () => {
    const [admins, customers] = out.features[0]?.strategies ?? [];
    expect(admins).toMatchObject({
      name: "flexibleRollout",
      parameters: { rollout: "100", stickiness: "default", groupId: "new-checkout" },
      segments: [1],
      constraints: [],
    });
    expect(customers?.parameters).toEqual({
      rollout: "10",
      stickiness: "customerId",
      groupId: "checkout",
    });
    expect(customers?.constraints.map((c) => c.contextName)).toEqual([
      "customerId",
      "weeknight.invalid-constraint", // NUM_GT "old"
      "weeknight.invalid-constraint", // unknown segment "ghosts"
    ]);
    // Values go out raw: unleash-client drops empties and trims on its side.
    expect(customers?.constraints[0]?.values).toEqual([" acme", ""]);
    expect(customers?.variants).toEqual([
      { name: "a", weight: 1, weightType: "variable", payload: { type: "json", value: "{}" } },
    ]);
    expect(out.features[0]?.variants).toEqual([
      { name: "v", weight: 100, weightType: "variable", stickiness: "customerId" },
    ]);
  });

  it("gives a flag without rules a 0 % strategy (Unleash turns a strategy-less feature on)", () => {
    expect(out.features[1]?.strategies).toEqual([
      {
        name: "flexibleRollout",
        parameters: { rollout: "0", stickiness: "default", groupId: "dark" },
        constraints: [],
        segments: [],
        variants: [],
      },
    ]);
  });
});
