import type { Unleash } from "unleash-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compileConstraint, constraintProblem } from "./constraints.js";
import type { Constraint, Context } from "./flag-types.js";
import { asUnleashContext, startOfflineUnleash } from "./test-support/offline-unleash.js";

const NOW = Date.parse("2025-06-01T00:00:00Z");
const matches = (c: Constraint, context: Context) => compileConstraint(c, () => NOW)(context);

type Case = [string, Constraint, Context, boolean];
const con = (
  contextName: string,
  operator: Constraint["operator"],
  v: string | string[],
  extra: Partial<Constraint> = {},
): Constraint =>
  Array.isArray(v)
    ? { contextName, operator, values: v, ...extra }
    : { contextName, operator, value: v, ...extra };

const cases: Case[] = [
  ["IN hit", con("customerId", "IN", ["acme", "globex"]), { customerId: "acme" }, true],
  ["IN miss", con("customerId", "IN", ["acme"]), { customerId: "initech" }, false],
  [
    "IN is case-sensitive even with caseInsensitive (Unleash)",
    con("role", "IN", ["admin"], { caseInsensitive: true }),
    { role: "ADMIN" },
    false,
  ],
  [
    "IN trims listed values, not the context",
    con("role", "IN", [" admin "]),
    { role: "admin" },
    true,
  ],
  ["IN missing field", con("customerId", "IN", ["acme"]), {}, false],
  ["IN from properties", con("plan", "IN", ["pro"]), { properties: { plan: "pro" } }, true],
  [
    "IN inverted",
    con("customerId", "IN", ["acme"], { inverted: true }),
    { customerId: "acme" },
    false,
  ],
  ["NOT_IN hit", con("customerId", "NOT_IN", ["acme"]), { customerId: "globex" }, true],
  ["NOT_IN listed", con("customerId", "NOT_IN", ["acme"]), { customerId: "acme" }, false],
  ["NOT_IN missing field is not in", con("customerId", "NOT_IN", ["acme"]), {}, true],
  [
    "NOT_IN inverted",
    con("customerId", "NOT_IN", ["acme"], { inverted: true }),
    { customerId: "acme" },
    true,
  ],
  ["STR_CONTAINS", con("email", "STR_CONTAINS", ["@corp"]), { email: "a@corp.io" }, true],
  ["STR_CONTAINS case", con("email", "STR_CONTAINS", ["@CORP"]), { email: "a@corp.io" }, false],
  [
    "STR_CONTAINS caseInsensitive",
    con("email", "STR_CONTAINS", ["@CORP"], { caseInsensitive: true }),
    { email: "A@Corp.io" },
    true,
  ],
  ["STR_CONTAINS missing", con("email", "STR_CONTAINS", ["@"]), {}, false],
  [
    "STR_CONTAINS missing inverted is true (Unleash)",
    con("email", "STR_CONTAINS", ["@"], { inverted: true }),
    {},
    true,
  ],
  ["STR_STARTS_WITH", con("email", "STR_STARTS_WITH", ["ann", "bob"]), { email: "bob@x" }, true],
  ["STR_STARTS_WITH miss", con("email", "STR_STARTS_WITH", ["ann"]), { email: "bob@x" }, false],
  [
    "STR_STARTS_WITH ci inverted",
    con("email", "STR_STARTS_WITH", ["ANN"], { caseInsensitive: true, inverted: true }),
    { email: "ann@x" },
    false,
  ],
  ["STR_ENDS_WITH", con("email", "STR_ENDS_WITH", [".com"]), { email: "a@b.com" }, true],
  [
    "STR_ENDS_WITH ci",
    con("email", "STR_ENDS_WITH", [".COM"], { caseInsensitive: true }),
    { email: "a@b.Com" },
    true,
  ],
  [
    'STR_ values: " " trims to "" and matches everything (Unleash)',
    con("email", "STR_CONTAINS", [" "]),
    { email: "x" },
    true,
  ],
  [
    "STR_ values: empty entries are dropped",
    con("email", "STR_CONTAINS", [""]),
    { email: "x" },
    false,
  ],
  ["NUM_EQ", con("age", "NUM_EQ", "42"), { age: "42.0" }, true],
  ["NUM_EQ exponent", con("age", "NUM_EQ", "42"), { age: "4.2e1" }, true],
  ["NUM_GT", con("age", "NUM_GT", "18"), { age: "19" }, true],
  ["NUM_GT equal", con("age", "NUM_GT", "18"), { age: "18" }, false],
  ["NUM_GTE", con("age", "NUM_GTE", "18"), { age: "18" }, true],
  ["NUM_LT", con("age", "NUM_LT", "18"), { age: "17.5" }, true],
  ["NUM_LTE", con("age", "NUM_LTE", "18"), { age: "18" }, true],
  ["NUM_ non-numeric context", con("age", "NUM_LT", "18"), { age: "young" }, false],
  [
    "NUM_ missing context inverted is true (Unleash)",
    con("age", "NUM_LT", "18", { inverted: true }),
    {},
    true,
  ],
  [
    "NUM_ empty context string is 0 (Unleash's Number(''))",
    con("age", "NUM_EQ", "0"),
    { age: "" },
    true,
  ],
  [
    "DATE_AFTER with currentTime",
    con("currentTime", "DATE_AFTER", "2024-01-01T00:00:00Z"),
    { currentTime: "2024-06-01T00:00:00Z" },
    true,
  ],
  [
    "DATE_AFTER as a Date",
    con("currentTime", "DATE_AFTER", "2024-01-01T00:00:00Z"),
    { currentTime: new Date("2023-01-01") },
    false,
  ],
  [
    "DATE_AFTER defaults to the clock",
    con("currentTime", "DATE_AFTER", "2025-05-31T00:00:00Z"),
    {},
    true,
  ],
  [
    "DATE_BEFORE defaults to the clock",
    con("currentTime", "DATE_BEFORE", "2025-05-31T00:00:00Z"),
    {},
    false,
  ],
  [
    "DATE_BEFORE inverted",
    con("currentTime", "DATE_BEFORE", "2025-05-31T00:00:00Z", { inverted: true }),
    {},
    true,
  ],
  [
    "DATE_ unparseable currentTime",
    con("currentTime", "DATE_BEFORE", "2030-01-01T00:00:00Z"),
    { currentTime: "soon" },
    false,
  ],
  ["SEMVER_EQ", con("appVersion", "SEMVER_EQ", "1.2.3"), { appVersion: "1.2.3+build.9" }, true],
  [
    "SEMVER_EQ prerelease differs",
    con("appVersion", "SEMVER_EQ", "1.2.3"),
    { appVersion: "1.2.3-rc.1" },
    false,
  ],
  ["SEMVER_GT", con("appVersion", "SEMVER_GT", "1.9.9"), { appVersion: "1.10.0" }, true],
  [
    "SEMVER_GT prerelease below release",
    con("appVersion", "SEMVER_GT", "2.0.0"),
    { appVersion: "2.0.0-rc.1" },
    false,
  ],
  [
    "SEMVER_LT prerelease ordering",
    con("appVersion", "SEMVER_LT", "1.0.0-beta.11"),
    { appVersion: "1.0.0-beta.2" },
    true,
  ],
  [
    "SEMVER_LT numeric ids below alphanumeric",
    con("appVersion", "SEMVER_LT", "1.0.0-alpha"),
    { appVersion: "1.0.0-1" },
    true,
  ],
  [
    "SEMVER_ leading v in the context is rejected (Unleash)",
    con("appVersion", "SEMVER_EQ", "1.2.3"),
    { appVersion: "v1.2.3" },
    false,
  ],
  [
    "SEMVER_ leading v in the constraint is fine",
    con("appVersion", "SEMVER_EQ", "v1.2.3"),
    { appVersion: "1.2.3" },
    true,
  ],
  [
    "SEMVER_ invalid context",
    con("appVersion", "SEMVER_GT", "1.0.0"),
    { appVersion: "1.2" },
    false,
  ],
  [
    "SEMVER_ invalid context inverted is true (Unleash)",
    con("appVersion", "SEMVER_GT", "1.0.0", { inverted: true }),
    { appVersion: "1.2" },
    true,
  ],
];

describe("constraint operators", () => {
  it.each(cases)("%s", (_name, constraint, context, expected) => {
    expect(matches(constraint, context)).toBe(expected);
  });
});

describe("the same cases in unleash-client (the reference)", () => {
  let unleash: Unleash;
  beforeAll(async () => {
    unleash = await startOfflineUnleash({
      version: "1",
      segments: [],
      flags: cases.map(([, constraint], i) => ({
        key: `case-${i}`,
        type: "release",
        enabled: true,
        rules: [{ constraints: [constraint], segments: [], rollout: 100, stickiness: "default" }],
      })),
    });
  });
  afterAll(() => unleash?.destroy());

  it.each(cases.map(([name, , context, expected], i) => [name, i, context, expected] as const))(
    "%s",
    (_name, i, context, expected) => {
      expect(unleash.isEnabled(`case-${i}`, asUnleashContext(context))).toBe(expected);
    },
  );
});

describe("bad constraints never match, even inverted, and say why", () => {
  const bad: [Constraint, RegExp][] = [
    [con("role", "REGEX" as Constraint["operator"], ".*"), /unknown operator "REGEX"/],
    [{ operator: "IN", values: ["x"] } as unknown as Constraint, /contextName/],
    [con("age", "NUM_GT", "eighteen"), /NUM_GT needs a number/],
    [{ contextName: "age", operator: "NUM_GT" }, /NUM_GT needs a number/],
    [con("currentTime", "DATE_AFTER", "next tuesday"), /DATE_AFTER needs a date/],
    [con("appVersion", "SEMVER_EQ", "1.2"), /SEMVER_EQ needs a semantic version/],
    [con("appVersion", "SEMVER_LT", `1.0.${"9".repeat(20)}`), /SEMVER_LT/],
  ];
  it.each(bad)("%o", (constraint, why) => {
    expect(constraintProblem(constraint)).toMatch(why);
    const everything: Context = {
      role: "admin",
      age: "99",
      appVersion: "1.2.3",
      currentTime: "2030-01-01",
    };
    expect(matches(constraint, everything)).toBe(false);
    expect(matches({ ...constraint, inverted: true }, everything)).toBe(false);
    expect(matches({ ...constraint, inverted: true }, {})).toBe(false);
  });

  it("accepts a null constraint without throwing", () => {
    expect(constraintProblem(null)).toBe("not an object");
  });
});

describe("malformed contexts", () => {
  const inCustomers = con("customerId", "IN", ["42", "[object Object]"]);
  it("treats non-string values as missing and falls back to properties", () => {
    expect(matches(inCustomers, { customerId: 42 } as unknown as Context)).toBe(false);
    expect(
      matches(inCustomers, { customerId: { toString: () => "42" } } as unknown as Context),
    ).toBe(false);
    expect(
      matches(inCustomers, {
        customerId: 42,
        properties: { customerId: "42" },
      } as unknown as Context),
    ).toBe(true);
  });

  it("ignores properties that are not an object or values that are not strings", () => {
    const plan = con("plan", "IN", ["pro"]);
    expect(matches(plan, { properties: "pro" as unknown as Record<string, string> })).toBe(false);
    expect(
      matches(plan, { properties: { plan: ["pro"] } as unknown as Record<string, string> }),
    ).toBe(false);
  });

  it("a currentTime that is neither a string nor a Date means now", () => {
    const after = con("currentTime", "DATE_AFTER", "2025-05-31T00:00:00Z");
    expect(matches(after, { currentTime: 0 as unknown as string })).toBe(true);
  });
});
