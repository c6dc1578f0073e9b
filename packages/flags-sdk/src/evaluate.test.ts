import { describe, expect, it } from "vitest";
import { compileFlags } from "./evaluate.js";
import type { Flag, FlagSet, Rule } from "./flag-types.js";
import { generateContexts } from "./test-support/flag-fixtures.js";

const rule = (r: Partial<Rule>): Rule => ({
  constraints: [],
  segments: [],
  rollout: 100,
  stickiness: "default",
  ...r,
});
const admins = rule({ name: "admins", segments: ["admins"] });
const pilots = rule({
  name: "pilots",
  constraints: [{ contextName: "customerId", operator: "IN", values: ["acme", "globex"] }],
});
const set = (rules: Rule[], extra: Partial<Flag> = {}): FlagSet => ({
  version: "7",
  segments: [
    { name: "admins", constraints: [{ contextName: "role", operator: "IN", values: ["admin"] }] },
  ],
  flags: [{ key: "new-checkout", type: "release", enabled: true, rules, ...extra }],
});

const customers = Array.from({ length: 2000 }, (_, i) => ({
  customerId: `customer-${i}`,
  userId: `u${i}`,
}));
const share = (flags: ReturnType<typeof compileFlags>) =>
  customers.filter((c) => flags.isEnabled("new-checkout", c)).length / customers.length;

describe("admin only → a few customers → 10 % → everyone", () => {
  it("admin only", () => {
    const flags = compileFlags(set([admins]));
    expect(flags.isEnabled("new-checkout", { role: "admin" })).toBe(true);
    expect(flags.isEnabled("new-checkout", { role: "member", customerId: "acme" })).toBe(false);
  });

  it("then a few customers", () => {
    const flags = compileFlags(set([admins, pilots]));
    expect(flags.isEnabled("new-checkout", { customerId: "acme" })).toBe(true);
    expect(flags.isEnabled("new-checkout", { customerId: "initech" })).toBe(false);
  });

  it("then 10 % of customers, sticky by customerId, growing without reshuffling", () => {
    const ten = compileFlags(
      set([admins, pilots, rule({ rollout: 10, stickiness: "customerId" })]),
    );
    const thirty = compileFlags(
      set([admins, pilots, rule({ rollout: 30, stickiness: "customerId" })]),
    );
    expect(share(ten)).toBeGreaterThan(0.08);
    expect(share(ten)).toBeLessThan(0.12);
    for (const c of customers)
      if (ten.isEnabled("new-checkout", c)) expect(thirty.isEnabled("new-checkout", c)).toBe(true);
    // Sticky: the same customer gets the same answer whichever user asks.
    const a = ten.isEnabled("new-checkout", { customerId: "customer-7", userId: "x" });
    expect(ten.isEnabled("new-checkout", { customerId: "customer-7", userId: "y" })).toBe(a);
    // Without the stickiness field the percentage rule is off (Unleash).
    expect(ten.isEnabled("new-checkout", { userId: "x" })).toBe(false);
  });

  it("then everyone, even an empty context", () => {
    const flags = compileFlags(set([rule({})]));
    expect(share(flags)).toBe(1);
    expect(flags.isEnabled("new-checkout", {})).toBe(true);
  });

  it("the kill switch wins over every rule", () => {
    const flags = compileFlags(set([rule({})], { enabled: false }));
    expect(flags.isEnabled("new-checkout", { role: "admin" })).toBe(false);
    expect(flags.getVariant("new-checkout", {})).toEqual({
      name: "disabled",
      enabled: false,
      featureEnabled: false,
    });
  });

  it("no rules means nobody", () => {
    expect(compileFlags(set([])).isEnabled("new-checkout", { role: "admin" })).toBe(false);
  });
});

describe("variants", () => {
  const variants = [
    { name: "blue", weight: 1, payload: { type: "string" as const, value: "#00f" } },
    { name: "green", weight: 1 },
  ];

  it("splits by weight, sticky per user, with payloads", () => {
    const flags = compileFlags(set([rule({})], { variants }));
    const names = customers.map((c) => flags.getVariant("new-checkout", c).name);
    const blue = names.filter((n) => n === "blue").length / names.length;
    expect(blue).toBeGreaterThan(0.45);
    expect(blue).toBeLessThan(0.55);
    const v = flags.getVariant("new-checkout", { userId: "u1" });
    expect(flags.getVariant("new-checkout", { userId: "u1" })).toBe(v); // shared, not copied
    expect(flags.getVariant("new-checkout", customers[names.indexOf("blue")])).toEqual({
      name: "blue",
      enabled: true,
      featureEnabled: true,
      payload: { type: "string", value: "#00f" },
    });
  });

  it("a rule's variants win over the flag's; none at all is the disabled variant, flag on", () => {
    const flags = compileFlags(
      set([rule({ variants: [{ name: "rule-only", weight: 5 }] })], { variants }),
    );
    expect(flags.getVariant("new-checkout", { userId: "u1" }).name).toBe("rule-only");
    const plain = compileFlags(set([rule({})]));
    expect(plain.getVariant("new-checkout", {})).toEqual({
      name: "disabled",
      enabled: false,
      featureEnabled: true,
    });
  });

  it("random stickiness comes from the injected random source", () => {
    const low = compileFlags(set([rule({ rollout: 50, stickiness: "random" })]), {
      random: () => 0,
    });
    const results = new Set(customers.slice(0, 50).map((c) => low.isEnabled("new-checkout", c)));
    expect(results.size).toBe(1);
  });
});

describe("bad input: documented defaults, never a throw, never another flag's decision", () => {
  const good: Flag = { key: "good", type: "release", enabled: true, rules: [rule({})] };

  it("unknown flags are off", () => {
    const flags = compileFlags(set([rule({})]));
    expect(flags.isEnabled("nope", { userId: "u" })).toBe(false);
    expect(flags.getVariant("nope", {}).name).toBe("disabled");
  });

  it("a broken flag set compiles, lists its problems, and the good flag is unaffected", () => {
    const broken = {
      version: 3,
      segments: [
        { name: "s", constraints: [{ contextName: "x", operator: "LIKE", values: [] }] },
        null,
      ],
      flags: [
        null,
        { key: "weird", enabled: true, rules: "all" },
        {
          key: "bad-rule",
          enabled: true,
          rules: [
            {
              constraints: [{ operator: "SEMVER_GT", contextName: "v", value: "x" }],
              segments: ["s", "missing"],
              rollout: "abc",
            },
          ],
        },
        {
          key: "bad-variants",
          enabled: true,
          rules: [rule({})],
          variants: [{ name: "a", weight: "heavy" }],
        },
        good,
        { ...good, enabled: false },
      ],
    } as unknown as FlagSet;
    const flags = compileFlags(broken);
    expect(flags.problems.join("\n")).toMatch(/unknown operator "LIKE"/);
    expect(flags.problems.join("\n")).toMatch(/SEMVER_GT needs a semantic version/);
    expect(flags.problems.join("\n")).toMatch(/unknown segment "missing"/);
    expect(flags.problems.join("\n")).toMatch(/good: duplicate key/);
    expect(flags.isEnabled("weird", { userId: "u" })).toBe(false);
    expect(flags.isEnabled("bad-rule", { userId: "u", v: "9.9.9" })).toBe(false);
    expect(flags.getVariant("bad-variants", { userId: "u" })).toEqual({
      name: "disabled",
      enabled: false,
      featureEnabled: true,
    });
    expect(flags.isEnabled("good", { userId: "u" })).toBe(true);
    expect(compileFlags(undefined as unknown as FlagSet).isEnabled("good", {})).toBe(false);
  });

  it("a malformed context (not an object, odd values) is treated as missing fields", () => {
    const flags = compileFlags({
      version: "1",
      segments: [],
      flags: [good, { ...good, key: "pilots", rules: [pilots] }],
    });
    for (const context of [
      undefined,
      null,
      42,
      "acme",
      [],
      { customerId: ["acme"] },
      { customerId: 7, properties: 3 },
    ]) {
      expect(flags.isEnabled("good", context as never)).toBe(true);
      expect(flags.isEnabled("pilots", context as never)).toBe(false);
    }
  });

  it("a huge allow-list is a Set: fast and exact", () => {
    const values = Array.from({ length: 100_000 }, (_, i) => `c${i}`);
    const flags = compileFlags(
      set([rule({ constraints: [{ contextName: "customerId", operator: "IN", values }] })]),
    );
    expect(flags.isEnabled("new-checkout", { customerId: "c99999" })).toBe(true);
    expect(flags.isEnabled("new-checkout", { customerId: "c100000" })).toBe(false);
  });

  it("decides the same for every generated context whether other flags are broken or not", () => {
    const contexts = generateContexts(500, 3);
    const alone = compileFlags(
      set([admins, pilots, rule({ rollout: 20, stickiness: "customerId" })]),
    );
    const crowded = compileFlags({
      ...set([admins, pilots, rule({ rollout: 20, stickiness: "customerId" })]),
      flags: [
        {
          key: "bad",
          type: "release",
          enabled: true,
          rules: [rule({ constraints: [{ contextName: "a", operator: "NUM_GT", value: "NaN" }] })],
        },
        ...set([admins, pilots, rule({ rollout: 20, stickiness: "customerId" })]).flags,
      ],
    });
    for (const c of contexts)
      expect(crowded.isEnabled("new-checkout", c)).toBe(alone.isEnabled("new-checkout", c));
  });
});
