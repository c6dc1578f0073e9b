import type { Clock } from "../clock.js";
import type { EnvironmentService } from "../environments/environment-service.js";
import type { EventBus } from "../events/event-bus.js";
import type { ProjectService } from "../projects/project-service.js";
import type { DeploymentService } from "./deployment-service.js";
import type { TargetFactory } from "./deployment-targets.js";
import type { TargetStatusBoard } from "./target-status-board.js";

/**
 * "What if the server crashes?" The agent restarts a crashed release by itself; this
 * watch reads what the targets saw and tells the team, once per crash.
 */
export function createCrashWatch(deps: {
  projects: ProjectService;
  environments: EnvironmentService;
  deployments: DeploymentService;
  targets: TargetFactory;
  /** Where each poll's status is kept for the environment views (health without a target call). */
  statuses?: TargetStatusBoard;
  bus: EventBus;
  clock: Clock;
  intervalMs?: number;
  onError?: (message: string) => void;
}) {
  // Crashes before this server started were told by the one before it.
  const seenUntil = new Map<string, number>();
  const startedAt = deps.clock.now();
  const onError =
    deps.onError ?? ((message: string) => console.error(`weeknight: crash watch: ${message}`));
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> | undefined;

  async function check() {
    for (const project of await deps.projects.list()) {
      const config = (await deps.environments.currentConfig(project))?.config;
      for (const [name, env] of Object.entries(config?.environments ?? {})) {
        const live = await deps.deployments.live(project, name);
        if (!live) continue;
        const key = `${project.name}/${name}`;
        const target = deps.targets({
          project: project.name,
          environment: name,
          config: env.target,
          healthPath: env.health.path,
        });
        const status = await target.status();
        const before = deps.statuses?.record(project.name, name, { status, at: deps.clock.now() });
        // Pages refresh on events; a health flip without a deployment would otherwise go unseen.
        if (before && before.status.healthy !== status.healthy) {
          deps.bus.publish("release.health", {
            project: project.name,
            environment: name,
            healthy: status.healthy,
            detail: status.detail,
          });
        }
        const since = seenUntil.get(key) ?? startedAt;
        const crashes = (status.events ?? []).filter((e) => e.kind === "crashed" && e.at > since);
        for (const crash of crashes) {
          deps.bus.publish("release.crashed", {
            project: project.name,
            environment: name,
            release: crash.release,
            message: crash.message,
            at: crash.at,
          });
          await deps.deployments.announceCrash(project, live, crash.message);
        }
        seenUntil.set(key, Math.max(since, ...crashes.map((c) => c.at)));
      }
    }
  }

  const tick = () => {
    current ??= check()
      .catch((error) => onError((error as Error).message))
      .finally(() => {
        current = undefined;
      });
    return current;
  };

  return {
    start() {
      timer = setInterval(() => void tick(), deps.intervalMs ?? 5000);
    },
    async stop() {
      if (timer) clearInterval(timer);
      await current;
    },
    tick,
  };
}
