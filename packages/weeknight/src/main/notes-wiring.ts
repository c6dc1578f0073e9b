import type { AuditLog } from "../audit/audit-log.js";
import type { BuildService } from "../builds/build-service.js";
import type { ChangelogSource } from "../changelog/changelog-page.js";
import type { Clock } from "../clock.js";
import { publishingEnvironments } from "../config/changelog-schema.js";
import type { Db } from "../db/database.js";
import type { DeploymentService } from "../deployments/deployment-service.js";
import type { EnvironmentService } from "../environments/environment-service.js";
import type { EventBus } from "../events/event-bus.js";
import { isReleased } from "../flags/flag-lifecycle.js";
import type { FlagStore } from "../flags/flag-store.js";
import { announcementRoutes } from "../notes/announcement-routes.js";
import { createAnnouncementService } from "../notes/announcement-service.js";
import { createAnnouncementSqlStore } from "../notes/announcement-sql-store.js";
import { createChangelogSource } from "../notes/changelog-source.js";
import { noteRoutes } from "../notes/note-routes.js";
import { createNoteService } from "../notes/note-service.js";
import { createNoteSqlStore } from "../notes/note-sql-store.js";
import type { ChangelogEvent, ChangelogNotice } from "../notify/changelog-message.js";
import type { NotifyService } from "../notify/notify-service.js";
import type { ProjectService } from "../projects/project-service.js";
import type { Project } from "../projects/project-store.js";

/**
 * Telling people, wired: release notes that follow deployments, announcements, and the source
 * of the public changelog; customers' channels hear of both.
 */
export function wireNotes(deps: {
  db: Db;
  projects: ProjectService;
  builds: BuildService;
  deployments: DeploymentService;
  environments: EnvironmentService;
  flags: Pick<FlagStore, "list">;
  notify: NotifyService;
  audit: AuditLog;
  bus: EventBus;
  clock: Clock;
  publicUrl: () => string;
  onError: (error: unknown) => void;
}) {
  const { db, projects, builds, deployments, environments, audit, bus, clock } = deps;
  const noteStore = createNoteSqlStore(db);
  const announcementStore = createAnnouncementSqlStore(db);
  const changelogUrl = (project: Project, entry: string) =>
    `${deps.publicUrl()}/changelog/${encodeURIComponent(project.name)}#${entry}`;

  async function tell(project: Project, event: ChangelogEvent, changelog: ChangelogNotice) {
    const channels = (await environments.currentConfig(project))?.config.notify ?? [];
    // Only channels whose `events:` name it get it: list your customers' addresses there.
    deps.notify.notify({
      projectId: project.id,
      buildId: null,
      channels,
      notification: { event, project: project.name, changelog },
    });
  }
  const told = (promise: Promise<void>) => void promise.catch(deps.onError);

  const notes = createNoteService({
    store: noteStore,
    projects,
    deployments: {
      get: async (id) => deployments.get(id).catch(() => null),
      shaOf: async (id) => (await deployments.get(id).catch(() => null))?.build.sha ?? null,
      buildSha: async (id) => (await builds.get(id)).sha,
    },
    currentConfig: environments.currentConfig,
    upcoming: async (project, environment) => {
      const { build } = await environments.candidateFor(project.name, environment);
      if (!build) return null;
      const live = await deployments.live(project, environment);
      if (live?.buildId === build.id) return null;
      const fromSha = live ? (await builds.get(live.buildId)).sha : null;
      return { buildId: build.id, toSha: build.sha, fromSha };
    },
    bus,
    clock,
    audit,
    published: (project, released) =>
      told(
        tell(project, "changelog.published", {
          title: `Released ${new Date(released.publishedAt ?? clock.now()).toISOString().slice(0, 10)}`,
          markdown: released.customer,
          url: changelogUrl(project, `release-${released.id}`),
        }),
      ),
  });
  const announcements = createAnnouncementService({
    store: announcementStore,
    notes: noteStore,
    projects,
    releasedFlags: async (project, since) => {
      const config = (await environments.currentConfig(project))?.config;
      const publishing = config
        ? publishingEnvironments(config.changelog, Object.keys(config.environments))
        : [];
      return (await deps.flags.list(project.id)).flatMap((flag) =>
        flag.environments
          .filter(
            (e) =>
              publishing.includes(e.environment) &&
              isReleased(e) &&
              e.releasedAt !== null &&
              e.releasedAt > since,
          )
          .slice(0, 1)
          .map((e) => ({
            key: flag.key,
            description: flag.description,
            environment: e.environment,
            releasedAt: e.releasedAt ?? 0,
          })),
      );
    },
    bus,
    clock,
    audit,
    published: (project, announcement) =>
      told(
        tell(project, "announcement.published", {
          title: announcement.title,
          markdown: announcement.body,
          url: changelogUrl(project, `announcement-${announcement.id}`),
        }),
      ),
  });
  const changelog: ChangelogSource = createChangelogSource({
    projects,
    currentConfig: environments.currentConfig,
    notes: noteStore,
    announcements: announcementStore,
    publicUrl: deps.publicUrl,
  });
  let unsubscribe = () => {};
  return {
    notes,
    announcements,
    changelog,
    routes: [noteRoutes({ notes }), announcementRoutes({ announcements })],
    start() {
      unsubscribe = notes.subscribe(deps.onError);
    },
    stop() {
      unsubscribe();
    },
  };
}
