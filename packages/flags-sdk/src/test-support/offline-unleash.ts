import { InMemStorageProvider, Unleash, type Context as UnleashContext } from "unleash-client";
import type { Context, FlagSet } from "../flag-types.js";
import { toUnleashFeatures } from "../unleash-format.js";

/**
 * A real unleash-client, offline: bootstrapped with `toUnleashFeatures(set)` as it would come
 * over the wire (JSON), no polling (refreshInterval 0), no metrics, no backup file, and a dead
 * loopback URL it never calls. Resolves once the bootstrap is loaded.
 */
export async function startOfflineUnleash(set: FlagSet): Promise<Unleash> {
  const wire = JSON.parse(JSON.stringify(toUnleashFeatures(set)));
  const unleash = new Unleash({
    appName: "weeknight-differential",
    url: "http://127.0.0.1:9/api/",
    refreshInterval: 0,
    metricsInterval: 0,
    disableMetrics: true,
    storageProvider: new InMemStorageProvider(),
    bootstrap: { data: wire.features, segments: wire.segments },
    skipInstanceCountWarning: true,
  });
  const failures: unknown[] = [];
  unleash.on("error", (error: unknown) => failures.push(error));
  unleash.on("warn", (warning: unknown) => failures.push(warning));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`unleash not ready: ${failures}`)), 5000);
    unleash.once("ready", () => {
      clearTimeout(timer);
      resolve();
    });
  });
  if (failures.length > 0) throw new Error(`unleash-client complained: ${failures.join("; ")}`);
  return unleash;
}

/** unleash-client types `currentTime` as a Date, but its DATE_ operators take strings too. */
export function asUnleashContext(context: Context): UnleashContext {
  return context as UnleashContext;
}
