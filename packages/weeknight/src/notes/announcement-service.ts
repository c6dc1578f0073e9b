import type { AuditLog } from "../audit/audit-log.js";
import type { Clock } from "../clock.js";
import { ConflictError, InvalidInputError, NotFoundError } from "../errors/domain-errors.js";
import type { EventBus } from "../events/event-bus.js";
import type { ProjectService } from "../projects/project-service.js";
import type { Project } from "../projects/project-store.js";
import type { Announcement, AnnouncementStore, GatheredFlag } from "./announcement-store.js";
import { escapeMarkdown } from "./commit-notes.js";
import type { NoteStore } from "./note-store.js";

const MAX_TITLE = 200;
const MAX_BODY = 50_000;

export type AnnouncementService = ReturnType<typeof createAnnouncementService>;

const monthYear = (at: number) =>
  new Intl.DateTimeFormat("en-GB", { month: "long", year: "numeric", timeZone: "UTC" }).format(at);

/** The customer-facing lines of published release notes, once each. */
function customerLines(markdown: string[]): string[] {
  return [
    ...new Set(markdown.flatMap((md) => md.split("\n").filter((line) => line.startsWith("- ")))),
  ];
}

/**
 * Announcements: large-grained news, kept apart from releases. A draft gathers every feature a
 * flag released (on for everyone) in a publishing environment and every customer-facing note
 * published since the last announcement; people edit it and publish it when they decide.
 * Nothing publishes an announcement by itself.
 */
export function createAnnouncementService(deps: {
  store: AnnouncementStore;
  notes: Pick<NoteStore, "published">;
  projects: ProjectService;
  /** Flags on for everyone in one of `environments`, released after `since`. */
  releasedFlags: (project: Project, since: number) => Promise<GatheredFlag[]>;
  bus: EventBus;
  clock: Clock;
  audit: AuditLog;
  /** Tells the channels (`announcement.published`). */
  published?: (project: Project, announcement: Announcement) => void;
}) {
  const { store, projects, bus, clock, audit } = deps;

  async function find(id: number) {
    const found = await store.get(id);
    if (!found) throw new NotFoundError(`no announcement ${id}`);
    return { announcement: found, project: await projects.getById(found.projectId) };
  }

  function check(patch: { title?: string; body?: string }) {
    if (patch.title !== undefined && (patch.title.trim() === "" || patch.title.length > MAX_TITLE))
      throw new InvalidInputError(`an announcement's title is 1 to ${MAX_TITLE} characters`);
    if (patch.body !== undefined && patch.body.length > MAX_BODY)
      throw new InvalidInputError(`an announcement is at most ${MAX_BODY} characters`);
  }

  async function record(project: Project, action: string, a: Announcement, by: string) {
    await audit.record({
      actor: by,
      action: `announcement.${action}`,
      target: `announcement:${a.id}`,
      project: project.name,
      details: { title: a.title },
    });
    bus.publish(`announcement.${action}`, {
      project: project.name,
      projectId: project.id,
      announcementId: a.id,
      by,
    });
  }

  return {
    /** Gathers what is new since the last published announcement into a draft. */
    async draft(projectName: string, by: string) {
      const project = await projects.get(projectName);
      const [last] = await store.list(project.id, { published: true, limit: 1 });
      const since = last?.publishedAt ?? 0;
      const [flags, notes] = await Promise.all([
        deps.releasedFlags(project, since),
        deps.notes.published(project.id, { since, limit: 500 }),
      ]);
      const now = clock.now();
      const sections = flags.map(
        (f) =>
          `## ${escapeMarkdown(f.description || f.key)}\n\n_Describe ${escapeMarkdown(f.key)} for customers: what it does and who can use it._`,
      );
      const also = customerLines(notes.map((n) => n.customer));
      if (also.length > 0) sections.push(`## Also new\n\n${also.join("\n")}`);
      const intro =
        sections.length === 0
          ? "Nothing was released since the last announcement yet. Write what you want to tell customers."
          : `Here is what is new${since ? " since our last update" : ""}.`;
      const created = await store.create({
        projectId: project.id,
        title: `What's new in ${monthYear(now)}`,
        body: `${[intro, ...sections].join("\n\n")}\n`,
        since,
        gathered: { flags, notes: notes.map((n) => n.id) },
        createdBy: by,
        createdAt: now,
      });
      await record(project, "drafted", created, by);
      return created;
    },

    async list(projectName: string, limit = 50) {
      const project = await projects.get(projectName);
      return store.list(project.id, { limit });
    },

    get: async (id: number) => (await find(id)).announcement,

    async edit(id: number, patch: { title?: string; body?: string }, by: string) {
      check(patch);
      const { project } = await find(id);
      const edited = await store.update(id, { ...patch, updatedBy: by, updatedAt: clock.now() });
      await record(project, "edited", edited, by);
      return edited;
    },

    async publish(id: number, by: string) {
      const { announcement, project } = await find(id);
      if (announcement.publishedAt !== null) {
        throw new ConflictError(
          `announcement ${id} was already published by ${announcement.publishedBy}`,
        );
      }
      const published = await store.update(id, { publishedBy: by, publishedAt: clock.now() });
      await record(project, "published", published, by);
      deps.published?.(project, published);
      return published;
    },

    async discard(id: number, by: string) {
      const { announcement, project } = await find(id);
      if (!(await store.deleteDraft(id))) {
        throw new ConflictError(`announcement ${id} is published: it stays on the changelog`);
      }
      await record(project, "discarded", announcement, by);
    },
  };
}
