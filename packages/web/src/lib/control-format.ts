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

/**
 * What "Deploy anyway…" would push past: the candidate and every hold on it. Null when nothing
 * holds it, or when there is no candidate other than the live build (forcing would only redeploy
 * what runs).
 */
export function forceDeployOffer(env: {
  candidate: { buildId: number } | null;
  live: { buildId: number } | null;
  control: { holds: readonly string[] } | null;
}): { buildId: number; holds: readonly string[] } | null {
  const { candidate, live, control } = env;
  if (!candidate || candidate.buildId === live?.buildId) return null;
  if (!control || control.holds.length === 0) return null;
  return { buildId: candidate.buildId, holds: control.holds };
}

/** The reason for a forced deploy, trimmed, or the sentence asking for one. */
export function parseForceReason(text: string): { reason: string } | { error: string } {
  const reason = text.trim();
  if (reason === "")
    return { error: "Say why this deploy cannot wait: the reason goes to the audit log." };
  return { reason };
}
