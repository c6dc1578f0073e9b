import type { DesiredState, ReleaseRun } from "./agent-schema.js";
import type { AppRecord } from "./app-record.js";

/** Verdicts kept for releases no desired state mentions any more, newest first. */
const MAX_FATES = 100;

/**
 * Takes a new desired state into the record. Returns the release a new deployment is
 * about (the canary, or the new active release), or null when the state only re-asserts
 * what the agent already did — the case of a server that restarted.
 */
export function acceptDesired(record: AppRecord, doc: DesiredState): string | null {
  const subject = doc.canary?.release ?? doc.active;
  const fate = record.fates[subject]?.state;
  // An older release asked for again (a rollback to it): its earlier verdict no longer applies.
  const again = !doc.canary && (fate === "promoted" || fate === "retired");
  const isNew =
    subject !== record.phaseRelease && subject !== record.serving && (fate === undefined || again);
  if (isNew && again) delete record.fates[subject];
  if (isNew) {
    record.phase = "starting";
    record.phaseRelease = subject;
    record.reason = null;
  }
  // The server changed its cap: adopt it. Otherwise the agent's own count goes on.
  if (doc.autoRollbacksLeft !== record.desired.autoRollbacksLeft) {
    record.autoRollbacksLeft = doc.autoRollbacksLeft;
  }
  // Asking again for a release whose rollback window ended brings it back.
  if (record.fates[doc.active]?.state === "retired") delete record.fates[doc.active];

  const runs: Record<string, ReleaseRun> = {};
  for (const run of doc.releases) {
    const known = record.runs[run.id];
    // A release id is immutable: what it runs stays as first seen; timings may change.
    runs[run.id] = known ? { ...known, keepWarmMs: run.keepWarmMs, health: run.health } : run;
  }
  const serving = record.serving;
  const servingRun = serving ? record.runs[serving] : undefined;
  if (serving && servingRun && !runs[serving]) runs[serving] = servingRun;
  record.runs = runs;
  for (const id of Object.keys(record.warmUntil)) if (!runs[id]) delete record.warmUntil[id];
  if (record.canaryRun && record.canaryRun.release !== doc.canary?.release) {
    record.canaryRun = null;
  }
  record.fates = pruneFates(record.fates, runs);
  record.desired = doc;
  return isNew ? subject : null;
}

function pruneFates(fates: AppRecord["fates"], runs: Record<string, ReleaseRun>) {
  const entries = Object.entries(fates);
  if (entries.length <= MAX_FATES) return fates;
  const listed = entries.filter(([id]) => runs[id]);
  const others = entries
    .filter(([id]) => !runs[id])
    .sort(([, a], [, b]) => b.at - a.at)
    .slice(0, Math.max(0, MAX_FATES - listed.length));
  return Object.fromEntries([...listed, ...others]);
}
