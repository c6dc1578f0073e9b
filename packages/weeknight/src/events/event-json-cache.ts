import type { Clock } from "../clock.js";
import type { EventBus } from "./event-bus.js";

/**
 * JSON answers that every open dashboard asks for (the overview, a project's builds), computed
 * once and shared. Every domain event except log lines may change them, so an event drops them
 * all: the dashboard refetches because of that event, and the next caller waits for one fresh
 * computation that concurrent callers share. Writes come before their events, so a value
 * computed after an event includes its change.
 */
export interface EventJsonCache {
  get(key: string, compute: () => Promise<string>): Promise<string>;
  /** Drops everything, for a change that publishes no event. */
  clear(): void;
}

interface Entry {
  json: string | null;
  at: number;
  pending: Promise<string> | null;
}

export function createEventJsonCache(deps: {
  bus: EventBus;
  clock: Clock;
  /**
   * Values that change without events (a schedule's next run) are recomputed after this long:
   * callers get the last value meanwhile, so no request waits for it.
   */
  maxAgeMs?: number;
  maxEntries?: number;
}): EventJsonCache {
  const { clock, maxAgeMs = Number.POSITIVE_INFINITY, maxEntries = 1000 } = deps;
  const entries = new Map<string, Entry>();
  deps.bus.subscribe((event) => {
    if (!event.type.endsWith(".log")) entries.clear();
  });

  const refresh = (key: string, entry: Entry, compute: () => Promise<string>) => {
    if (entry.pending) return entry.pending;
    const startedAt = clock.now();
    entry.pending = compute()
      .then((json) => {
        // Dropped by an event while computing: the value may predate it, so it is not kept.
        if (entries.get(key) === entry) Object.assign(entry, { json, at: startedAt });
        return json;
      })
      .catch((error: unknown) => {
        if (entry.json === null && entries.get(key) === entry) entries.delete(key);
        throw error;
      })
      .finally(() => {
        entry.pending = null;
      });
    return entry.pending;
  };

  return {
    async get(key, compute) {
      const entry = entries.get(key);
      if (entry?.json != null) {
        if (clock.now() - entry.at > maxAgeMs) void refresh(key, entry, compute).catch(() => {});
        return entry.json;
      }
      if (entry) return refresh(key, entry, compute);
      const created: Entry = { json: null, at: 0, pending: null };
      entries.set(key, created);
      if (entries.size > maxEntries) {
        const oldest = entries.keys().next().value;
        if (oldest !== undefined) entries.delete(oldest);
      }
      return refresh(key, created, compute);
    },
    clear: () => entries.clear(),
  };
}
