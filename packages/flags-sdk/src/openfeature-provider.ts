import type { Context } from "./flag-types.js";
import type { FlagsClient } from "./flags-client.js";
import {
  CONFIGURATION_CHANGED,
  createProviderEvents,
  ErrorCode,
  type JsonValue,
  type OpenFeatureContext,
  type ProviderEvents,
  type ResolutionDetails,
} from "./openfeature-types.js";

/** Structurally an `@openfeature/server-sdk` `Provider`. */
export interface WeeknightProvider {
  readonly metadata: { readonly name: "weeknight" };
  readonly runsOn: "server";
  readonly events: ProviderEvents;
  initialize(): Promise<void>;
  onClose(): Promise<void>;
  resolveBooleanEvaluation(
    key: string,
    defaultValue: boolean,
    context: OpenFeatureContext,
  ): Promise<ResolutionDetails<boolean>>;
  resolveStringEvaluation(
    key: string,
    defaultValue: string,
    context: OpenFeatureContext,
  ): Promise<ResolutionDetails<string>>;
  resolveNumberEvaluation(
    key: string,
    defaultValue: number,
    context: OpenFeatureContext,
  ): Promise<ResolutionDetails<number>>;
  resolveObjectEvaluation<T extends JsonValue>(
    key: string,
    defaultValue: T,
    context: OpenFeatureContext,
  ): Promise<ResolutionDetails<T>>;
}

export interface OpenFeatureProviderOptions {
  /** `initialize()` fails after this long without flags; by default it waits. */
  readyTimeoutMs?: number;
}

/**
 * OpenFeature's context as a Weeknight context: `targetingKey` is the `userId` unless one is
 * given; other string attributes pass through (and a Date `currentTime`); the rest is dropped,
 * as the evaluator treats non-strings as missing.
 */
export function toWeeknightContext(context: OpenFeatureContext | undefined): Context {
  const out: Context = {};
  for (const [name, value] of Object.entries(context ?? {})) {
    if (typeof value === "string") out[name] = value;
    else if (name === "currentTime" && value instanceof Date) out.currentTime = value;
  }
  delete out.targetingKey;
  if (out.userId === undefined && typeof context?.targetingKey === "string") {
    out.userId = context.targetingKey;
  }
  return out;
}

type Payload = { value: unknown } | { error: ErrorCode; message: string };

const PAYLOADS = {
  string: (text: string): Payload => ({ value: text }),
  number: (text: string): Payload => {
    const n = Number(text);
    return text.trim() !== "" && Number.isFinite(n)
      ? { value: n }
      : { error: ErrorCode.PARSE_ERROR, message: `the number payload ${JSON.stringify(text)}` };
  },
  json: (text: string): Payload => {
    try {
      const value: unknown = JSON.parse(text);
      if (typeof value === "object" && value !== null) return { value };
      return { error: ErrorCode.TYPE_MISMATCH, message: "the json payload is not an object" };
    } catch {
      return { error: ErrorCode.PARSE_ERROR, message: "the json payload is not valid JSON" };
    }
  },
};

/**
 * An OpenFeature server provider over a Weeknight client. Booleans come from `isEnabled`;
 * strings, numbers and objects from the served variant's payload (`string`, `number`, `json`).
 */
export function createOpenFeatureProvider(
  client: FlagsClient,
  options: OpenFeatureProviderOptions = {},
): WeeknightProvider {
  const events = createProviderEvents();
  const unsubscribe = client.on("changed", ({ version }) =>
    events.emit(CONFIGURATION_CHANGED, { message: `flags version ${version}` }),
  );

  const notFound = <T>(key: string, value: T): ResolutionDetails<T> => ({
    value,
    reason: "ERROR",
    errorCode: ErrorCode.FLAG_NOT_FOUND,
    errorMessage: `flag ${JSON.stringify(key)} is not in Weeknight's flag set (version ${client.version || "none"})`,
  });
  const offReason = (key: string) => (client.flag(key)?.enabled === true ? "DEFAULT" : "DISABLED");

  function resolveVariant<T>(
    key: string,
    defaultValue: T,
    context: OpenFeatureContext,
    type: keyof typeof PAYLOADS,
  ): ResolutionDetails<T> {
    if (client.flag(key) === undefined) return notFound(key, defaultValue);
    const variant = client.getVariant(key, toWeeknightContext(context));
    if (!variant.featureEnabled) return { value: defaultValue, reason: offReason(key) };
    if (!variant.enabled) return { value: defaultValue, reason: "DEFAULT" };
    const payload = variant.payload;
    const parsed: Payload =
      payload?.type === type
        ? PAYLOADS[type](payload.value)
        : {
            error: ErrorCode.TYPE_MISMATCH,
            message: `a ${payload ? `${payload.type} payload` : "variant without payload"}, not ${type}`,
          };
    if ("value" in parsed) {
      return { value: parsed.value as T, variant: variant.name, reason: "TARGETING_MATCH" };
    }
    return {
      value: defaultValue,
      variant: variant.name,
      reason: "ERROR",
      errorCode: parsed.error,
      errorMessage: `flag ${key} served variant ${variant.name} with ${parsed.message}`,
    };
  }

  return {
    metadata: { name: "weeknight" },
    runsOn: "server",
    events,
    initialize: () => client.ready({ timeoutMs: options.readyTimeoutMs }),
    async onClose() {
      unsubscribe();
      await client.close();
    },
    async resolveBooleanEvaluation(key, defaultValue, context) {
      if (client.flag(key) === undefined) return notFound(key, defaultValue);
      const value = client.isEnabled(key, toWeeknightContext(context));
      return { value, reason: value ? "TARGETING_MATCH" : offReason(key) };
    },
    resolveStringEvaluation: async (key, defaultValue, context) =>
      resolveVariant(key, defaultValue, context, "string"),
    resolveNumberEvaluation: async (key, defaultValue, context) =>
      resolveVariant(key, defaultValue, context, "number"),
    resolveObjectEvaluation: async (key, defaultValue, context) =>
      resolveVariant(key, defaultValue, context, "json"),
  };
}
