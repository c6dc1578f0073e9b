import type { Clock } from "../clock.js";
import { ConflictError } from "../errors/domain-errors.js";
import type { AgentPaths } from "./agent-paths.js";
import type { AgentEvent, AppStatus, DesiredState } from "./agent-schema.js";
import { acceptDesired } from "./app-accept.js";
import { type AppProxy, createAppProxy } from "./app-proxy.js";
import { type AppRecord, resolveDesired } from "./app-record.js";
import { buildAppStatus } from "./app-status.js";
import {
  analyzeCanary,
  rollBackByHand,
  rollBackCanary,
  type VerdictContext,
} from "./app-verdicts.js";
import { installRelease } from "./release-artifact.js";
import {
  createReleaseInstance,
  type InstanceDeps,
  type InstanceEvent,
  type ReleaseInstance,
} from "./release-instance.js";

export interface AppControllerDeps {
  record: AppRecord;
  paths: AgentPaths;
  clock: Clock;
  proxyHost: string;
  instance: Omit<InstanceDeps, "run" | "dir" | "logPath" | "clock" | "onEvent">;
  /** Where a release's artifact is on this machine (an uploaded copy, or its own path). */
  artifactPath(run: { artifactPath: string; sha256: string }): string;
  /** Asks for the agent's state to be written (coalesced by the store). */
  save(): void;
  log(line: string): void;
}

export interface AppController {
  readonly app: string;
  readonly record: AppRecord;
  start(): Promise<void>;
  accept(doc: DesiredState): Promise<void>;
  rollback(to: string): void;
  status(): AppStatus;
  stop(): Promise<void>;
}

const MAX_EVENTS = 100;

/**
 * Carries out one app's desired state: keeps the right releases running, routes the
 * proxy, watches the canary. Every change goes through `converge()`, which is
 * idempotent, so re-sent states, crashes and agent restarts all end the same way.
 */
export function createAppController(deps: AppControllerDeps): AppController {
  const { record, clock } = deps;
  const app = record.desired.app;
  const instances = new Map<string, ReleaseInstance>();
  const events: AgentEvent[] = [];
  let proxy: AppProxy | undefined;
  let timer: NodeJS.Timeout | undefined;
  let timerInterval = 0;
  let stopping = false;

  const event = (kind: string, release: string | null, message: string): void => {
    events.push({ at: clock.now(), release, kind, message });
    if (events.length > MAX_EVENTS) events.shift();
    deps.log(`${app}${release ? ` ${release}` : ""}: ${message}`);
  };

  const ctx: VerdictContext = {
    app,
    record,
    clock,
    instance: (id) => instances.get(id),
    event,
    converge: () => converge(),
    save: () => deps.save(),
  };

  function converge(): void {
    if (stopping) return;
    const now = clock.now();
    let view = resolveDesired(record, now);
    if (view.active && view.active !== record.serving && isHealthy(view.active)) {
      switchServing(view.active, now);
    }
    if (view.canary) {
      if (record.canaryRun?.release !== view.canary.release) {
        record.canaryRun = { release: view.canary.release, startedAt: null };
      }
      const baseReady = record.serving !== null && isHealthy(record.serving);
      if (record.canaryRun.startedAt === null && isHealthy(view.canary.release) && baseReady) {
        record.canaryRun.startedAt = now;
        record.phase = "canary";
        event("canary", view.canary.release, `canary gets ${view.canary.percent} % of clients`);
        deps.save();
      }
    } else {
      record.canaryRun = null;
    }
    for (const [id, until] of Object.entries(record.warmUntil)) {
      if (until > now || id === record.serving) continue;
      delete record.warmUntil[id];
      record.fates[id] = { state: "retired", reason: "rollback window over", at: now };
      event("retired", id, "rollback window over: draining and stopping");
      deps.save();
    }
    view = resolveDesired(record, now);
    for (const id of view.keep) ensureRunning(id);
    // Route before stopping: a release leaves the routing before anything stops it.
    const live = record.canaryRun?.startedAt != null ? record.canaryRun.release : null;
    proxy?.setRoute({
      base: record.serving ? (instances.get(record.serving) ?? null) : null,
      canary: live ? (instances.get(live) ?? null) : null,
      percent: live ? (view.canary?.percent ?? 0) : 0,
    });
    for (const [id, instance] of instances) {
      if (!view.keep.has(id) && !instance.isStopping) void instance.stop();
    }
  }

  function isHealthy(id: string): boolean {
    const instance = instances.get(id);
    return instance !== undefined && !instance.isStopping && instance.state === "healthy";
  }

  function switchServing(to: string, now: number): void {
    const previous = record.serving;
    record.serving = to;
    delete record.warmUntil[to];
    if (previous && previous !== to && record.fates[previous]?.state !== "rolled-back") {
      record.warmUntil[previous] = now + (record.runs[previous]?.keepWarmMs ?? 0);
    }
    record.fates[to] ??= { state: "promoted", reason: null, at: now };
    // Also when the server promotes a canary itself by sending it as the active release.
    const deploying = ["starting", "canary", "baking"].includes(record.phase);
    if (record.phaseRelease === to && deploying) {
      record.phase = "promoted";
      record.reason = null;
    }
    event("serving", to, previous ? `takes 100 % of traffic from ${previous}` : "takes 100 %");
    deps.save();
  }

  function ensureRunning(id: string): void {
    const existing = instances.get(id);
    if (existing && !existing.isStopping && existing.state !== "stopped") return;
    const run = record.runs[id];
    if (!run) return;
    const instance = createReleaseInstance({
      ...deps.instance,
      run,
      dir: deps.paths.releaseDir(app, id),
      logPath: deps.paths.logFile(app, id),
      clock,
      onEvent: onInstanceEvent,
    });
    instances.set(id, instance);
    instance.start();
  }

  function onInstanceEvent(instance: ReleaseInstance, e: InstanceEvent): void {
    const id = instance.id;
    const current = instances.get(id) === instance;
    switch (e.kind) {
      case "spawned":
        record.pids[id] = e.pid;
        deps.save();
        return;
      case "healthy":
        event("healthy", id, `healthy on port ${instance.listenPort}`);
        converge();
        return;
      case "unhealthy":
        if (!current) return;
        record.fates[id] = { state: "failed", reason: e.reason, at: clock.now() };
        if (record.phaseRelease === id) {
          record.phase = "failed";
          record.reason = `release ${id} never became healthy: ${e.reason}`;
        }
        event("unhealthy", id, `never became healthy: ${e.reason}`);
        deps.save();
        converge();
        return;
      case "crashed":
        event(
          "crashed",
          id,
          `crashed (${e.reason}); restart ${instance.restarts} in ${e.restartInMs} ms`,
        );
        if (current && resolveDesired(record, clock.now()).canary?.release === id) {
          rollBackCanary(ctx, id, `the canary crashed: ${e.reason}`, performance.now());
        }
        return;
      case "stopped":
        if (current) delete record.pids[id];
        deps.save();
        return;
    }
  }

  function tick(): void {
    analyzeCanary(ctx);
    converge(); // warm windows end, releases missing after a crash come back
  }

  function scheduleTicks(): void {
    const interval = record.desired.analysis.intervalMs;
    if (timer && interval === timerInterval) return;
    clearInterval(timer);
    timerInterval = interval;
    timer = setInterval(tick, interval);
  }

  async function openProxy(port: number): Promise<AppProxy> {
    const next = createAppProxy({ host: deps.proxyHost, port, clock });
    try {
      await next.listen();
    } catch (error) {
      throw new ConflictError(
        `cannot listen on ${deps.proxyHost}:${port} for ${app}: ${(error as Error).message} — choose another target.port`,
      );
    }
    return next;
  }

  return {
    app,
    record,
    async start() {
      proxy = await openProxy(record.desired.publicPort);
      scheduleTicks();
      converge();
    },
    async accept(doc) {
      for (const run of doc.releases) {
        if (record.runs[run.id] || record.fates[run.id]) continue;
        const dir = deps.paths.releaseDir(app, run.id);
        const artifactPath = deps.artifactPath(run);
        await installRelease({ releaseId: run.id, artifactPath, sha256: run.sha256, dir });
      }
      if (doc.publicPort !== record.desired.publicPort || !proxy) {
        const next = await openProxy(doc.publicPort);
        const old = proxy;
        proxy = next;
        void old?.close();
      }
      const started = acceptDesired(record, doc);
      if (started) event("deploying", started, `deploying ${started}`);
      scheduleTicks();
      converge();
      deps.save();
    },
    rollback(to) {
      rollBackByHand(ctx, to);
    },
    status() {
      return buildAppStatus({ record, instances, events, now: clock.now() });
    },
    async stop() {
      stopping = true;
      clearInterval(timer);
      const closing = proxy?.close();
      await Promise.all([...instances.values()].map((instance) => instance.stop()));
      await closing;
    },
  };
}
