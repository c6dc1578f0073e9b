import {
  ALWAYS,
  allOf,
  compileConstraint,
  constraintProblem,
  NEVER,
  type Predicate,
} from "./constraints.js";
import { fieldReader, present } from "./context-fields.js";
import type {
  Constraint,
  Context,
  Flag,
  FlagSet,
  Rule,
  Segment,
  VariantResult,
} from "./flag-types.js";
import { hashPrefix, hashWithPrefix, STRATEGY_SEED } from "./murmur3.js";
import { type CompiledVariants, compileVariants, DISABLED, DISABLED_ON } from "./variants.js";

export interface CompileOptions {
  /** Epoch milliseconds for DATE_ constraints when the context has no currentTime. */
  now?: () => number;
  /** In [0, 1): the "random" stickiness and contexts without any stickiness value. */
  random?: () => number;
}

export interface FlagEvaluator {
  readonly version: string;
  /** What was wrong in the flag set; each problem turned one constraint, rule or flag off. */
  readonly problems: readonly string[];
  isEnabled(key: string, context?: Context): boolean;
  getVariant(key: string, context?: Context): VariantResult;
}

interface CompiledRule {
  on: Predicate;
  variants: CompiledVariants | undefined;
}

interface CompiledFlag {
  rules: CompiledRule[];
  variants: CompiledVariants | undefined;
}

const EMPTY: Context = Object.freeze({});

/**
 * Unleash's flexibleRollout: the stickiness value ("default": userId || sessionId || random)
 * must be non-empty, then murmur3(`groupId:value`) % 100 + 1 <= rollout.
 */
function rolloutPredicate(rule: Rule, groupId: string, random: () => number): Predicate {
  const rollout = Number(rule.rollout);
  if (!(rollout > 0)) return NEVER;
  const stickiness = rule.stickiness || "default";
  const randomId = () => String(Math.round(random() * 10000) + 1);
  const custom = stickiness === "default" || stickiness === "random" ? undefined : stickiness;
  if (rollout >= 100 && custom === undefined) return ALWAYS;
  const read = custom === undefined ? undefined : fieldReader(custom);
  if (rollout >= 100 && read) return (c) => !!read(c);
  const prefix = hashPrefix(`${groupId}:`, STRATEGY_SEED);
  const inBucket = (id: string) => (hashWithPrefix(prefix, id) % 100) + 1 <= rollout;
  if (read) {
    return (c) => {
      const id = read(c);
      return !!id && inBucket(id);
    };
  }
  if (stickiness === "random") return () => inBucket(randomId());
  return (c) =>
    inBucket(present(c.userId) ? c.userId : present(c.sessionId) ? c.sessionId : randomId());
}

function compileRule(
  flag: Flag,
  rule: Rule,
  where: string,
  segments: Map<string, Predicate>,
  options: Required<CompileOptions>,
  problems: string[],
): CompiledRule {
  const parts: Predicate[] = [];
  const constraints = Array.isArray(rule.constraints) ? rule.constraints : [];
  constraints.forEach((c, i) => {
    const problem = constraintProblem(c);
    if (problem) problems.push(`${where} constraint ${i + 1}: ${problem}`);
    parts.push(compileConstraint(c, options.now));
  });
  for (const name of Array.isArray(rule.segments) ? rule.segments : []) {
    const segment = segments.get(name);
    if (!segment) problems.push(`${where}: unknown segment ${JSON.stringify(name)}`);
    parts.push(segment ?? NEVER);
  }
  const groupId = rule.groupId || flag.key;
  parts.push(rolloutPredicate(rule, groupId, options.random));
  const variantStickiness = rule.variants?.[0]?.stickiness || rule.stickiness || "default";
  return {
    on: allOf(parts),
    variants: compileVariants(rule.variants, groupId, variantStickiness, options.random),
  };
}

function compileFlag(
  flag: Flag,
  segments: Map<string, Predicate>,
  options: Required<CompileOptions>,
  problems: string[],
): CompiledFlag {
  if (flag.enabled !== true) return { rules: [], variants: undefined };
  const rules = Array.isArray(flag.rules) ? flag.rules : [];
  return {
    rules: rules.map((rule, i) =>
      compileRule(flag, rule, `flag ${flag.key} rule ${i + 1}`, segments, options, problems),
    ),
    variants: compileVariants(
      flag.variants,
      flag.key,
      flag.variants?.[0]?.stickiness ?? "default",
      options.random,
    ),
  };
}

function compileSegments(
  list: readonly Segment[],
  now: () => number,
  problems: string[],
): Map<string, Predicate> {
  const segments = new Map<string, Predicate>();
  for (const segment of Array.isArray(list) ? list : []) {
    if (typeof segment?.name !== "string") {
      problems.push(`a segment without a name: ${JSON.stringify(segment)?.slice(0, 80)}`);
      continue;
    }
    const constraints: Constraint[] = Array.isArray(segment?.constraints)
      ? segment.constraints
      : [];
    constraints.forEach((c, i) => {
      const problem = constraintProblem(c);
      if (problem) problems.push(`segment ${segment.name} constraint ${i + 1}: ${problem}`);
    });
    if (segments.has(segment.name)) {
      problems.push(`segment ${segment.name}: duplicate name, the first one is used`);
      continue;
    }
    segments.set(segment.name, allOf(constraints.map((c) => compileConstraint(c, now))));
  }
  return segments;
}

/** The rule that turns the flag on for this context: the first that matches and is in rollout. */
function firstOn(flag: CompiledFlag, context: Context): CompiledRule | undefined {
  const rules = flag.rules;
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i] as CompiledRule;
    if (rule.on(context)) return rule;
  }
  return undefined;
}

/**
 * Compiles a flag set once into closures; evaluation is then synchronous and allocation-free
 * (except case-insensitive string operators and semver parsing of the context's version).
 * Nothing in a flag set makes this throw: bad parts are listed in `problems` and evaluate off.
 */
export function compileFlags(set: FlagSet, options: CompileOptions = {}): FlagEvaluator {
  const deps: Required<CompileOptions> = {
    now: options.now ?? Date.now,
    random: options.random ?? Math.random,
  };
  const problems: string[] = [];
  const segments = compileSegments(set?.segments, deps.now, problems);
  const flags = new Map<string, CompiledFlag>();
  for (const flag of Array.isArray(set?.flags) ? set.flags : []) {
    if (typeof flag?.key !== "string") {
      problems.push(`a flag without a key: ${JSON.stringify(flag)?.slice(0, 80)}`);
    } else if (flags.has(flag.key)) {
      problems.push(`flag ${flag.key}: duplicate key, the first one is used`);
    } else {
      try {
        flags.set(flag.key, compileFlag(flag, segments, deps, problems));
      } catch (error) {
        problems.push(`flag ${flag.key}: ${String(error)}; it is off`);
        flags.set(flag.key, { rules: [], variants: undefined });
      }
    }
  }

  return {
    version: String(set?.version ?? ""),
    problems,
    isEnabled(key, context) {
      const flag = flags.get(key);
      if (flag === undefined) return false;
      const c = typeof context === "object" && context !== null ? context : EMPTY;
      return firstOn(flag, c) !== undefined;
    },
    getVariant(key, context) {
      const flag = flags.get(key);
      if (flag === undefined) return DISABLED;
      const c = typeof context === "object" && context !== null ? context : EMPTY;
      const rule = firstOn(flag, c);
      if (rule === undefined) return DISABLED;
      return rule.variants?.pick(c) ?? flag.variants?.pick(c) ?? DISABLED_ON;
    },
  };
}
