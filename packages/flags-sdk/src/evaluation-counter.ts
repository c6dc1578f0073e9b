/** One flag's evaluations in a reporting window. */
export interface FlagCounts {
  yes: number;
  no: number;
  variants: Record<string, number>;
}

/** The body of `POST /api/v1/sdk/metrics`, without appName and instanceId. */
export interface EvaluationWindow {
  /** Epoch ms. */
  start: number;
  stop: number;
  flags: Record<string, FlagCounts>;
}

export interface EvaluationCounter {
  /** An `isEnabled` result. */
  count(key: string, enabled: boolean): void;
  /** A `getVariant` result: counted as yes/no by `featureEnabled`, and by variant name. */
  countVariant(key: string, enabled: boolean, variant: string): void;
  /** The counts since the last take (or restore), and a new window; undefined when empty. */
  take(): EvaluationWindow | undefined;
  /** Puts back counts that could not be sent; the next window starts at their start. */
  restore(window: EvaluationWindow): void;
}

interface Tally {
  yes: number;
  no: number;
  variants: Map<string, number> | undefined;
}

/**
 * Counts in a Map updated in place: after a flag's first evaluation in a window, counting is a
 * lookup and an increment. The map is replaced at each report, so keys no longer used go away.
 */
export function createEvaluationCounter(now: () => number = Date.now): EvaluationCounter {
  let tallies = new Map<string, Tally>();
  let start = now();

  const tally = (key: string): Tally => {
    let t = tallies.get(key);
    if (t === undefined) {
      t = { yes: 0, no: 0, variants: undefined };
      tallies.set(key, t);
    }
    return t;
  };

  return {
    count(key, enabled) {
      const t = tally(key);
      if (enabled) t.yes++;
      else t.no++;
    },
    countVariant(key, enabled, variant) {
      const t = tally(key);
      if (enabled) t.yes++;
      else t.no++;
      t.variants ??= new Map();
      t.variants.set(variant, (t.variants.get(variant) ?? 0) + 1);
    },
    take() {
      const stop = now();
      if (tallies.size === 0) {
        start = stop;
        return undefined;
      }
      // fromEntries defines own properties, so even a "__proto__" key is reported as data.
      const flags = Object.fromEntries(
        Array.from(tallies, ([key, t]): [string, FlagCounts] => [
          key,
          { yes: t.yes, no: t.no, variants: Object.fromEntries(t.variants ?? []) },
        ]),
      );
      const window = { start, stop, flags };
      tallies = new Map();
      start = stop;
      return window;
    },
    restore(window) {
      start = Math.min(start, window.start);
      for (const [key, counts] of Object.entries(window.flags)) {
        const t = tally(key);
        t.yes += counts.yes;
        t.no += counts.no;
        for (const [name, n] of Object.entries(counts.variants)) {
          t.variants ??= new Map();
          t.variants.set(name, (t.variants.get(name) ?? 0) + n);
        }
      }
    },
  };
}
