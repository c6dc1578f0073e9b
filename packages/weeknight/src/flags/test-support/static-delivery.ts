import { createHash } from "node:crypto";
import {
  type CompileOptions,
  compileFlags,
  type FlagSet,
  toUnleashFeatures,
} from "@weeknight/flags-sdk";
import type {
  ClientRegistration,
  EvaluationReport,
  FlagDelivery,
  FlagSnapshot,
  SdkCaller,
} from "../flag-delivery.js";

export const TEST_SDK_KEY = "wk_sdk_test_production";
export const TEST_CALLER: SdkCaller = {
  keyId: 1,
  projectId: 1,
  project: "shop",
  environment: "production",
};

/** A FlagDelivery over one mutable flag set, for the evaluation APIs' tests and benchmarks. */
export interface StaticDelivery extends FlagDelivery {
  /** Replaces the flags (compiled once, like the real delivery) and notifies subscribers. */
  set(flagSet: FlagSet): void;
  current(): FlagSnapshot;
  readonly reports: { caller: SdkCaller; report: EvaluationReport }[];
  readonly registrations: { caller: SdkCaller; client: ClientRegistration }[];
  /** How many listeners are subscribed now (streams must unsubscribe when they close). */
  subscriberCount(): number;
}

export function snapshotOf(flagSet: FlagSet, compile: CompileOptions = {}): FlagSnapshot {
  const hash = createHash("sha256").update(JSON.stringify(flagSet)).digest("base64url");
  return {
    set: flagSet,
    evaluator: compileFlags(flagSet, compile),
    unleash: toUnleashFeatures(flagSet),
    etag: `"${hash.slice(0, 27)}"`,
  };
}

export function createStaticDelivery(options: {
  flagSet: FlagSet;
  /** SDK key → caller; default: TEST_SDK_KEY for shop/production. */
  keys?: Record<string, SdkCaller>;
  compile?: CompileOptions;
}): StaticDelivery {
  const keys = new Map(Object.entries(options.keys ?? { [TEST_SDK_KEY]: TEST_CALLER }));
  let snapshot = snapshotOf(options.flagSet, options.compile);
  const listeners = new Set<(snapshot: FlagSnapshot) => void>();
  const reports: StaticDelivery["reports"] = [];
  const registrations: StaticDelivery["registrations"] = [];
  return {
    reports,
    registrations,
    async authenticate(key) {
      return keys.get(key) ?? null;
    },
    async snapshot() {
      return snapshot;
    },
    subscribe(_caller, listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async recordEvaluations(caller, report) {
      reports.push({ caller, report });
    },
    async registerClient(caller, client) {
      registrations.push({ caller, client });
    },
    set(flagSet) {
      snapshot = snapshotOf(flagSet, options.compile);
      for (const listener of [...listeners]) listener(snapshot);
    },
    current: () => snapshot,
    subscriberCount: () => listeners.size,
  };
}
