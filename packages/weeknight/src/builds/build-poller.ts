import type { Clock } from "../clock.js";
import type { ProjectService } from "../projects/project-service.js";
import type { BuildService } from "./build-service.js";

/** Polls each project's branch on its own interval; webhooks only make it sooner. */
export function createBuildPoller(deps: {
  projects: ProjectService;
  builds: BuildService;
  clock: Clock;
  tickMs?: number;
  onError?: (message: string) => void;
}) {
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> | undefined;
  const onError = deps.onError ?? ((message: string) => console.error(`weeknight: ${message}`));

  function tick(): Promise<void> {
    current ??= pollDue().finally(() => {
      current = undefined;
    });
    return current;
  }

  async function pollDue() {
    try {
      const now = deps.clock.now();
      for (const project of await deps.projects.list()) {
        if (project.pollIntervalMs <= 0) continue;
        if (project.lastPolledAt !== null && now - project.lastPolledAt < project.pollIntervalMs)
          continue;
        await deps.projects.markPolled(project, now);
        await deps.builds
          .detectChanges(project, "poll")
          .catch((error) => onError(`polling ${project.name}: ${(error as Error).message}`));
      }
    } catch (error) {
      onError(`poller: ${(error as Error).message}`);
    }
  }

  return {
    start() {
      timer = setInterval(() => void tick(), deps.tickMs ?? 1000);
      void tick();
    },
    /** Resolves once a poll in flight has ended. */
    async stop() {
      if (timer) clearInterval(timer);
      await current;
    },
    tick,
  };
}
