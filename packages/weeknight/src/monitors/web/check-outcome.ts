import type { CheckContext, CheckOutcome } from "../monitor-types.js";
import {
  type ConditionResult,
  evaluateCondition,
  type ResponseFacts,
} from "./condition-evaluate.js";
import type { Condition } from "./conditions.js";

type Part = NonNullable<CheckOutcome["parts"]>[number];

/** Evaluates every condition; each becomes a part, so the dashboard shows which one failed. */
export function conditionParts(conditions: readonly Condition[], facts: ResponseFacts): Part[] {
  return conditions.map((condition) => toPart(condition.text, evaluateCondition(condition, facts)));
}

function toPart(name: string, result: ConditionResult): Part {
  const value = typeof result.value === "boolean" ? String(result.value) : result.value;
  return { name, status: result.ok ? "pass" : "fail", message: result.message, value };
}

/**
 * Turns what one exchange saw into an outcome. A broken exchange after a response (timeout,
 * body too large, redirect loop) fails whatever the conditions say; with no response at all,
 * conditions decide, so `[CONNECTED] == false` can watch that a port stays closed.
 */
export function judge(input: {
  conditions: readonly Condition[];
  facts: ResponseFacts;
  durationMs: number;
  error?: string;
  cancelled?: boolean;
}): CheckOutcome {
  const { facts, durationMs, error } = input;
  const parts = conditionParts(input.conditions, facts);
  if (input.cancelled) {
    return {
      status: "inconclusive",
      durationMs,
      message: "run cancelled before it finished",
      parts,
    };
  }
  const failed = parts.filter((part) => part.status === "fail");
  if (error !== undefined && (facts.connected || failed.length > 0)) {
    return { status: "fail", durationMs, message: error, parts };
  }
  if (failed.length > 0) {
    return { status: "fail", durationMs, message: failed.map((p) => p.message).join("; "), parts };
  }
  const summary =
    facts.status === undefined
      ? `all ${parts.length} conditions passed`
      : `HTTP ${facts.status} in ${Math.round(durationMs)} ms`;
  return { status: "pass", durationMs, message: summary, parts };
}

/** Retries a failed run at once, up to `retries` more times; the last attempt is reported. */
export async function withRetries(
  retries: number,
  context: CheckContext,
  attempt: () => Promise<CheckOutcome>,
): Promise<CheckOutcome> {
  let outcome = await attempt();
  let tries = 1;
  while (outcome.status === "fail" && tries <= retries && !context.signal.aborted) {
    outcome = await attempt();
    tries++;
  }
  if (outcome.status === "fail" && tries > 1) {
    return { ...outcome, message: `${outcome.message} (failed ${tries} times in a row)` };
  }
  return outcome;
}
