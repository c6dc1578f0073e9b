import type { BuildService } from "../builds/build-service.js";
import type { Clock } from "../clock.js";
import type { DeploymentService } from "../deployments/deployment-service.js";
import type { EnvironmentService } from "../environments/environment-service.js";
import { commitFields } from "../notify/notify-message.js";
import type { NotifyService } from "../notify/notify-service.js";
import type { ProjectService } from "../projects/project-service.js";
import type { Alert } from "./monitor-store.js";
import { maintenanceAt, type SilenceStore, silenceFor } from "./silences.js";

const REMINDER_CHECK_MS = 60_000;

/**
 * Alerts that change together go out together: one message per environment and suspect deploy
 * ("deploy #123 likely broke: home page, checkout journey") instead of one per monitor. Alerts
 * wait `groupWaitMs` for company, then go through the project's channels as `alert.firing` or
 * `alert.resolved`. The notify service queues and retries; no check ever waits on a channel.
 * Silences and maintenance windows hold notifications back (alerts are still kept), and a firing
 * alert is sent again every `alerts.remind` of its environment.
 */
export function createAlertNotifier(deps: {
  notify: NotifyService;
  projects: ProjectService;
  environments: EnvironmentService;
  deployments: DeploymentService;
  builds: BuildService;
  silences: SilenceStore;
  clock: Clock;
  monitorsUrl: (project: string, environment: string) => string;
  buildUrl: (id: number) => string;
  groupWaitMs?: number;
  /** How often firing alerts are checked for a reminder (default 1 min). */
  reminderCheckMs?: number;
}) {
  const groupWaitMs = deps.groupWaitMs ?? 10_000;
  const groups = new Map<string, { alerts: Alert[]; timer: ReturnType<typeof setTimeout> }>();
  const sending = new Set<Promise<void>>();
  /** Firing alerts and when they were last sent, for reminders. */
  const firing = new Map<number, { alert: Alert; sentAt: number }>();
  let reminders: ReturnType<typeof setInterval> | undefined;

  async function send(change: "firing" | "resolved", group: Alert[], reminder = false) {
    const [first] = group;
    if (!first) return;
    const project = await deps.projects.getById(first.projectId);
    const current = await deps.environments.currentConfig(project);
    if (!current || current.config.notify.length === 0) return;
    const now = deps.clock.now();
    const environment = current.config.environments[first.environment];
    if (environment && maintenanceAt(environment.maintenance, now)) return;
    const silences = await deps.silences.active(now, project.id);
    const alerts = group.filter((alert) => !silenceFor(silences, alert));
    if (alerts.length === 0) return;
    if (change === "firing")
      for (const alert of alerts) firing.set(alert.id, { alert, sentAt: now });
    // The suspect deploy names the build; with nothing deployed there is no build to name.
    const suspect = first.deploymentId ? await deps.deployments.get(first.deploymentId) : null;
    if (!suspect) return;
    const build = await deps.builds.get(suspect.buildId);
    deps.notify.notify({
      projectId: project.id,
      buildId: build.id,
      channels: current.config.notify,
      notification: {
        event: `alert.${change}`,
        project: project.name,
        build: { id: build.id, sha: build.sha, branch: build.branch, url: deps.buildUrl(build.id) },
        ...commitFields(build.commits),
        alert: {
          reminder,
          environment: first.environment,
          deploymentId: suspect.id,
          since: suspect.finishedAt,
          monitors: alerts.map((a) => ({
            name: a.monitor,
            message: a.message,
          })),
          url: deps.monitorsUrl(project.name, first.environment),
        },
      },
    });
  }

  /** Sends again what has been firing longer than its environment's `alerts.remind`. */
  async function remind() {
    const now = deps.clock.now();
    const due = new Map<string, Alert[]>();
    for (const { alert, sentAt } of firing.values()) {
      const project = await deps.projects.getById(alert.projectId);
      const current = await deps.environments.currentConfig(project);
      const every = current?.config.environments[alert.environment]?.alerts.remind;
      if (every === undefined || now - sentAt < every) continue;
      const key = `${alert.projectId}/${alert.environment}/${alert.deploymentId ?? "none"}`;
      due.set(key, [...(due.get(key) ?? []), alert]);
    }
    for (const group of due.values()) await send("firing", group, true);
  }

  return {
    start() {
      reminders = setInterval(() => {
        const done = remind()
          .catch((error) =>
            console.error(`weeknight: alert reminders: ${(error as Error).message}`),
          )
          .finally(() => sending.delete(done));
        sending.add(done);
      }, deps.reminderCheckMs ?? REMINDER_CHECK_MS);
      reminders.unref?.();
    },
    stop() {
      clearInterval(reminders);
    },
    /** Alerts still firing at a start: reminded of from now on, as if just sent. */
    resume(alerts: readonly Alert[]) {
      const now = deps.clock.now();
      for (const alert of alerts)
        if (alert.state === "firing") firing.set(alert.id, { alert, sentAt: now });
    },
    add(alert: Alert, change: "firing" | "resolved") {
      if (change === "resolved") firing.delete(alert.id);
      const key = `${change}/${alert.projectId}/${alert.environment}/${alert.deploymentId ?? "none"}`;
      const group = groups.get(key);
      if (group) {
        group.alerts.push(alert);
        return;
      }
      const timer = setTimeout(() => {
        const alerts = groups.get(key)?.alerts ?? [];
        groups.delete(key);
        const done = send(change, alerts)
          .catch((error) =>
            console.error(`weeknight: alert notification: ${(error as Error).message}`),
          )
          .finally(() => sending.delete(done));
        sending.add(done);
      }, groupWaitMs);
      timer.unref?.();
      groups.set(key, { alerts: [alert], timer });
    },
    /** Sends what is waiting now (shutdown, tests). */
    async flush() {
      for (const [key, group] of groups) {
        clearTimeout(group.timer);
        groups.delete(key);
        const change = key.startsWith("firing") ? "firing" : "resolved";
        sending.add(send(change, group.alerts));
      }
      await Promise.all(sending);
    },
  };
}
