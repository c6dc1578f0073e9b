import type { Unleash } from "unleash-client";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { compileFlags } from "./evaluate.js";
import type { Context } from "./flag-types.js";
import { generateContexts, generateFlagSet } from "./test-support/flag-fixtures.js";
import { asUnleashContext, startOfflineUnleash } from "./test-support/offline-unleash.js";

// Both sides draw the same "random" number, so even random stickiness must decide identically.
const RANDOM = 0.4242;

describe("decisions identical to unleash-client 6.12.1 (offline, bootstrapped)", () => {
  const set = generateFlagSet();
  const contexts: Context[] = generateContexts(6000);
  const ours = compileFlags(set, { random: () => RANDOM });
  let unleash: Unleash;

  beforeAll(async () => {
    unleash = await startOfflineUnleash(set);
    vi.spyOn(Math, "random").mockReturnValue(RANDOM);
  });
  afterAll(() => {
    vi.restoreAllMocks();
    unleash?.destroy();
  });

  it("has enough flags and contexts, and only the deliberately bad parts are problems", () => {
    expect(set.flags.length).toBeGreaterThanOrEqual(30);
    expect(contexts.length).toBeGreaterThanOrEqual(5000);
    expect(ours.problems).toHaveLength(4);
  });

  it.each(set.flags.map((f) => [f.key]))(
    "%s: isEnabled and getVariant agree on every context",
    (key) => {
      const mismatches: string[] = [];
      for (const context of contexts) {
        const expected = unleash.isEnabled(key, asUnleashContext(context));
        const actual = ours.isEnabled(key, context);
        const theirs = unleash.getVariant(key, asUnleashContext(context));
        const mine = ours.getVariant(key, context);
        const same =
          expected === actual &&
          theirs.name === mine.name &&
          theirs.enabled === mine.enabled &&
          theirs.feature_enabled === mine.featureEnabled &&
          JSON.stringify(theirs.payload) === JSON.stringify(mine.payload);
        if (!same && mismatches.length < 3) {
          mismatches.push(
            `${JSON.stringify(context)}: unleash ${expected} ${JSON.stringify(theirs)}, ours ${actual} ${JSON.stringify(mine)}`,
          );
        }
      }
      expect(mismatches).toEqual([]);
    },
  );

  it("covers both outcomes across the set", () => {
    const outcomes = set.flags.map((f) => new Set(contexts.map((c) => ours.isEnabled(f.key, c))));
    const mixed = outcomes.filter((o) => o.size === 2).length;
    expect(mixed).toBeGreaterThanOrEqual(20);
  });
});
