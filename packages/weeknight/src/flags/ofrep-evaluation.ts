import { createHash } from "node:crypto";
import type { Context, Flag, FlagEvaluator, FlagSet, VariantPayload } from "@weeknight/flags-sdk";
import type { FlagSnapshot } from "./flag-delivery.js";

export type ErrorCode =
  | "PARSE_ERROR"
  | "INVALID_CONTEXT"
  | "TARGETING_KEY_MISSING"
  | "FLAG_NOT_FOUND"
  | "GENERAL";

export interface Success {
  key: string;
  value: unknown;
  reason: "TARGETING_MATCH" | "SPLIT" | "DISABLED" | "DEFAULT";
  variant: string;
  metadata: Readonly<Record<string, string>>;
}

export interface Failure {
  key: string;
  errorCode: ErrorCode;
  errorDetails: string;
}

/** A request OFREP answers with 400 and an error code; the scoped error handler shapes it. */
export class OfrepError extends Error {
  constructor(
    readonly errorCode: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** What OFREP needs about a flag beyond the evaluator's answer, worked out once per flag set. */
export interface FlagFacts {
  enabled: boolean;
  /** Some variant list has several weighted variants: a context's variant is a split. */
  splits: boolean;
  /** A percentage rollout by the default stickiness: random without userId or sessionId. */
  rolloutNeedsId: boolean;
  /** A variant split by the default stickiness: random without userId, sessionId or remoteAddress. */
  splitNeedsId: boolean;
  metadata: Readonly<Record<string, string>>;
}

const positive = (variants: Flag["variants"]) =>
  Array.isArray(variants) ? variants.filter((v) => Number(v.weight) > 0).length : 0;

function indexFlags(set: FlagSet): Map<string, FlagFacts> {
  const facts = new Map<string, FlagFacts>();
  for (const flag of Array.isArray(set.flags) ? set.flags : []) {
    // The evaluator skips keyless flags and uses the first of duplicate keys; so does this.
    if (typeof flag?.key !== "string" || facts.has(flag.key)) continue;
    const rules = Array.isArray(flag.rules) ? flag.rules : [];
    const ruleSplitsById = rules.some(
      (r) =>
        positive(r.variants) > 1 &&
        (r.variants?.[0]?.stickiness || r.stickiness || "default") === "default",
    );
    const flagSplitsById =
      positive(flag.variants) > 1 && (flag.variants?.[0]?.stickiness ?? "default") === "default";
    facts.set(flag.key, {
      enabled: flag.enabled === true,
      splits: positive(flag.variants) > 1 || rules.some((r) => positive(r.variants) > 1),
      rolloutNeedsId: rules.some((r) => {
        const rollout = Number(r.rollout);
        return rollout > 0 && rollout < 100 && (r.stickiness || "default") === "default";
      }),
      splitNeedsId: ruleSplitsById || flagSplitsById,
      metadata: Object.freeze({ type: String(flag.type), version: String(set.version) }),
    });
  }
  return facts;
}

const present = (value: unknown) => typeof value === "string" && value !== "";

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function scalar(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return undefined;
}

/**
 * An OpenFeature evaluation context as a Weeknight context: `targetingKey` is the userId
 * (unless one is given), strings, numbers and booleans are fields (as strings), an object
 * named `properties` fills `properties`; other structures are valid OpenFeature but no flag
 * can test them, so they are ignored.
 */
export function toContext(body: unknown): Context {
  if (body === undefined || body === null) return {};
  if (!isObject(body)) {
    throw new OfrepError("PARSE_ERROR", 'the body must be a JSON object: {"context": {…}}');
  }
  const given = body.context;
  if (given === undefined || given === null) return {};
  if (!isObject(given)) {
    throw new OfrepError("INVALID_CONTEXT", "context must be an object of attributes");
  }
  const context: Context = {};
  for (const name of Object.keys(given)) {
    const value = given[name];
    if (name === "targetingKey" || name === "__proto__") continue;
    if (name === "properties" && isObject(value)) {
      const properties: Record<string, string> = {};
      for (const p of Object.keys(value)) {
        const v = scalar(value[p]);
        if (v !== undefined && p !== "__proto__") properties[p] = v;
      }
      context.properties = properties;
      continue;
    }
    const v = scalar(value);
    if (v !== undefined) context[name] = v;
  }
  const targetingKey = given.targetingKey;
  if (targetingKey !== undefined && typeof targetingKey !== "string") {
    throw new OfrepError("INVALID_CONTEXT", "context.targetingKey must be a string");
  }
  if (targetingKey !== undefined && context.userId === undefined) context.userId = targetingKey;
  return context;
}

/** Same flags and same context give the same ETag, whatever the attributes' order. */
export function bulkEtag(snapshot: FlagSnapshot, context: Context): string {
  const sorted = (o: Record<string, unknown>) =>
    Object.keys(o)
      .sort()
      .map((k): [string, unknown] => [
        k,
        k === "properties" && isObject(o[k]) ? sorted(o[k]) : o[k],
      ]);
  const hash = createHash("sha256")
    .update(snapshot.etag)
    .update("\n")
    .update(JSON.stringify(sorted(context)))
    .digest("base64url");
  return `"${hash.slice(0, 27)}"`;
}

/**
 * Evaluates flags the OFREP way. Per-flag facts and parsed payloads are worked out once per flag
 * set (kept while its compiled evaluator lives), so the hot path only evaluates.
 */
export function createOfrepEvaluation() {
  const factsByEvaluator = new WeakMap<FlagEvaluator, Map<string, FlagFacts>>();

  function factsOf(snapshot: FlagSnapshot): Map<string, FlagFacts> {
    let facts = factsByEvaluator.get(snapshot.evaluator);
    if (facts === undefined) {
      facts = indexFlags(snapshot.set);
      factsByEvaluator.set(snapshot.evaluator, facts);
    }
    return facts;
  }

  /** A variant's payload as an OFREP value, parsed once per payload. */
  const payloadValues = new WeakMap<VariantPayload, { value: unknown } | { problem: string }>();

  function payloadValue(payload: VariantPayload): { value: unknown } | { problem: string } {
    let parsed = payloadValues.get(payload);
    if (parsed !== undefined) return parsed;
    const text = String(payload.value);
    if (payload.type === "number") {
      const n = text.trim() === "" ? Number.NaN : Number(text);
      parsed = Number.isFinite(n)
        ? { value: n }
        : { problem: `number payload ${JSON.stringify(text)} is not a number` };
    } else if (payload.type === "json") {
      try {
        parsed = { value: JSON.parse(text) };
      } catch (error) {
        parsed = { problem: `json payload is not JSON (${(error as Error).message})` };
      }
    } else {
      parsed = { value: text };
    }
    payloadValues.set(payload, parsed);
    return parsed;
  }

  /**
   * One flag for one context. A flag without variants is a boolean; one that serves a variant
   * answers its payload (or its name when it has none). Off is `false` in both cases: a provider
   * asked for a string or an object then reports TYPE_MISMATCH and returns the code's default.
   */
  function evaluate(
    snapshot: FlagSnapshot,
    facts: Map<string, FlagFacts>,
    key: string,
    context: Context,
  ): Success | Failure {
    const flag = facts.get(key);
    if (flag === undefined) {
      return {
        key,
        errorCode: "FLAG_NOT_FOUND",
        errorDetails: `no flag ${JSON.stringify(key)}`,
      };
    }
    const { metadata } = flag;
    if (!flag.enabled) return { key, value: false, reason: "DISABLED", variant: "off", metadata };
    const byId = present(context.userId) || present(context.sessionId);
    if (
      (flag.rolloutNeedsId && !byId) ||
      (flag.splitNeedsId && !byId && !present(context.remoteAddress))
    ) {
      return {
        key,
        errorCode: "TARGETING_KEY_MISSING",
        errorDetails: `flag ${key} buckets by user: send a targetingKey (or a sessionId) in the context, else every evaluation is a coin toss`,
      };
    }
    const variant = snapshot.evaluator.getVariant(key, context);
    if (!variant.featureEnabled) {
      return { key, value: false, reason: "DEFAULT", variant: "off", metadata };
    }
    if (!variant.enabled)
      return { key, value: true, reason: "TARGETING_MATCH", variant: "on", metadata };
    const served = variant.payload ? payloadValue(variant.payload) : { value: variant.name };
    if ("problem" in served) {
      return {
        key,
        errorCode: "PARSE_ERROR",
        errorDetails: `flag ${key} variant ${variant.name}: ${served.problem}; fix the variant's payload`,
      };
    }
    const reason = flag.splits ? "SPLIT" : "TARGETING_MATCH";
    return { key, value: served.value, reason, variant: variant.name, metadata };
  }

  return { factsOf, evaluate };
}
