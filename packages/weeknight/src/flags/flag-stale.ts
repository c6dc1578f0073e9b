import type { Clock } from "../clock.js";
import type { ProjectService } from "../projects/project-service.js";
import { staleness } from "./flag-lifecycle.js";
import type { FlagNotice } from "./flag-notices.js";
import type { FlagStore } from "./flag-store.js";

const DAY = 24 * 60 * 60_000;

/**
 * Reminds the team, once per flag, to delete a flag that has served everyone for longer than its
 * type allows (see STALE_AFTER); the dashboard and `flag list --stale` show it all along.
 */
export function createStaleFlagCheck(deps: {
  store: Pick<FlagStore, "active" | "update">;
  projects: ProjectService;
  clock: Clock;
  /** Tells the project's notify channels (`flag.stale`). */
  notify?: (notice: Omit<FlagNotice, "url">) => Promise<void>;
}) {
  return async function check(): Promise<number> {
    const now = deps.clock.now();
    let sent = 0;
    for (const flag of await deps.store.active()) {
      const stale = staleness(flag, now);
      if (!stale || flag.staleNotifiedAt !== null) continue;
      const project = (await deps.projects.getById(flag.projectId)).name;
      const days = Math.floor((now - stale.releasedAt) / DAY);
      await deps.notify?.({
        project,
        flag: flag.key,
        type: flag.type,
        environment: stale.environment,
        message: `Flag ${flag.key} (${flag.type}) has served everyone in ${stale.environment} for ${days} days — delete it from the code and archive it: weeknight flag archive ${flag.key} -p ${project}`,
      });
      await deps.store.update(flag.id, { staleNotifiedAt: now });
      sent += 1;
    }
    return sent;
  };
}
