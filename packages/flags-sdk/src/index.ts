export {
  ALWAYS,
  allOf,
  cleanValues,
  compileConstraint,
  constraintProblem,
  NEVER,
  type Predicate,
} from "./constraints.js";
export { type CompileOptions, compileFlags, type FlagEvaluator } from "./evaluate.js";
export {
  type Constraint,
  type Context,
  type Flag,
  type FlagSet,
  type FlagType,
  OPERATORS,
  type Operator,
  type Rule,
  type Segment,
  type Variant,
  type VariantPayload,
  type VariantResult,
} from "./flag-types.js";
export {
  type HashPrefix,
  hashPrefix,
  hashWithPrefix,
  murmur3,
  normalizedValue,
  normalizedVariantValue,
  STRATEGY_SEED,
  VARIANT_SEED,
} from "./murmur3.js";
export { compareSemver, parseSemver, type SemVer } from "./semver.js";
export {
  toUnleashFeatures,
  type UnleashConstraint,
  type UnleashFeature,
  type UnleashFeatures,
  type UnleashSegment,
  type UnleashStrategy,
  type UnleashVariant,
} from "./unleash-format.js";
export { DISABLED, DISABLED_ON } from "./variants.js";
