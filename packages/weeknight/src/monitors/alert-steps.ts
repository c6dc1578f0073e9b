import type { Alert, MonitorState } from "./monitor-store.js";

export type AlertStep =
  | { kind: "none" }
  | { kind: "open"; state: "pending" | "firing" }
  | { kind: "fire" }
  | { kind: "resolve" };

/**
 * The alert state machine, `ok → pending → firing → resolved`, after one monitor run: a failure
 * opens an alert (pending while it has failed for less than `for:`), a failure that has lasted
 * `for:` fires it, a pass resolves it. Inconclusive results change nothing; one alert at a time
 * per monitor (dedupe).
 */
export function nextAlertStep(input: {
  state: MonitorState;
  active: Alert | null;
  forMs: number;
  now: number;
}): AlertStep {
  const { state, active, forMs, now } = input;
  if (state.status === "inconclusive") return { kind: "none" };
  if (state.status === "pass") return active ? { kind: "resolve" } : { kind: "none" };
  const lasted = now - (state.failingSince ?? now) >= forMs;
  if (!active) return { kind: "open", state: lasted ? "firing" : "pending" };
  if (active.state === "pending" && lasted) return { kind: "fire" };
  return { kind: "none" };
}
