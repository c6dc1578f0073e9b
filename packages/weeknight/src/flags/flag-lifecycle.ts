import type { Constraint, FlagType, Rule } from "@weeknight/flags-sdk";
import { InvalidInputError } from "../errors/domain-errors.js";
import type { FlagConfig, FlagRecord, Ramp, RampStep } from "./flag-store.js";

/**
 * A flag's way out, as the lifecycle commands move it: admins only → named customers → a
 * percentage → released (on for everyone). `custom`: rules someone wrote by hand.
 */
export const FLAG_STAGES = [
  "off",
  "killed",
  "admins",
  "customers",
  "percentage",
  "released",
  "custom",
] as const;
export type FlagStage = (typeof FLAG_STAGES)[number];

export const ADMINS_SEGMENT = "admins";
/** The `admins` segment until someone defines their own. */
export const DEFAULT_ADMINS: Constraint[] = [
  { contextName: "role", operator: "IN", values: ["admin"] },
];
export const MAX_CUSTOMERS = 10_000;
const MAX_ID_LENGTH = 200;
const DAY = 24 * 60 * 60_000;

/** How long a flag may serve everyone before Weeknight asks for it to be deleted. */
export const STALE_AFTER: Partial<Record<FlagType, number>> = {
  release: 30 * DAY,
  experiment: 40 * DAY,
};

export const OFF: FlagConfig = { enabled: true, rules: [], variants: [] };

const ADMINS_RULE = "admins";
const CUSTOMERS_RULE = "customers";
const ROLLOUT_RULE = "rollout";
const EVERYONE_RULE = "everyone";
const ORDER = [ADMINS_RULE, CUSTOMERS_RULE, ROLLOUT_RULE];

function rule(name: string, fields: Partial<Rule>): Rule {
  return { name, constraints: [], segments: [], rollout: 100, stickiness: "default", ...fields };
}

/** Replaces (or with `null` removes) the named rule, keeping admins → customers → rollout order. */
function withRule(config: FlagConfig, name: string, replacement: Rule | null): FlagConfig {
  const rules = config.rules.filter((r) => r.name !== name && r.name !== EVERYONE_RULE);
  if (replacement) rules.push(replacement);
  const rank = (r: Rule) => {
    const at = ORDER.indexOf(r.name ?? "");
    return at === -1 ? -1 : at;
  };
  rules.sort((a, b) => rank(a) - rank(b));
  return { ...config, enabled: true, rules };
}

function isEveryone(r: Rule): boolean {
  return (
    r.constraints.length === 0 &&
    r.segments.length === 0 &&
    r.rollout >= 100 &&
    (r.stickiness === "default" || r.stickiness === "random")
  );
}

export function isReleased(config: FlagConfig): boolean {
  return config.enabled && config.rules.some(isEveryone);
}

export interface StageSummary {
  stage: FlagStage;
  /** percentage: the share rolled out. */
  percent: number | null;
  /** customers: the allow-list. */
  customers: string[];
}

/** Where a flag stands in an environment, read back from its rules. */
export function stageOf(config: FlagConfig | undefined): StageSummary {
  const summary: StageSummary = { stage: "off", percent: null, customers: [] };
  if (!config) return summary;
  if (!config.enabled) return { ...summary, stage: "killed" };
  if (config.rules.length === 0) return summary;
  if (isReleased(config)) return { ...summary, stage: "released", percent: 100 };
  const named = new Map(config.rules.map((r) => [r.name ?? "", r]));
  const known = config.rules.every((r) => ORDER.includes(r.name ?? ""));
  if (!known) return { ...summary, stage: "custom" };
  const customers = named.get(CUSTOMERS_RULE)?.constraints[0]?.values ?? [];
  const rollout = named.get(ROLLOUT_RULE);
  if (rollout) return { stage: "percentage", percent: rollout.rollout, customers };
  if (customers.length > 0) return { ...summary, stage: "customers", customers };
  return { ...summary, stage: "admins" };
}

export function toAdmins(config: FlagConfig): FlagConfig {
  return withRule(config, ADMINS_RULE, rule(ADMINS_RULE, { segments: [ADMINS_SEGMENT] }));
}

export function cleanCustomers(customers: readonly string[]): string[] {
  const clean = [...new Set(customers.map((c) => c.trim()).filter((c) => c !== ""))];
  if (clean.length > MAX_CUSTOMERS) {
    throw new InvalidInputError(
      `${clean.length} customers is more than the ${MAX_CUSTOMERS} a flag's allow-list may hold — define a segment with another attribute (e.g. plan IN enterprise) instead`,
    );
  }
  const long = clean.find((c) => c.length > MAX_ID_LENGTH);
  if (long !== undefined) {
    throw new InvalidInputError(
      `customer id "${long.slice(0, 40)}…" is longer than ${MAX_ID_LENGTH} characters`,
    );
  }
  return clean;
}

/** Serves the allow-list (replacing it, or adding to or removing from it). */
export function toCustomers(
  config: FlagConfig,
  customers: readonly string[],
  mode: "set" | "add" | "remove" = "set",
): FlagConfig {
  const current = stageOf(config).customers;
  const given = cleanCustomers(customers);
  const next =
    mode === "set"
      ? given
      : mode === "add"
        ? cleanCustomers([...current, ...given])
        : current.filter((c) => !given.includes(c));
  const replacement =
    next.length === 0
      ? null
      : rule(CUSTOMERS_RULE, {
          constraints: [{ contextName: "customerId", operator: "IN", values: next }],
        });
  return withRule(config, CUSTOMERS_RULE, replacement);
}

export function checkPercent(percent: number): number {
  if (!Number.isFinite(percent) || percent < 0 || percent > 100 || !Number.isInteger(percent)) {
    throw new InvalidInputError(`rollout must be a whole percentage from 0 to 100, not ${percent}`);
  }
  return percent;
}

/** Rolls out to a share of `stickiness` values (e.g. customerId); 100 with default = released. */
export function toRollout(config: FlagConfig, percent: number, stickiness: string): FlagConfig {
  checkPercent(percent);
  if (percent === 100 && stickiness === "default") return toReleased(config);
  const replacement = percent === 0 ? null : rule(ROLLOUT_RULE, { rollout: percent, stickiness });
  return withRule(config, ROLLOUT_RULE, replacement);
}

export function toReleased(config: FlagConfig): FlagConfig {
  return { ...config, enabled: true, rules: [rule(EVERYONE_RULE, {})] };
}

/** When the flag became released here: kept while it stays released, cleared otherwise. */
export function releasedAt(
  before: FlagConfig | undefined,
  beforeAt: number | null,
  after: FlagConfig,
  now: number,
): number | null {
  if (!isReleased(after)) return null;
  return before && isReleased(before) && beforeAt !== null ? beforeAt : now;
}

/** The environment where the flag has served everyone longer than its type allows, if any. */
export function staleness(
  flag: FlagRecord,
  now: number,
): { environment: string; releasedAt: number } | null {
  const after = STALE_AFTER[flag.type];
  if (after === undefined) return null;
  const released = flag.environments
    .filter((e) => e.releasedAt !== null && isReleased(e) && e.releasedAt + after <= now)
    .sort((a, b) => (a.releasedAt ?? 0) - (b.releasedAt ?? 0))[0];
  return released?.releasedAt
    ? { environment: released.environment, releasedAt: released.releasedAt }
    : null;
}

/** Checks and orders a ramp's steps: in the future, rising, each a whole percentage. */
export function planRamp(
  steps: readonly { at: number; percent: number }[],
  stickiness: string,
  by: string,
  now: number,
): Ramp {
  if (steps.length === 0 || steps.length > 20)
    throw new InvalidInputError("a ramp has 1 to 20 steps, e.g. 5%@2026-12-01T09:00Z");
  const sorted = [...steps].sort((a, b) => a.at - b.at);
  let last = 0;
  const planned: RampStep[] = sorted.map((step) => {
    checkPercent(step.percent);
    if (step.at <= now) {
      throw new InvalidInputError(
        `ramp step ${step.percent}% at ${new Date(step.at).toISOString()} is in the past — give a later time`,
      );
    }
    if (step.percent <= last) {
      throw new InvalidInputError(
        `ramp steps must rise: ${step.percent}% at ${new Date(step.at).toISOString()} comes after ${last}%`,
      );
    }
    last = step.percent;
    return { at: step.at, percent: step.percent, appliedAt: null };
  });
  return { steps: planned, stickiness, createdBy: by, pausedAt: null, pausedReason: null };
}

/** The steps whose time has come and that have not been applied. */
export function dueSteps(ramp: Ramp, now: number): RampStep[] {
  return ramp.steps.filter((s) => s.appliedAt === null && s.at <= now);
}

export function rampFinished(ramp: Ramp): boolean {
  return ramp.steps.every((s) => s.appliedAt !== null);
}
