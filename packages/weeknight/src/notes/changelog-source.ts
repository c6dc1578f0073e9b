import type { ChangelogEntry, ChangelogSource } from "../changelog/changelog-page.js";
import type { WeeknightConfig } from "../config/config-schema.js";
import { NotFoundError } from "../errors/domain-errors.js";
import type { ProjectService } from "../projects/project-service.js";
import type { Project } from "../projects/project-store.js";
import type { AnnouncementStore } from "./announcement-store.js";
import type { NoteStore } from "./note-store.js";

const ENTRIES = 50;

const day = (at: number) =>
  new Intl.DateTimeFormat("en-GB", {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  }).format(at);

/**
 * A project's public changelog: the customer notes of published releases and the published
 * announcements, newest first. Only projects whose weeknight.yml has `changelog:` have one.
 */
export function createChangelogSource(deps: {
  projects: Pick<ProjectService, "get">;
  currentConfig: (project: Project) => Promise<{ config: WeeknightConfig } | null>;
  notes: Pick<NoteStore, "published">;
  announcements: Pick<AnnouncementStore, "list">;
  publicUrl: () => string;
}): ChangelogSource {
  return async (name) => {
    const project = await deps.projects.get(name).catch((error: unknown) => {
      if (error instanceof NotFoundError) return null;
      throw error;
    });
    const config = project && (await deps.currentConfig(project))?.config;
    if (!project || !config?.changelog) return null;
    const [notes, announcements] = await Promise.all([
      deps.notes.published(project.id, { limit: ENTRIES }),
      deps.announcements.list(project.id, { published: true, limit: ENTRIES }),
    ]);
    const entries: ChangelogEntry[] = [
      ...notes.map((n) => ({
        id: `release-${n.id}`,
        kind: "release" as const,
        title: `Released ${day(n.publishedAt ?? n.updatedAt)}`,
        markdown: n.customer,
        publishedAt: n.publishedAt ?? n.updatedAt,
        updatedAt: n.updatedAt,
      })),
      ...announcements.map((a) => ({
        id: `announcement-${a.id}`,
        kind: "announcement" as const,
        title: a.title,
        markdown: a.body,
        publishedAt: a.publishedAt ?? a.updatedAt,
        updatedAt: a.updatedAt,
      })),
    ];
    entries.sort((a, b) => b.publishedAt - a.publishedAt);
    return {
      project: project.name,
      title: config.changelog.title ?? `${project.name} changelog`,
      url: `${deps.publicUrl()}/changelog/${encodeURIComponent(project.name)}`,
      entries: entries.slice(0, ENTRIES),
    };
  };
}
