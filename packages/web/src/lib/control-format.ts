/** How alarming a risk level looks: the lowest level green, the highest red, anything between amber. */
export type RiskTone = "good" | "warn" | "bad";

export function riskTone(level: string, levels: readonly string[]): RiskTone {
  const index = levels.indexOf(level);
  if (index === 0) return "good";
  if (index === levels.length - 1) return "bad";
  // A level the list does not name (config changed under a cached answer): neither calm nor alarm.
  return "warn";
}

/** "high risk" — the word, so colour is never the only signal. */
export function riskLabel(level: string): string {
  return `${level} risk`;
}

/** "Approvals 1 of 2", "Approvals 2 of 1" (more than needed is fine). */
export function approvalsLabel(approvals: { required: number; given: readonly unknown[] }): string {
  return `Approvals ${approvals.given.length} of ${approvals.required}`;
}

/** Whether `username` already approved what waits now. */
export function hasApproved(
  approvals: { given: readonly { by: string }[] },
  username: string,
): boolean {
  return approvals.given.some((approval) => approval.by === username);
}
