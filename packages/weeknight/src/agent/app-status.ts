import type { AgentEvent, AppStatus, ReleaseStatus } from "./agent-schema.js";
import { type AppRecord, resolveDesired } from "./app-record.js";
import type { ReleaseInstance } from "./release-instance.js";

/** The app as `GET /agent/v1/apps/:app` shows it. */
export function buildAppStatus(input: {
  record: AppRecord;
  instances: ReadonlyMap<string, ReleaseInstance>;
  events: readonly AgentEvent[];
  now: number;
}): AppStatus {
  const { record, instances, now } = input;
  const view = resolveDesired(record, now);
  const canaryLive =
    record.canaryRun && record.canaryRun.startedAt !== null && view.canary
      ? record.canaryRun.release
      : null;
  const ids = [...new Set([...Object.keys(record.runs), ...instances.keys()])];
  const releases = ids.map((id) =>
    releaseStatus(id, record, instances.get(id), { canary: view.canary?.release ?? null, now }),
  );
  return {
    app: record.desired.app,
    publicPort: record.desired.publicPort,
    phase: record.phase,
    phaseRelease: record.phaseRelease,
    reason: record.reason,
    routing: {
      active: record.serving,
      canary: canaryLive,
      percent: canaryLive && view.canary ? view.canary.percent : 0,
    },
    releases,
    rollbacks: record.rollbacks,
    autoRollbacksLeft: record.autoRollbacksLeft,
    events: [...input.events],
  };
}

function releaseStatus(
  id: string,
  record: AppRecord,
  instance: ReleaseInstance | undefined,
  context: { canary: string | null; now: number },
): ReleaseStatus {
  const fate = record.fates[id];
  // Only a starting or healthy release has a process; the others show none.
  const running =
    instance !== undefined && (instance.state === "starting" || instance.state === "healthy");
  const warmUntil = record.warmUntil[id] ?? null;
  let state: ReleaseStatus["state"] = instance?.state ?? "stopped";
  if (fate?.state === "rolled-back") state = "rolled-back";
  else if (!instance && fate?.state === "failed") state = "unhealthy";
  let role: ReleaseStatus["role"] = "none";
  if (id === record.serving) role = "active";
  else if (id === context.canary) role = "canary";
  else if (warmUntil !== null && warmUntil > context.now) role = "warm";
  const window = instance?.traffic.window();
  return {
    id,
    state,
    role,
    port: running ? instance.listenPort : null,
    pid: running ? instance.pid : null,
    restarts: instance?.restarts ?? 0,
    inFlight: instance?.traffic.inFlight ?? 0,
    requests: instance?.traffic.requests ?? 0,
    errors5xx: instance?.traffic.errors5xx ?? 0,
    p50Ms: window?.p50Ms ?? null,
    p95Ms: window?.p95Ms ?? null,
    keepWarmUntil: warmUntil,
    reason: fate?.reason ?? instance?.reason ?? null,
  };
}
