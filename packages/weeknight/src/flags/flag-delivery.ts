import type { FlagEvaluator, FlagSet, UnleashFeatures } from "@weeknight/flags-sdk";

/** Who is asking for flags: an SDK key serves one environment of one project. */
export interface SdkCaller {
  keyId: number;
  projectId: number;
  project: string;
  environment: string;
}

/** One environment's flags as served to SDKs, compiled once per change. */
export interface FlagSnapshot {
  set: FlagSet;
  /** Compiled rules, for server-side evaluation (OFREP). */
  evaluator: FlagEvaluator;
  /** The same flags in the Unleash client API's shape. */
  unleash: UnleashFeatures;
  /** A strong ETag (quoted), the same for the same flags. */
  etag: string;
}

/** Evaluation counts an SDK reports for a time window. */
export interface EvaluationReport {
  appName: string;
  instanceId: string;
  /** Epoch ms. */
  start: number;
  stop: number;
  flags: Record<string, { yes: number; no: number; variants: Record<string, number> }>;
}

/** An SDK instance announcing itself (Unleash's `POST /client/register`). */
export interface ClientRegistration {
  appName: string;
  instanceId: string;
  sdkVersion: string;
  started: number;
  interval: number;
}

/**
 * What the evaluation APIs (Weeknight SDK, OFREP, Unleash client API) need from the flags
 * module: authenticate an SDK key, read and watch an environment's flags, take counts.
 */
export interface FlagDelivery {
  /** The project and environment an SDK key serves; null for an unknown or revoked key. */
  authenticate(key: string): Promise<SdkCaller | null>;
  snapshot(caller: SdkCaller): Promise<FlagSnapshot>;
  /** Called with the new snapshot whenever the environment's flags change; returns unsubscribe. */
  subscribe(caller: SdkCaller, listener: (snapshot: FlagSnapshot) => void): () => void;
  recordEvaluations(caller: SdkCaller, report: EvaluationReport): Promise<void>;
  registerClient(caller: SdkCaller, client: ClientRegistration): Promise<void>;
}
