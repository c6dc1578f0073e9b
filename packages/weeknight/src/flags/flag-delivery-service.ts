import { createHash } from "node:crypto";
import { compileFlags, type FlagSet, toUnleashFeatures } from "@weeknight/flags-sdk";
import type { Clock } from "../clock.js";
import type { EventBus } from "../events/event-bus.js";
import type { FlagDelivery, FlagSnapshot, SdkCaller } from "./flag-delivery.js";
import { OFF } from "./flag-lifecycle.js";
import type { FlagStore } from "./flag-store.js";
import type { FlagUsageStore } from "./flag-usage-store.js";
import type { SdkKeyService } from "./sdk-key-service.js";
import type { SegmentService } from "./segment-service.js";

const HOUR = 60 * 60_000;
/** Larger reports are cut: a runaway SDK must not fill the database. */
const MAX_FLAGS_PER_REPORT = 1000;

/**
 * Serves each environment's flags to SDKs: built and compiled once per change (on
 * `flag.changed`), then handed out until the next; subscribers get every new snapshot.
 */
export function createFlagDelivery(deps: {
  store: Pick<FlagStore, "list">;
  segments: Pick<SegmentService, "segmentsOf">;
  keys: Pick<SdkKeyService, "authenticate">;
  usage: FlagUsageStore;
  bus: EventBus;
  clock: Clock;
}): FlagDelivery & { stop(): void } {
  const { usage, clock } = deps;
  const snapshots = new Map<string, Promise<FlagSnapshot>>();
  const listeners = new Map<string, Set<(snapshot: FlagSnapshot) => void>>();
  const slot = (projectId: number, environment: string) => `${projectId}/${environment}`;

  async function build(projectId: number, environment: string): Promise<FlagSnapshot> {
    const [records, segments] = await Promise.all([
      deps.store.list(projectId),
      deps.segments.segmentsOf(projectId),
    ]);
    // Every flag not archived; unconfigured ones as off, so SDKs know the key exists.
    const flags = records.map(({ key, type, environments }) => {
      const env = environments.find((e) => e.environment === environment) ?? OFF;
      return { key, type, enabled: env.enabled, rules: env.rules, variants: env.variants };
    });
    const version = createHash("sha256")
      .update(JSON.stringify({ flags, segments }))
      .digest("hex")
      .slice(0, 20);
    const set: FlagSet = { version, flags, segments };
    return {
      set,
      evaluator: compileFlags(set),
      unleash: toUnleashFeatures(set),
      etag: `"${version}"`,
    };
  }

  function snapshotOf(projectId: number, environment: string): Promise<FlagSnapshot> {
    const key = slot(projectId, environment);
    let found = snapshots.get(key);
    if (!found) {
      found = build(projectId, environment);
      snapshots.set(key, found);
      // A failed build is not remembered: the next request tries again.
      found.catch(() => snapshots.delete(key));
    }
    return found;
  }

  function refresh(key: string, projectId: number, environment: string) {
    snapshots.delete(key);
    const waiting = listeners.get(key);
    if (!waiting || waiting.size === 0) return;
    snapshotOf(projectId, environment).then(
      (snapshot) => {
        for (const listener of waiting) listener(snapshot);
      },
      () => {},
    );
  }

  const unsubscribe = deps.bus.subscribe((event) => {
    if (event.type !== "flag.changed") return;
    const projectId = Number(event.data.projectId);
    const environment = event.data.environment;
    const keys = new Set([...snapshots.keys(), ...listeners.keys()]);
    for (const key of keys) {
      const [id, env = ""] = key.split(/\/(.*)/s);
      if (Number(id) !== projectId) continue;
      if (typeof environment === "string" && environment !== env) continue;
      refresh(key, projectId, env);
    }
  });

  return {
    authenticate: (key) => deps.keys.authenticate(key),
    snapshot: (caller) => snapshotOf(caller.projectId, caller.environment),
    subscribe(caller, listener) {
      const key = slot(caller.projectId, caller.environment);
      const set = listeners.get(key) ?? new Set();
      set.add(listener);
      listeners.set(key, set);
      return () => {
        set.delete(listener);
        if (set.size === 0) listeners.delete(key);
      };
    },
    async recordEvaluations(caller: SdkCaller, report) {
      // Counts land in the hour the report's window ended in.
      const hour = Math.floor(Math.min(report.stop || clock.now(), clock.now()) / HOUR) * HOUR;
      const counts = Object.entries(report.flags)
        .slice(0, MAX_FLAGS_PER_REPORT)
        .flatMap(([flagKey, c]) => [
          { flagKey, variant: "", hour, yes: c.yes, no: c.no },
          ...Object.entries(c.variants ?? {}).map(([variant, n]) => ({
            flagKey,
            variant,
            hour,
            yes: n,
            no: 0,
          })),
        ]);
      await usage.add(caller.projectId, caller.environment, counts);
      await usage.seen(caller.projectId, {
        environment: caller.environment,
        appName: report.appName,
        instanceId: report.instanceId,
        sdkVersion: "",
        startedAt: report.start,
        lastSeenAt: clock.now(),
      });
    },
    async registerClient(caller, client) {
      await usage.seen(caller.projectId, {
        environment: caller.environment,
        appName: client.appName,
        instanceId: client.instanceId,
        sdkVersion: client.sdkVersion,
        startedAt: client.started,
        lastSeenAt: clock.now(),
      });
    },
    stop: unsubscribe,
  };
}
