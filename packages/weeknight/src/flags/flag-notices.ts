import type { WeeknightConfig } from "../config/config-schema.js";
import type { FlagEvent, FlagNotice } from "../notify/flag-message.js";
import type { NotifyService } from "../notify/notify-service.js";
import type { ProjectService } from "../projects/project-service.js";
import type { Project } from "../projects/project-store.js";

// Defined beside its renderer in notify/, like ControlNotice; re-exported for the flags module.
export type { FlagEvent, FlagNotice };

/** Tells a project's `notify:` channels about its flags: a stale flag, a paused ramp. */
export function createFlagNotices(deps: {
  notify: NotifyService;
  projects: Pick<ProjectService, "get">;
  /** The project's current weeknight.yml (the newest passed build's); null when there is none. */
  currentConfig: (project: Project) => Promise<{ config: WeeknightConfig } | null>;
}) {
  return {
    /**
     * Queues the notice on each channel whose `events:` lists `event` and returns without
     * waiting for delivery (the delivery log records it, with no build). Throws NotFoundError
     * for an unknown project.
     */
    async send(event: FlagEvent, notice: FlagNotice): Promise<void> {
      const project = await deps.projects.get(notice.project);
      const channels = (await deps.currentConfig(project))?.config.notify ?? [];
      if (channels.length === 0) return;
      deps.notify.notify({
        projectId: project.id,
        buildId: null,
        channels,
        notification: { event, project: project.name, flag: notice },
      });
    },
  };
}

export type FlagNotices = ReturnType<typeof createFlagNotices>;
