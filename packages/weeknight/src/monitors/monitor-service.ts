import type { Clock } from "../clock.js";
import type { MonitorConfig } from "../config/monitor-schema.js";
import type { Deployment } from "../deployments/deployment-store.js";
import type { EnvironmentService } from "../environments/environment-service.js";
import { NotFoundError } from "../errors/domain-errors.js";
import type { EventBus } from "../events/event-bus.js";
import type { ProjectService } from "../projects/project-service.js";
import type { Project } from "../projects/project-store.js";
import { nextAlertStep } from "./alert-steps.js";
import { type CheckFactory, safeCheck, siteOf } from "./check-site.js";
import { createMonitorScheduler } from "./monitor-scheduler.js";
import type { Alert, MonitorState, MonitorStore, RollupPeriod } from "./monitor-store.js";
import type { Check, CheckContext, CheckOutcome, CheckStatus } from "./monitor-types.js";

export interface MonitorView {
  name: string;
  type: MonitorConfig["type"];
  gate: boolean;
  intervalMs: number;
  status: CheckStatus | "unknown";
  failures: number;
  failingSince: number | null;
  lastAt: number | null;
  message: string | null;
  durationMs: number | null;
  release: string | null;
  alert: Pick<Alert, "id" | "state" | "startedAt" | "firedAt"> | null;
}

/** Alerts that changed, for the notifier (grouping by suspect deploy happens there). */
export type AlertListener = (alert: Alert, change: "firing" | "resolved") => void;

interface Running {
  project: Project;
  environment: string;
  config: MonitorConfig;
  check: Check;
  /** The config and site it was made from: a change makes a new check. */
  fingerprint: string;
}

const MIN_INTERVAL_MS = 1_000;

/**
 * Runs every environment's monitors all the time (harder for a while after each deploy),
 * records each result with the release that was serving, keeps failure streaks across restarts,
 * and moves alerts through pending → firing → resolved. Also evaluates `gate: true` monitors
 * while a deployment is applied.
 */
export function createMonitorService(deps: {
  store: MonitorStore;
  projects: Pick<ProjectService, "list" | "get">;
  environments: Pick<EnvironmentService, "currentConfig">;
  liveDeployment: (project: Project, environment: string) => Promise<Deployment | null>;
  bus: EventBus;
  clock: Clock;
  makeCheck: CheckFactory;
  /** Runs at once at most (default 256): checks wait on the network, not the CPU. */
  concurrency?: number;
  /** After a deploy, monitors run four times as often and alerts skip `for:` (default 10 min). */
  watchWindowMs?: number;
  /** Raw results are kept this long (default 2 days), then per minute until 14 days, then per hour until 400 days. */
  retention?: { rawMs: number; minuteMs: number; hourMs: number };
  onAlert?: AlertListener;
}) {
  const { store, clock, bus } = deps;
  const watchWindowMs = deps.watchWindowMs ?? 10 * 60_000;
  const DAY = 24 * 60 * 60_000;
  const retention = deps.retention ?? { rawMs: 2 * DAY, minuteMs: 14 * DAY, hourMs: 400 * DAY };
  const scheduler = createMonitorScheduler({ clock, concurrency: deps.concurrency ?? 256 });
  const running = new Map<string, Running>();
  const states = new Map<string, MonitorState>();
  /** Each monitor's pending or firing alert (at most one: dedupe), loaded with the states. */
  const activeAlerts = new Map<string, Alert>();
  const loadedStates = new Set<string>();
  /** The live release per project/environment, kept current by deployment events. */
  const live = new Map<string, { release: string; since: number; deploymentId: number } | null>();
  let syncing: Promise<void> | null = null;
  let syncTimer: ReturnType<typeof setInterval> | undefined;
  let unsubscribe: (() => void) | undefined;

  const envKey = (projectId: number, environment: string) => `${projectId}/${environment}`;
  const monitorKey = (projectId: number, environment: string, name: string) =>
    `${projectId}/${environment}/${name}`;

  function intervalOf(entry: Running): number {
    const since = live.get(envKey(entry.project.id, entry.environment))?.since ?? 0;
    const watching = clock.now() - since < watchWindowMs;
    const interval = entry.config.interval;
    return watching ? Math.max(MIN_INTERVAL_MS, Math.round(interval / 4)) : interval;
  }

  async function refreshLive(project: Project, environment: string) {
    const deployment = await deps.liveDeployment(project, environment);
    live.set(
      envKey(project.id, environment),
      deployment
        ? {
            release: deployment.releaseId,
            since: deployment.finishedAt ?? deployment.updatedAt,
            deploymentId: deployment.id,
          }
        : null,
    );
  }

  /** Makes the running monitors match every project's current weeknight.yml. */
  async function sync(): Promise<void> {
    syncing ??= (async () => {
      const wanted = new Set<string>();
      for (const project of await deps.projects.list()) {
        const current = await deps.environments.currentConfig(project).catch(() => null);
        for (const [environment, env] of Object.entries(current?.config.environments ?? {})) {
          if (!live.has(envKey(project.id, environment))) await refreshLive(project, environment);
          await loadStates(project.id, environment);
          const site = siteOf(project, environment, env, "watch");
          for (const config of env.monitors) {
            const key = monitorKey(project.id, environment, config.name);
            wanted.add(key);
            const fingerprint = JSON.stringify([config, site.baseUrl]);
            let entry = running.get(key);
            if (!entry || entry.fingerprint !== fingerprint) {
              await entry?.check.close?.();
              entry = {
                project,
                environment,
                config,
                check: safeCheck(deps.makeCheck, config, site),
                fingerprint,
              };
              running.set(key, entry);
            }
            const current = entry;
            scheduler.upsert({ key, intervalMs: intervalOf(current), run: () => runOnce(current) });
          }
        }
      }
      for (const key of running.keys()) {
        if (wanted.has(key)) continue;
        scheduler.remove(key);
        await running.get(key)?.check.close?.();
        running.delete(key);
      }
    })().finally(() => {
      syncing = null;
    });
    return syncing;
  }

  async function loadStates(projectId: number, environment: string) {
    const key = envKey(projectId, environment);
    if (loadedStates.has(key)) return;
    loadedStates.add(key);
    const [saved, alerts] = await Promise.all([
      store.states(projectId, environment),
      store.alerts({ projectId, environment, states: ["pending", "firing"], limit: 10_000 }),
    ]);
    for (const state of saved) states.set(monitorKey(projectId, environment, state.monitor), state);
    for (const alert of alerts.reverse()) {
      activeAlerts.set(monitorKey(projectId, environment, alert.monitor), alert);
    }
  }

  function contextFor(entry: Running, signal: AbortSignal): CheckContext {
    const serving = live.get(envKey(entry.project.id, entry.environment)) ?? null;
    return {
      signal,
      release: serving?.release ?? null,
      releaseSince: serving?.since ?? null,
      now: () => clock.now(),
    };
  }

  async function runOnce(entry: Running): Promise<void> {
    const signal = AbortSignal.timeout(Math.max(entry.config.interval, 60_000));
    const context = contextFor(entry, signal);
    let outcome: CheckOutcome;
    try {
      outcome = await entry.check.run(context);
    } catch (error) {
      outcome = { status: "fail", durationMs: 0, message: (error as Error).message };
    }
    // Removed or replaced while it ran: its result belongs to a monitor that is gone.
    if (running.get(monitorKey(entry.project.id, entry.environment, entry.config.name)) !== entry)
      return;
    await record(entry, outcome, context.release);
  }

  async function record(entry: Running, outcome: CheckOutcome, release: string | null) {
    const { project, environment, config } = entry;
    const key = monitorKey(project.id, environment, config.name);
    const previous = states.get(key);
    const at = clock.now();
    const failing = outcome.status === "fail";
    // Inconclusive neither extends nor breaks a streak: it says nothing about the site.
    const failures =
      outcome.status === "inconclusive"
        ? (previous?.failures ?? 0)
        : failing
          ? (previous?.failures ?? 0) + 1
          : 0;
    const state: MonitorState = {
      projectId: project.id,
      environment,
      monitor: config.name,
      status: outcome.status,
      failures,
      failingSince: failures > 0 ? (previous?.failingSince ?? at) : null,
      lastAt: at,
      message: outcome.message,
      durationMs: outcome.durationMs,
      release,
    };
    states.set(key, state);
    await store.record(
      {
        projectId: project.id,
        environment,
        monitor: config.name,
        at,
        status: outcome.status,
        durationMs: outcome.durationMs,
        message: outcome.message,
        release,
      },
      state,
    );
    if (previous?.status !== state.status) {
      bus.publish("monitor.changed", {
        project: project.name,
        environment,
        monitor: config.name,
        status: state.status,
        message: state.message,
        release,
      });
    }
    await updateAlert(entry, state);
  }

  async function updateAlert(entry: Running, state: MonitorState) {
    const { project, environment, config } = entry;
    const key = monitorKey(project.id, environment, config.name);
    const active = activeAlerts.get(key) ?? null;
    const serving = live.get(envKey(project.id, environment)) ?? null;
    const watching = serving !== null && clock.now() - serving.since < watchWindowMs;
    const step = nextAlertStep({
      state,
      active,
      forMs: watching ? 0 : (config.for ?? 0),
      now: clock.now(),
    });
    if (step.kind === "none") return;
    const message = state.message;
    let alert: Alert;
    if (step.kind === "open") {
      alert = await store.openAlert({
        projectId: project.id,
        environment,
        monitor: config.name,
        state: step.state,
        message,
        release: serving?.release ?? null,
        deploymentId: serving?.deploymentId ?? null,
        startedAt: state.failingSince ?? clock.now(),
        firedAt: step.state === "firing" ? clock.now() : null,
        resolvedAt: null,
      });
    } else {
      if (!active) return;
      const patch =
        step.kind === "fire"
          ? { state: "firing" as const, firedAt: clock.now(), message }
          : { state: "resolved" as const, resolvedAt: clock.now() };
      await store.updateAlert(active.id, patch);
      alert = { ...active, ...patch };
    }
    if (alert.state === "resolved") activeAlerts.delete(key);
    else activeAlerts.set(key, alert);
    bus.publish(`alert.${alert.state}`, {
      project: project.name,
      environment,
      monitor: config.name,
      alertId: alert.id,
      deploymentId: alert.deploymentId,
      message: alert.message,
    });
    if (alert.state === "firing" || (alert.state === "resolved" && active?.state === "firing")) {
      deps.onAlert?.(alert, alert.state === "firing" ? "firing" : "resolved");
    }
  }

  function compact() {
    const now = clock.now();
    return store.compact({
      rawBefore: now - retention.rawMs,
      minuteBefore: now - retention.minuteMs,
      hourBefore: now - retention.hourMs,
    });
  }

  return {
    compact,
    async history(
      projectName: string,
      environment: string,
      monitor: string,
      range: { period: RollupPeriod; from: number; to: number },
    ) {
      const project = await deps.projects.get(projectName);
      return store.history({ projectId: project.id, environment, monitor, ...range });
    },
    async start(options: { syncEveryMs?: number } = {}) {
      unsubscribe = bus.subscribe((event) => {
        if (event.type === "build.passed") void sync().catch(() => {});
        if (
          event.type === "deployment.succeeded" ||
          event.type === "deployment.rolled-back" ||
          event.type === "project.removed"
        ) {
          void (async () => {
            const project = await deps.projects.get(String(event.data.project)).catch(() => null);
            if (project) await refreshLive(project, String(event.data.environment));
            await sync();
          })().catch(() => {});
        }
      });
      await sync();
      scheduler.start();
      syncTimer = setInterval(() => {
        void sync().catch(() => {});
        void compact().catch((error: Error) =>
          console.error(`weeknight: compacting monitor results: ${error.message}`),
        );
      }, options.syncEveryMs ?? 60_000);
      syncTimer.unref?.();
    },
    async stop() {
      unsubscribe?.();
      clearInterval(syncTimer);
      scheduler.stop();
      await syncing?.catch(() => {});
      await Promise.all([...running.values()].map((entry) => entry.check.close?.()));
      running.clear();
    },
    sync,
    stats: () => scheduler.stats(),
    /** The monitors of an environment with their latest result and alert. */
    async list(projectName: string, environment: string): Promise<MonitorView[]> {
      const project = await deps.projects.get(projectName);
      const current = await deps.environments.currentConfig(project);
      const env = current?.config.environments[environment];
      if (!env) {
        throw new NotFoundError(
          `project ${projectName} has no environment "${environment}" in its last passed build's weeknight.yml`,
        );
      }
      await loadStates(project.id, environment);
      const alerts = await store.alerts({
        projectId: project.id,
        environment,
        states: ["pending", "firing"],
        limit: 500,
      });
      return env.monitors.map((config) => {
        const state = states.get(monitorKey(project.id, environment, config.name));
        const alert = alerts.find((a) => a.monitor === config.name);
        return {
          name: config.name,
          type: config.type,
          gate: config.gate,
          intervalMs: config.interval,
          status: state?.status ?? "unknown",
          failures: state?.failures ?? 0,
          failingSince: state?.failingSince ?? null,
          lastAt: state?.lastAt ?? null,
          message: state?.message ?? null,
          durationMs: state?.durationMs ?? null,
          release: state?.release ?? null,
          alert: alert
            ? {
                id: alert.id,
                state: alert.state,
                startedAt: alert.startedAt,
                firedAt: alert.firedAt,
              }
            : null,
        };
      });
    },
    async results(
      projectName: string,
      environment: string,
      monitor: string,
      page: { beforeId?: number; limit: number },
    ) {
      const project = await deps.projects.get(projectName);
      return store.results({ projectId: project.id, environment, monitor, ...page });
    },
    async alerts(filter: {
      project?: string;
      environment?: string;
      states?: Alert["state"][];
      beforeId?: number;
      limit: number;
    }) {
      const project = filter.project ? await deps.projects.get(filter.project) : undefined;
      const [alerts, projects] = await Promise.all([
        store.alerts({ ...filter, projectId: project?.id }),
        deps.projects.list(),
      ]);
      const names = new Map(projects.map((p) => [p.id, p.name]));
      return alerts.map((alert) => ({ ...alert, project: names.get(alert.projectId) ?? "" }));
    },
  };
}

export type MonitorService = ReturnType<typeof createMonitorService>;
