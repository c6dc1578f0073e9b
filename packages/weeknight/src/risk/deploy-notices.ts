import { Cron } from "croner";
import type { BlockView } from "../blocks/block-service.js";
import type { Build } from "../builds/build-store.js";
import type { Clock } from "../clock.js";
import type { WeeknightConfig } from "../config/config-schema.js";
import type { DeploymentService } from "../deployments/deployment-service.js";
import type { EventBus } from "../events/event-bus.js";
import type { ControlNotice } from "../notify/control-message.js";
import { type BuildNotification, commitFields } from "../notify/notify-message.js";
import type { NotifyService } from "../notify/notify-service.js";
import type { NotifyChannelConfig, NotifyEvent } from "../notify/notify-types.js";
import type { ProjectService } from "../projects/project-service.js";
import type { Project } from "../projects/project-store.js";
import type { ControlCheck, DeployControl } from "./deploy-control.js";
import { environmentTimezone } from "./deploy-policy.js";

export interface NoticeSchedule {
  project: string;
  environment: string;
  schedule: string;
  timezone: string;
  beforeMs: number;
}

const MAX_TIMER_MS = 2 ** 31 - 1;
const FINAL_STEPS = new Set([
  "deployment.succeeded",
  "deployment.rolled-back",
  "deployment.failed",
]);

/**
 * Communicate early and often: the afternoon notice of what goes out tonight (so there is
 * time to say no), a short summary after the scheduled deploy, and blocks placed and lifted.
 */
export function createDeployNotices(deps: {
  projects: ProjectService;
  deployments: DeploymentService;
  builds: { get(id: number): Promise<Build> };
  control: DeployControl;
  currentConfig: (project: Project) => Promise<{ config: WeeknightConfig; build: Build } | null>;
  candidate: (project: Project, requires: string[]) => Promise<Build | null>;
  notify?: NotifyService;
  bus: EventBus;
  clock: Clock;
  environmentUrl: (project: string, environment: string) => string;
  projectUrl: (project: string) => string;
  onError?: (message: string) => void;
}) {
  const { projects, deployments, control, clock } = deps;
  const timers = new Map<string, { pattern: string; timer: NodeJS.Timeout }>();
  const onError =
    deps.onError ?? ((message: string) => console.error(`weeknight: notices: ${message}`));

  async function send(
    project: Project,
    /** Null: about every environment of the project (a project-wide block). */
    environment: string | null,
    event: NotifyEvent,
    build: Build,
    checked: ControlCheck | null,
    fields: Partial<ControlNotice>,
  ): Promise<BuildNotification | null> {
    const current = await deps.currentConfig(project);
    if (!deps.notify || !current) return null;
    const env = environment === null ? undefined : current.config.environments[environment];
    const extra = checked?.policy.notify ?? [];
    const channels: NotifyChannelConfig[] = [
      ...current.config.notify,
      ...(extra.length > 0 && !event.startsWith("block.")
        ? [{ type: "email" as const, to: extra, authors: false, events: [event] }]
        : []),
    ];
    if (channels.length === 0) return null;
    const url =
      environment === null
        ? deps.projectUrl(project.name)
        : deps.environmentUrl(project.name, environment);
    const notification: BuildNotification = {
      event,
      project: project.name,
      build: { id: build.id, sha: build.sha, branch: build.branch, url },
      ...commitFields(checked?.commits ?? []),
      control: {
        environment: environment ?? "every environment",
        at: null,
        timezone: env ? environmentTimezone(env) : "UTC",
        risk: checked
          ? { level: checked.risk.level, reasons: checked.risk.reasons.map((r) => r.text) }
          : null,
        holds: checked?.holds ?? [],
        outcome: null,
        block: null,
        howToBlock: `weeknight block ${environment === null ? "" : `${environment} `}-p ${project.name} -m "<reason>" (or the Block button: ${url})`,
        url,
        ...fields,
      },
    };
    deps.notify.notify({ projectId: project.id, buildId: build.id, channels, notification });
    return notification;
  }

  /** Sends the notice of the deploy at `at` now; null when nothing would go out. */
  async function notice(projectName: string, environment: string, at: number | null) {
    const project = await projects.get(projectName);
    const current = await deps.currentConfig(project);
    const env = current?.config.environments[environment];
    if (!current || !env) return null;
    const [candidate, live] = await Promise.all([
      deps.candidate(project, env.requires),
      deployments.live(project, environment),
    ]);
    if (!candidate || live?.buildId === candidate.id) return null;
    // Windows and freezes are judged at the run's time, not at the notice's.
    const checked = await control.check(project, environment, current.config, candidate, {
      at: at ?? clock.now(),
    });
    return send(project, environment, "deploy.notice", candidate, checked, { at });
  }

  function arm(entry: NoticeSchedule, pattern: string) {
    const key = `${entry.project}/${entry.environment}`;
    const cron = new Cron(entry.schedule, { timezone: entry.timezone, paused: true });
    const now = clock.now();
    const run = cron.nextRun(new Date(now + entry.beforeMs))?.getTime();
    if (run === undefined) return;
    const at = run - entry.beforeMs;
    const timer = setTimeout(
      () => {
        const due = clock.now() >= at - 1000;
        const sent = due ? notice(entry.project, entry.environment, run) : Promise.resolve(null);
        void sent
          .catch((error) => onError(`${key}: ${(error as Error).message}`))
          .finally(() => {
            if (timers.get(key)?.timer === timer) arm(entry, pattern);
          });
      },
      Math.min(Math.max(at - now, 0), MAX_TIMER_MS),
    );
    timer.unref();
    timers.set(key, { pattern, timer });
  }

  return {
    notice,

    /** Keeps one notice timer per scheduled environment that asks for a notice. */
    sync(wanted: NoticeSchedule[]) {
      const patterns = new Map(
        wanted.map((w) => [
          `${w.project}/${w.environment}`,
          { entry: w, pattern: `${w.schedule}@${w.timezone}-${w.beforeMs}` },
        ]),
      );
      for (const [key, armed] of timers) {
        if (patterns.get(key)?.pattern !== armed.pattern) {
          clearTimeout(armed.timer);
          timers.delete(key);
        }
      }
      for (const [key, { entry, pattern }] of patterns) {
        if (!timers.has(key)) arm(entry, pattern);
      }
    },

    /** The summary of a scheduled run that did not deploy, and why. */
    skipped(project: Project, environment: string, build: Build, checked: ControlCheck) {
      void send(project, environment, "deploy.summary", build, checked, {
        outcome: "was skipped",
      }).catch((error) => onError((error as Error).message));
    },

    /** The summary of a scheduled deploy, once it has finished. */
    afterDeploy(
      project: Project,
      environment: string,
      deploymentId: number,
      build: Build,
      checked: ControlCheck,
    ) {
      const unsubscribe = deps.bus.subscribe((event) => {
        if (!FINAL_STEPS.has(event.type) || event.data.deploymentId !== deploymentId) return;
        unsubscribe();
        const outcome =
          event.type === "deployment.succeeded"
            ? "went live"
            : `${event.type === "deployment.failed" ? "failed" : "was rolled back"}${event.data.detail ? `: ${event.data.detail}` : ""}`;
        void send(project, environment, "deploy.summary", build, checked, { outcome }).catch(
          (error) => onError((error as Error).message),
        );
      });
    },

    /** Tells the project's channels that a block was placed or lifted. */
    async blockChanged(change: "placed" | "lifted", block: BlockView) {
      const project = await projects.get(block.project);
      const live = block.environment ? await deployments.live(project, block.environment) : null;
      // A notification is about a build: the blocked one, what is live, or the newest passed.
      const buildId =
        block.buildId ?? live?.buildId ?? (await deps.currentConfig(project))?.build.id;
      if (buildId === undefined) return;
      await send(
        project,
        block.environment,
        `block.${change}`,
        await deps.builds.get(buildId),
        null,
        {
          block: {
            id: block.id,
            by: block.createdBy,
            reason: block.reason,
            expiresAt: block.expiresAt,
            liftedBy: block.liftedBy,
          },
        },
      );
    },

    stop() {
      for (const { timer } of timers.values()) clearTimeout(timer);
      timers.clear();
    },
  };
}

export type DeployNotices = ReturnType<typeof createDeployNotices>;
