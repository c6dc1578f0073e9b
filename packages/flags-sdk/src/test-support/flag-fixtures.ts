/**
 * Generated flag sets and contexts shared by the differential test and the benchmark.
 * Deterministic: the same seed gives the same flags and contexts.
 */
import type { Constraint, Context, Flag, FlagSet, Rule, Variant } from "../flag-types.js";

/** mulberry32: a small seeded PRNG in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(random: () => number, items: readonly T[]): T =>
  items[Math.floor(random() * items.length)] as T;

const CUSTOMERS = ["acme", "globex", "initech", "umbrella", "hooli", "Ünïcode GmbH", "東京商事"];
const ID_SHAPES = [
  (n: number) => `user-${n}`,
  (n: number) => `${n}`,
  (n: number) => `${(n * 2654435761) >>> 0}-${n}@example.com`,
  (n: number) => `josé-${n}`,
  (n: number) => `用户${n}`,
  (n: number) => `🦄${n}🚀`,
  (n: number) => `Ωμέγα ${n}`,
  () => "",
];

function id(random: () => number, n: number): string | undefined {
  if (random() < 0.08) return undefined;
  return pick(random, ID_SHAPES)(n);
}

/** Contexts like real traffic, plus the awkward ones: empty and missing ids, non-ASCII, emoji. */
export function generateContexts(count: number, seed = 7): Context[] {
  const random = seededRandom(seed);
  const contexts: Context[] = [];
  for (let n = 0; n < count; n++) {
    const c: Context = {};
    const userId = id(random, n);
    if (userId !== undefined) c.userId = userId;
    const sessionId = random() < 0.5 ? id(random, n * 31 + 1) : undefined;
    if (sessionId !== undefined) c.sessionId = sessionId;
    if (random() < 0.85) c.customerId = random() < 0.7 ? pick(random, CUSTOMERS) : `cust-${n % 97}`;
    if (random() < 0.7) c.role = pick(random, ["admin", "member", "ADMIN", " admin", "viewer"]);
    if (random() < 0.3) c.remoteAddress = `10.0.${n % 256}.${(n * 7) % 256}`;
    if (random() < 0.3) c.environment = pick(random, ["production", "internal"]);
    if (random() < 0.4) {
      c.currentTime = pick(random, ["2020-01-01T00:00:00Z", "2031-06-01T12:00:00Z", "garbage", ""]);
    } else if (random() < 0.1) {
      c.currentTime = new Date(Date.UTC(2024, n % 12, 1));
    }
    if (random() < 0.8) {
      const properties: Record<string, string | undefined> = {};
      properties.plan = pick(random, ["free", "pro", "Enterprise", "enterprise-plus", ""]);
      properties.appVersion = pick(random, [
        "1.2.3",
        "1.10.0",
        "2.0.0-beta.1",
        "2.0.0",
        "v2.0.0",
        "2.0.0-rc.1+build.5",
        "not-a-version",
        "",
        " 1.2.3",
      ]);
      properties.age = pick(random, ["17", "18", "42", "4.2e1", "", "abc", " 30 "]);
      properties.email = `${pick(random, ["Ann", "bob", "ÇA", "dan"])}@${pick(random, [
        "Example.COM",
        "weeknight.dev",
        "corp.example.com",
      ])}`;
      c.properties = properties;
    }
    contexts.push(c);
  }
  return contexts;
}

const c = (
  contextName: string,
  operator: Constraint["operator"],
  values: string[] | string,
  extra: Partial<Constraint> = {},
): Constraint =>
  Array.isArray(values)
    ? { contextName, operator, values, ...extra }
    : { contextName, operator, value: values, ...extra };

const rule = (r: Partial<Rule>): Rule => ({
  constraints: [],
  segments: [],
  rollout: 100,
  stickiness: "default",
  ...r,
});

const payload = (value: string, type: "string" | "json" | "number" = "string") => ({ type, value });

const VARIANTS: Variant[] = [
  { name: "control", weight: 500, payload: payload("blue") },
  { name: "treatment", weight: 300, payload: payload('{"color":"green"}', "json") },
  { name: "off", weight: 0 },
  { name: "holdout", weight: 200, payload: payload("42", "number") },
];

/** Every operator, inverted and case-insensitive forms, segments, rollouts and variants. */
export function generateFlagSet(): FlagSet {
  const constraintCases: Constraint[] = [
    c("customerId", "IN", ["acme", " globex ", "", "東京商事"]),
    c("customerId", "NOT_IN", ["acme", "initech"]),
    c("role", "IN", ["admin"], { inverted: true }),
    c("email", "STR_ENDS_WITH", ["@example.com"]),
    c("email", "STR_ENDS_WITH", ["@EXAMPLE.com"], { caseInsensitive: true }),
    c("email", "STR_STARTS_WITH", ["ann", "ÇA"], { caseInsensitive: true, inverted: true }),
    c("plan", "STR_CONTAINS", ["enterprise", " "]),
    c("customerId", "STR_CONTAINS", ["o"], { inverted: true }),
    c("age", "NUM_EQ", "42"),
    c("age", "NUM_GT", "18"),
    c("age", "NUM_GTE", "18", { inverted: true }),
    c("age", "NUM_LT", "30"),
    c("age", "NUM_LTE", "30.0"),
    c("currentTime", "DATE_AFTER", "2025-01-01T00:00:00Z"),
    c("currentTime", "DATE_BEFORE", "2026-01-01T00:00:00.000Z", { inverted: true }),
    c("appVersion", "SEMVER_EQ", "2.0.0"),
    c("appVersion", "SEMVER_GT", "1.9.9"),
    c("appVersion", "SEMVER_LT", "2.0.0-rc.1", { inverted: true }),
    // Bad constraints: never match, inverted or not, in both evaluators.
    c("appVersion", "SEMVER_GT", "not-semver", { inverted: true }),
    c("age", "NUM_GT", "eighteen", { inverted: true }),
    { contextName: "role", operator: "REGEX" as Constraint["operator"], value: ".*" },
  ];
  const flags: Flag[] = constraintCases.map((constraint, i) => ({
    key: `op-${i}-${constraint.operator.toLowerCase()}`,
    type: "release",
    enabled: true,
    rules: [rule({ constraints: [constraint], rollout: i % 3 === 0 ? 100 : 40 + i })],
  }));
  flags.push(
    {
      key: "new-checkout",
      type: "release",
      enabled: true,
      rules: [
        rule({ name: "admins", segments: ["admins"] }),
        rule({ name: "pilots", constraints: [c("customerId", "IN", ["acme", "globex"])] }),
        rule({ name: "10 %", rollout: 10, stickiness: "customerId" }),
      ],
    },
    {
      key: "killed",
      type: "kill-switch",
      enabled: false,
      rules: [rule({})],
    },
    { key: "no-rules", type: "operational", enabled: true, rules: [] },
    {
      key: "session-rollout",
      type: "experiment",
      enabled: true,
      rules: [rule({ rollout: 50, stickiness: "sessionId", groupId: "shared-group" })],
    },
    {
      key: "default-rollout",
      type: "experiment",
      enabled: true,
      rules: [rule({ rollout: 33, groupId: "shared-group" })],
      variants: VARIANTS,
    },
    {
      key: "random-rollout",
      type: "experiment",
      enabled: true,
      rules: [rule({ rollout: 50, stickiness: "random" })],
      variants: VARIANTS.map((v) => ({ ...v, stickiness: "customerId" })),
    },
    {
      key: "rule-variants",
      type: "experiment",
      enabled: true,
      rules: [
        rule({
          segments: ["paying"],
          rollout: 75,
          stickiness: "userId",
          variants: [
            { name: "a", weight: 1, payload: payload("A") },
            { name: "b", weight: 2, stickiness: "customerId" },
          ],
        }),
        rule({ rollout: 60, variants: [{ name: "zero", weight: 0 }] }),
      ],
      variants: [{ name: "flag-level", weight: 100, payload: payload("F") }],
    },
    {
      key: "unknown-segment",
      type: "permission",
      enabled: true,
      rules: [
        rule({ segments: ["nobody-defined-this"] }),
        rule({ rollout: 5, stickiness: "plan" }),
      ],
    },
    {
      key: "properties-stickiness",
      type: "release",
      enabled: true,
      rules: [rule({ rollout: 50, stickiness: "email", groupId: "" })],
      variants: [
        { name: "x", weight: 33, stickiness: "plan" },
        { name: "y", weight: 67 },
      ],
    },
  );
  return {
    version: "differential-1",
    flags,
    segments: [
      { name: "admins", constraints: [c("role", "IN", ["admin"])] },
      {
        name: "paying",
        constraints: [c("plan", "IN", ["pro", "Enterprise"]), c("customerId", "NOT_IN", ["hooli"])],
      },
    ],
  };
}

/** The benchmark's flags: each with one constraint and a percentage rollout. */
export function benchFlagSet(count = 50): FlagSet {
  const flags: Flag[] = [];
  for (let i = 0; i < count; i++) {
    const constraint =
      i % 3 === 0
        ? c("customerId", "IN", CUSTOMERS.slice(0, 1 + (i % CUSTOMERS.length)))
        : i % 3 === 1
          ? c("role", "NOT_IN", ["viewer"])
          : c("plan", "STR_STARTS_WITH", ["pro", "ent"], { caseInsensitive: i % 2 === 0 });
    flags.push({
      key: `bench-flag-${i}`,
      type: "release",
      enabled: true,
      rules: [
        rule({
          constraints: [constraint],
          rollout: 5 + ((i * 17) % 95),
          stickiness: i % 4 === 0 ? "customerId" : "default",
        }),
      ],
    });
  }
  return { version: "bench-1", flags, segments: [] };
}
