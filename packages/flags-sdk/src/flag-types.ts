/**
 * The flag model: the JSON the Weeknight server serves to SDKs, one `FlagSet` per environment.
 * `toUnleashFeatures` translates it to the Unleash client API's shape.
 */

export type FlagType = "release" | "experiment" | "operational" | "kill-switch" | "permission";

/** The constraint operators, with exactly Unleash's semantics (see the README for bad input). */
export const OPERATORS = [
  "IN",
  "NOT_IN",
  "STR_CONTAINS",
  "STR_STARTS_WITH",
  "STR_ENDS_WITH",
  "NUM_EQ",
  "NUM_GT",
  "NUM_GTE",
  "NUM_LT",
  "NUM_LTE",
  "DATE_AFTER",
  "DATE_BEFORE",
  "SEMVER_EQ",
  "SEMVER_GT",
  "SEMVER_LT",
] as const;
export type Operator = (typeof OPERATORS)[number];

export interface Constraint {
  contextName: string;
  operator: Operator;
  /** IN, NOT_IN and the STR_ operators. */
  values?: string[];
  /** The NUM_, DATE_ and SEMVER_ operators. */
  value?: string;
  inverted?: boolean;
  /** STR_ operators only, like Unleash. */
  caseInsensitive?: boolean;
}

/** A named, reusable list of constraints, e.g. `admins`: role IN admin. */
export interface Segment {
  name: string;
  constraints: Constraint[];
}

export interface VariantPayload {
  type: "string" | "json" | "number";
  value: string;
}

export interface Variant {
  name: string;
  weight: number;
  payload?: VariantPayload;
  stickiness?: string;
}

export interface Rule {
  name?: string;
  constraints: Constraint[];
  /** Segment names; every segment's constraints must hold too. */
  segments: string[];
  /** 0..100: the share of stickiness values that get the flag. */
  rollout: number;
  /** "default" (userId, then sessionId, then random) | "random" | any context field. */
  stickiness: string;
  /** Bucketing group; defaults to the flag key. */
  groupId?: string;
  /** Variants served when this rule turns the flag on; otherwise the flag's variants. */
  variants?: Variant[];
}

export interface Flag {
  key: string;
  type: FlagType;
  /** false = killed: off for everyone, whatever the rules say. */
  enabled: boolean;
  /** The first rule that matches and is in its rollout turns the flag on; no rules = off. */
  rules: Rule[];
  variants?: Variant[];
}

export interface FlagSet {
  version: string;
  flags: Flag[];
  segments: Segment[];
}

/**
 * Who is asking. Values that are not strings are treated as missing (then `properties` is
 * consulted); `currentTime` may be a Date or a date string and defaults to now.
 */
export interface Context {
  userId?: string;
  sessionId?: string;
  customerId?: string;
  role?: string;
  environment?: string;
  appName?: string;
  remoteAddress?: string;
  currentTime?: Date | string;
  properties?: Record<string, string | undefined>;
  [field: string]: unknown;
}

/** What `getVariant` returns; the shared "disabled" variant when the flag is off or has none. */
export interface VariantResult {
  readonly name: string;
  readonly enabled: boolean;
  readonly featureEnabled: boolean;
  readonly payload?: VariantPayload;
}
