export type {
  FlagsChange,
  FlagsClientEvent,
  FlagsClientEvents,
} from "./client-events.js";
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
export type { EvaluationWindow, FlagCounts } from "./evaluation-counter.js";
export type { FlagBootstrap } from "./flag-bootstrap.js";
export { type ParsedFlagSet, parseFlagSet } from "./flag-set-schema.js";
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
export { createFlagsClient, type FlagsClient } from "./flags-client.js";
export { FlagsClientError, type FlagsClientErrorCode } from "./flags-client-errors.js";
export type { FlagsClientOptions } from "./flags-client-options.js";
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
export {
  createOpenFeatureProvider,
  type OpenFeatureProviderOptions,
  toWeeknightContext,
  type WeeknightProvider,
} from "./openfeature-provider.js";
export {
  ErrorCode as OpenFeatureErrorCode,
  type OpenFeatureContext,
  type ResolutionDetails,
} from "./openfeature-types.js";
export { compareSemver, parseSemver, type SemVer } from "./semver.js";
export { createSseParser, readSse, type SseEvent, type SseParser } from "./sse-reader.js";
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
