import { OFF, stageOf, staleness } from "./flag-lifecycle.js";
import type { FlagView } from "./flag-schema.js";
import type { FlagRecord } from "./flag-store.js";

const DAY = 24 * 60 * 60_000;

/**
 * A flag as the API shows it: every environment the project defines (unconfigured ones off),
 * plus any it no longer defines but still has rules for, each with its stage.
 */
export function toFlagView(
  project: string,
  flag: FlagRecord,
  environments: string[],
  now: number,
): FlagView {
  const configured = new Map(flag.environments.map((e) => [e.environment, e]));
  const all = [...new Set([...environments, ...configured.keys()])];
  const stale = staleness(flag, now);
  return {
    key: flag.key,
    project,
    type: flag.type,
    description: flag.description,
    createdBy: flag.createdBy,
    createdAt: flag.createdAt,
    archivedAt: flag.archivedAt,
    stale: stale && { ...stale, days: Math.floor((now - stale.releasedAt) / DAY) },
    environments: all.map((environment) => {
      const env = configured.get(environment);
      return {
        environment,
        ...(env ?? { ...OFF, ramp: null, releasedAt: null, updatedBy: null, updatedAt: null }),
        ...stageOf(env),
      };
    }),
  };
}
