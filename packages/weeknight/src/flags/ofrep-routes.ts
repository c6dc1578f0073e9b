import { createHash } from "node:crypto";
import type { Context, Flag, FlagEvaluator, FlagSet, VariantPayload } from "@weeknight/flags-sdk";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { UnauthenticatedError } from "../errors/domain-errors.js";
import { bearerToken } from "../http/http-auth.js";
import type { FlagDelivery, FlagSnapshot } from "./flag-delivery.js";
import { etagMatches, sdkCallers } from "./sdk-routes.js";

/** A context is a few hundred bytes; this leaves room for large ones and refuses abuse. */
export const OFREP_MAX_BODY_BYTES = 64 * 1024;

type ErrorCode =
  | "PARSE_ERROR"
  | "INVALID_CONTEXT"
  | "TARGETING_KEY_MISSING"
  | "FLAG_NOT_FOUND"
  | "GENERAL";

interface Success {
  key: string;
  value: unknown;
  reason: "TARGETING_MATCH" | "SPLIT" | "DISABLED" | "DEFAULT";
  variant: string;
  metadata: Readonly<Record<string, string>>;
}

interface Failure {
  key: string;
  errorCode: ErrorCode;
  errorDetails: string;
}

/** A request OFREP answers with 400 and an error code; the scoped error handler shapes it. */
class OfrepError extends Error {
  constructor(
    readonly errorCode: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** What OFREP needs about a flag beyond the evaluator's answer, worked out once per flag set. */
interface FlagFacts {
  enabled: boolean;
  /** Some variant list has several weighted variants: a context's variant is a split. */
  splits: boolean;
  /** A percentage rollout by the default stickiness: random without userId or sessionId. */
  rolloutNeedsId: boolean;
  /** A variant split by the default stickiness: random without userId, sessionId or remoteAddress. */
  splitNeedsId: boolean;
  metadata: Readonly<Record<string, string>>;
}

const factsByEvaluator = new WeakMap<FlagEvaluator, Map<string, FlagFacts>>();

function factsOf(snapshot: FlagSnapshot): Map<string, FlagFacts> {
  let facts = factsByEvaluator.get(snapshot.evaluator);
  if (facts === undefined) {
    facts = indexFlags(snapshot.set);
    factsByEvaluator.set(snapshot.evaluator, facts);
  }
  return facts;
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
function bulkEtag(snapshot: FlagSnapshot, context: Context): string {
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

const sdkKey = (request: FastifyRequest) => {
  const apiKey = request.headers["x-api-key"];
  return bearerToken(request) ?? (typeof apiKey === "string" && apiKey ? apiKey : undefined);
};

/**
 * The OpenFeature Remote Evaluation Protocol (OFREP v1), so any OpenFeature SDK's OFREP provider
 * evaluates Weeknight flags on the server: `POST /ofrep/v1/evaluate/flags/{key}` and the bulk
 * `POST /ofrep/v1/evaluate/flags` (ETag, 304). Errors are OFREP's `{key, errorCode, errorDetails}`.
 */
export function ofrepRoutes(deps: { delivery: FlagDelivery }): (app: FastifyInstance) => void {
  const { delivery } = deps;
  return (app) => {
    app.register(async (scoped) => {
      const auth = sdkCallers(
        delivery,
        sdkKey,
        "send `Authorization: Bearer <sdk key>` or `X-API-Key: <sdk key>` with an SDK key of the environment",
      );
      scoped.addHook("onRequest", auth.hook);
      // Any content type is JSON (curl -d sends a form type); an empty body is an empty context.
      scoped.removeAllContentTypeParsers();
      scoped.addContentTypeParser(
        "*",
        { parseAs: "string", bodyLimit: OFREP_MAX_BODY_BYTES },
        (_request, body, done) => {
          const text = String(body);
          if (text.trim() === "") return done(null, undefined);
          try {
            done(null, JSON.parse(text));
          } catch (error) {
            done(
              new OfrepError("PARSE_ERROR", `the body is not JSON: ${(error as Error).message}`),
            );
          }
        },
      );
      scoped.setErrorHandler((error, request, reply) => {
        const key = (request.params as { key?: string } | undefined)?.key;
        if (error instanceof UnauthenticatedError) {
          return reply.status(401).send({ errorDetails: error.message });
        }
        if (error instanceof OfrepError) {
          return reply
            .status(400)
            .send({ key, errorCode: error.errorCode, errorDetails: error.message });
        }
        if ((error as { code?: string }).code === "FST_ERR_CTP_BODY_TOO_LARGE") {
          return reply.status(400).send({
            key,
            errorCode: "INVALID_CONTEXT",
            errorDetails: `the request is over ${OFREP_MAX_BODY_BYTES / 1024} KiB: send only the attributes your flags test`,
          });
        }
        const status = (error as { statusCode?: number }).statusCode ?? 500;
        if (status >= 500) request.log.error(error);
        return reply.status(status >= 500 ? 500 : 400).send({
          key,
          errorCode: "GENERAL",
          errorDetails:
            status >= 500
              ? "internal error: see the server log"
              : `${(error as Error).message}: send a JSON body {"context": {…}} with Content-Type: application/json`,
        });
      });

      scoped.post<{ Params: { key: string } }>(
        "/ofrep/v1/evaluate/flags/:key",
        { schema: { hide: true } },
        async (request, reply) => {
          const context = toContext(request.body);
          const caller = auth.callerOf(request);
          const snapshot = await delivery.snapshot(caller);
          const result = evaluate(snapshot, factsOf(snapshot), request.params.key, context);
          if (!("errorCode" in result)) return result;
          if (result.errorCode !== "FLAG_NOT_FOUND") return reply.status(400).send(result);
          result.errorDetails += ` in ${caller.project}/${caller.environment}: check the key and the SDK key's environment, or create the flag there`;
          return reply.status(404).send(result);
        },
      );

      scoped.post(
        "/ofrep/v1/evaluate/flags",
        { schema: { hide: true } },
        async (request, reply) => {
          const context = toContext(request.body);
          const snapshot = await delivery.snapshot(auth.callerOf(request));
          const etag = bulkEtag(snapshot, context);
          reply.header("etag", etag).header("cache-control", "private, no-cache");
          if (etagMatches(request, etag)) return reply.status(304).send();
          const facts = factsOf(snapshot);
          const flags: (Success | Failure)[] = [];
          for (const key of facts.keys()) flags.push(evaluate(snapshot, facts, key, context));
          return { flags };
        },
      );
    });
  };
}
