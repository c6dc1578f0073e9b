import { constraintProblem } from "./constraints.js";
import type { Constraint, FlagSet, Variant } from "./flag-types.js";

/** The `/api/client/features` shapes unleash-client reads (only the fields we serve). */
export interface UnleashConstraint {
  contextName: string;
  operator: string;
  values: string[];
  value?: string;
  inverted: boolean;
  caseInsensitive: boolean;
}

export interface UnleashVariant {
  name: string;
  weight: number;
  weightType: "variable";
  stickiness?: string;
  payload?: { type: string; value: string };
}

export interface UnleashStrategy {
  name: "flexibleRollout";
  parameters: { rollout: string; stickiness: string; groupId: string };
  constraints: UnleashConstraint[];
  segments: number[];
  variants: UnleashVariant[];
}

export interface UnleashFeature {
  name: string;
  type: string;
  enabled: boolean;
  stale: boolean;
  impressionData: boolean;
  strategies: UnleashStrategy[];
  variants: UnleashVariant[];
}

export interface UnleashSegment {
  id: number;
  name: string;
  constraints: UnleashConstraint[];
}

export interface UnleashFeatures {
  version: 2;
  features: UnleashFeature[];
  segments: UnleashSegment[];
}

/**
 * Stands in for a constraint we would never match (unknown operator, unparseable value) or an
 * unknown segment, so unleash-client decides exactly as our evaluator: IN of nothing is false.
 */
const NEVER_MATCHES: UnleashConstraint = {
  contextName: "weeknight.invalid-constraint",
  operator: "IN",
  values: [],
  inverted: false,
  caseInsensitive: false,
};

const list = <T>(value: T[] | undefined): T[] => (Array.isArray(value) ? value : []);

function toConstraint(c: Constraint): UnleashConstraint {
  if (constraintProblem(c) !== undefined) return { ...NEVER_MATCHES };
  const out: UnleashConstraint = {
    contextName: c.contextName,
    operator: c.operator,
    // Raw: unleash-client cleans (drops empty, trims) itself; cleaning twice would drop " ".
    values: list(c.values).filter((v) => typeof v === "string"),
    inverted: c.inverted === true,
    caseInsensitive: c.caseInsensitive === true,
  };
  if (c.value !== undefined) out.value = String(c.value);
  return out;
}

function toVariant(v: Variant): UnleashVariant {
  const out: UnleashVariant = { name: v.name, weight: v.weight, weightType: "variable" };
  if (v.stickiness !== undefined) out.stickiness = v.stickiness;
  if (v.payload !== undefined) out.payload = { type: v.payload.type, value: v.payload.value };
  return out;
}

/**
 * The flag set as unleash-client's `/api/client/features` body: one `flexibleRollout` strategy
 * per rule, segments numbered from 1 in list order. A flag without rules gets a 0 % strategy,
 * since Unleash turns a feature with no strategies on for everyone and we turn it off.
 */
export function toUnleashFeatures(set: FlagSet): UnleashFeatures {
  const segments = list(set.segments).map((s, i) => ({
    id: i + 1,
    name: s.name,
    constraints: list(s.constraints).map(toConstraint),
  }));
  const segmentIds = new Map<string, number>();
  for (const s of [...segments].reverse()) segmentIds.set(s.name, s.id);

  const features = list(set.flags).map((flag): UnleashFeature => {
    const strategies = list(flag.rules).map((rule): UnleashStrategy => {
      const constraints = list(rule.constraints).map(toConstraint);
      const ids: number[] = [];
      for (const name of list(rule.segments)) {
        const id = segmentIds.get(name);
        if (id === undefined) constraints.push({ ...NEVER_MATCHES });
        else ids.push(id);
      }
      return {
        name: "flexibleRollout",
        parameters: {
          rollout: String(rule.rollout),
          stickiness: rule.stickiness || "default",
          groupId: rule.groupId || flag.key,
        },
        constraints,
        segments: ids,
        variants: list(rule.variants).map(toVariant),
      };
    });
    if (strategies.length === 0) {
      strategies.push({
        name: "flexibleRollout",
        parameters: { rollout: "0", stickiness: "default", groupId: flag.key },
        constraints: [],
        segments: [],
        variants: [],
      });
    }
    return {
      name: flag.key,
      type: flag.type,
      enabled: flag.enabled === true,
      stale: false,
      impressionData: false,
      strategies,
      variants: list(flag.variants).map(toVariant),
    };
  });
  return { version: 2, features, segments };
}
