import type { Unleash } from "unleash-client";
import { present } from "../packages/flags-sdk/src/context-fields.js";
import { compileFlags, type FlagEvaluator } from "../packages/flags-sdk/src/evaluate.js";
import type { Context } from "../packages/flags-sdk/src/flag-types.js";
import {
  benchFlagSet,
  generateContexts,
} from "../packages/flags-sdk/src/test-support/flag-fixtures.js";
import {
  asUnleashContext,
  startOfflineUnleash,
} from "../packages/flags-sdk/src/test-support/offline-unleash.js";

const FLAGS = 50;
const CONTEXTS = 2000;
const ROUNDS = 6;
const ROUND_MS = Number(process.env.WEEKNIGHT_BENCH_ROUND_MS ?? 400);

type Evaluate = (key: string, context: Context) => boolean;

/** Evaluates every flag for every context, repeatedly for about `ms`; returns evals per second. */
function measure(evaluate: Evaluate, keys: string[], contexts: Context[], ms: number): number {
  let evals = 0;
  let on = 0;
  const start = process.hrtime.bigint();
  const deadline = start + BigInt(ms) * 1_000_000n;
  let now = start;
  while (now < deadline) {
    for (const context of contexts) {
      for (const key of keys) if (evaluate(key, context)) on++;
    }
    evals += keys.length * contexts.length;
    now = process.hrtime.bigint();
  }
  if (on < 0) throw new Error("unreachable: keeps `on` alive");
  return evals / (Number(now - start) / 1e9);
}

/**
 * 50 flags (each a constraint and a percentage rollout) over the same contexts, evaluated by
 * Weeknight's SDK and by unleash-client (offline, bootstrapped, metrics off), alternating rounds.
 * Contexts all carry a userId or sessionId so that no decision is random.
 */
export async function flagsBench(): Promise<Record<string, unknown>> {
  const set = benchFlagSet(FLAGS);
  const keys = set.flags.map((f) => f.key);
  const contexts = generateContexts(CONTEXTS * 2, 11)
    .filter((c) => present(c.userId) || present(c.sessionId))
    .slice(0, CONTEXTS);
  const ours: FlagEvaluator = compileFlags(set);
  const unleash: Unleash = await startOfflineUnleash(set);
  try {
    const theirs: Evaluate = (key, context) => unleash.isEnabled(key, asUnleashContext(context));
    const mine: Evaluate = (key, context) => ours.isEnabled(key, context);
    let identical = true;
    let on = 0;
    for (const context of contexts) {
      for (const key of keys) {
        const decision = mine(key, context);
        if (decision) on++;
        if (decision !== theirs(key, context)) identical = false;
      }
    }
    let weeknight = 0;
    let unleashRate = 0;
    for (let round = 0; round < ROUNDS; round++) {
      weeknight += measure(mine, keys, contexts, ROUND_MS);
      unleashRate += measure(theirs, keys, contexts, ROUND_MS);
    }
    weeknight /= ROUNDS;
    unleashRate /= ROUNDS;
    return {
      bench: "flags",
      flags: keys.length,
      contexts: contexts.length,
      share_on: Math.round((on / (keys.length * contexts.length)) * 1000) / 1000,
      weeknight_evals_per_s: Math.round(weeknight),
      unleash_evals_per_s: Math.round(unleashRate),
      ratio: Math.round((weeknight / unleashRate) * 10) / 10,
      target_ratio: 20,
      decisions_identical: identical,
    };
  } finally {
    unleash.destroy();
  }
}
