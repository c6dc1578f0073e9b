/** Statuses and kinds (builds, deployments, monitors, alerts, incidents, scheduled runs), grouped by what they mean to a reader. */
const tones: Record<string, "good" | "bad" | "busy" | "idle" | "warn"> = {
  passed: "good",
  succeeded: "good",
  delivered: "good",
  healthy: "good",
  failed: "bad",
  "timed-out": "bad",
  "rolled-back": "bad",
  crashed: "bad",
  failing: "bad",
  running: "busy",
  queued: "idle",
  pending: "idle",
  "awaiting-approval": "warn",
  "backing-up": "busy",
  starting: "busy",
  "health-check": "busy",
  canary: "busy",
  baking: "busy",
  deploying: "busy",
  "rolling-back": "warn",
  cancelled: "idle",
  skipped: "idle",
  unknown: "idle",
  // Monitors and their alerts; inconclusive is neutral on purpose: nothing could be judged.
  pass: "good",
  fail: "bad",
  inconclusive: "idle",
  firing: "bad",
  resolved: "good",
  // Incidents: severity, state and the kind of each follow-up.
  open: "bad",
  sev1: "bad",
  sev2: "warn",
  sev3: "idle",
  "missing-test": "busy",
  "missing-monitor": "busy",
  process: "busy",
  // What a scheduled run would do (the calendar).
  deploy: "good",
  frozen: "warn",
  "outside-window": "idle",
  blocked: "bad",
};

/** A small coloured label; colour is never the only signal, the word is always there. */
export function StatusChip({ status, label }: { status: string; label?: string }) {
  const tone = tones[status] ?? "idle";
  return <span className={`chip chip-${tone}`}>{label ?? status}</span>;
}
