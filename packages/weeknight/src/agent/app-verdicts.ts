import type { Clock } from "../clock.js";
import { ConflictError } from "../errors/domain-errors.js";
import { type AppRecord, resolveDesired } from "./app-record.js";
import { judgeCanary } from "./canary-analysis.js";
import type { ReleaseInstance } from "./release-instance.js";

/** What the verdicts need from an app's controller. */
export interface VerdictContext {
  readonly app: string;
  readonly record: AppRecord;
  readonly clock: Clock;
  instance(id: string): ReleaseInstance | undefined;
  event(kind: string, release: string | null, message: string): void;
  /** Carries the record out: routing first, then starting and stopping processes. */
  converge(): void;
  save(): void;
}

const NO_TRAFFIC = { requests: 0, errors5xx: 0, p50Ms: null, p95Ms: null };

/** One analysis tick: roll back a clearly worse canary, or promote it once baked. */
export function analyzeCanary(ctx: VerdictContext): void {
  const { record } = ctx;
  const run = record.canaryRun;
  const spec = record.desired.canary;
  if (!run || run.startedAt === null || !spec || spec.release !== run.release) return;
  const canary = ctx.instance(run.release);
  if (!canary) return;
  const decidedAt = performance.now();
  const baseline = record.serving ? ctx.instance(record.serving) : undefined;
  const verdict = judgeCanary({
    canary: canary.traffic.window(),
    baseline: baseline?.traffic.window() ?? NO_TRAFFIC,
    rules: record.desired.analysis,
  });
  if (record.fates[run.release]?.state === "held") return;
  if (verdict.kind === "worse") {
    rollBackCanary(ctx, run.release, verdict.reason, decidedAt);
    return;
  }
  if (verdict.kind === "fine" && record.phase === "canary") {
    record.phase = "baking";
    ctx.event("baking", run.release, `enough traffic and not worse (${verdict.detail}); baking`);
    ctx.save();
  }
  if (ctx.clock.now() - run.startedAt >= spec.bakeMs) promoteCanary(ctx, run.release);
}

/** The bake passed: the canary takes 100 % and the release it replaces stays warm. */
export function promoteCanary(ctx: VerdictContext, release: string): void {
  const { record } = ctx;
  const now = ctx.clock.now();
  record.fates[release] = { state: "promoted", reason: null, at: now };
  record.canaryRun = null;
  record.phase = "promoted";
  record.phaseRelease = release;
  record.reason = null;
  ctx.converge();
  ctx.event("promoted", release, `baked without a verdict against it: ${release} takes 100 %`);
  ctx.save();
}

/**
 * Sends all traffic back to the release serving the rest, at once, then stops the
 * canary once its requests in flight are done. Capped per app: when the cap is used
 * up, a worse canary is held where it is and the deploy is reported failed instead.
 */
export function rollBackCanary(
  ctx: VerdictContext,
  release: string,
  reason: string,
  decidedAt: number,
): void {
  const { record } = ctx;
  const now = ctx.clock.now();
  if (record.autoRollbacksLeft <= 0) {
    record.fates[release] = { state: "held", reason, at: now };
    record.phase = "failed";
    record.phaseRelease = release;
    record.reason = `canary ${release} looks worse (${reason}), but automatic rollbacks are used up for ${ctx.app}; traffic is left as it is — roll back or deploy a fix by hand`;
    ctx.event("rollback-skipped", release, record.reason);
    ctx.save();
    return;
  }
  record.fates[release] = { state: "rolled-back", reason, at: now };
  record.canaryRun = null;
  ctx.converge();
  const switchMs = performance.now() - decidedAt;
  const firstRequestAt = ctx.instance(release)?.traffic.firstRequestAt ?? null;
  record.autoRollbacksLeft -= 1;
  record.rollbacks.push({
    release,
    to: record.serving,
    reason,
    automatic: true,
    at: now,
    switchMs: round(switchMs),
    sinceFirstRequestMs: firstRequestAt === null ? null : now - firstRequestAt,
  });
  record.phase = "rolled-back";
  record.phaseRelease = release;
  record.reason = reason;
  ctx.event("rolled-back", release, `rolled back automatically to ${record.serving}: ${reason}`);
  if (record.autoRollbacksLeft === 0) {
    ctx.event(
      "auto-rollbacks-off",
      null,
      `automatic rollbacks are used up for ${ctx.app}: a later canary that looks worse will be held and reported, not rolled back`,
    );
  }
  ctx.save();
}

/** `POST …/rollback`: puts a running release back in front, at once. */
export function rollBackByHand(ctx: VerdictContext, to: string): void {
  const { record } = ctx;
  const target = ctx.instance(to);
  if (!target || target.isStopping || target.state !== "healthy") {
    throw new ConflictError(
      `release ${to} of ${ctx.app} is not running on this agent (${target?.state ?? "not started"}), so it cannot take the traffic back at once — deploy it again instead`,
    );
  }
  const decidedAt = performance.now();
  const now = ctx.clock.now();
  const view = resolveDesired(record, now);
  if (to === record.serving && !view.canary) return; // already there: idempotent
  const from = view.canary?.release ?? record.serving;
  const reason = `rolled back by hand to ${to}`;
  for (const id of [view.canary?.release, record.serving]) {
    if (id && id !== to) record.fates[id] = { state: "rolled-back", reason, at: now };
  }
  const run = record.runs[to];
  const releases = record.desired.releases.some((r) => r.id === to) || !run ? [] : [run];
  record.desired = {
    ...record.desired,
    releases: [...record.desired.releases, ...releases],
    active: to,
    canary: undefined,
  };
  record.serving = to;
  record.canaryRun = null;
  delete record.warmUntil[to];
  ctx.converge();
  record.rollbacks.push({
    release: from ?? to,
    to,
    reason,
    automatic: false,
    at: now,
    switchMs: round(performance.now() - decidedAt),
    sinceFirstRequestMs: null,
  });
  record.phase = "rolled-back";
  record.phaseRelease = from;
  record.reason = reason;
  ctx.event("rolled-back", from, reason);
  ctx.save();
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
