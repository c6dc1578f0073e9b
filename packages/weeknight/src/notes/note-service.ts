import type { AuditLog } from "../audit/audit-log.js";
import type { Clock } from "../clock.js";
import { publishingEnvironments } from "../config/changelog-schema.js";
import type { WeeknightConfig } from "../config/config-schema.js";
import { InvalidInputError, NotFoundError } from "../errors/domain-errors.js";
import type { DomainEvent, EventBus } from "../events/event-bus.js";
import type { ProjectService } from "../projects/project-service.js";
import type { Project } from "../projects/project-store.js";
import { customerMarkdown, internalMarkdown, noteEntry } from "./commit-notes.js";
import type { NoteStore, ReleaseNotes } from "./note-store.js";

/** A deploy seldom carries more; the notes say so when it does. */
const NOTE_COMMITS = 500;
const MAX_MARKDOWN = 50_000;

export type NoteService = ReturnType<typeof createNoteService>;

export interface NoteDeployments {
  get(id: number): Promise<{
    id: number;
    projectId: number;
    environment: string;
    buildId: number;
    previousDeploymentId: number | null;
    trigger: string;
  } | null>;
  /** The commit of the build a deployment took live. */
  shaOf(deploymentId: number): Promise<string | null>;
  buildSha(buildId: number): Promise<string>;
}

/** GitHub/GitLab/Gitea-style web URLs link each commit; other remotes show the short sha. */
export function commitUrlFor(repoUrl: string): (sha: string) => string | null {
  const web = /^https:\/\/[^\s/]+\/[^\s]+$/.test(repoUrl) ? repoUrl.replace(/\.git$/, "") : null;
  return (sha) => (web ? `${web}/commit/${sha}` : null);
}

/**
 * Release notes: drafted from the commits between the live release and the build (before the
 * deploy, and again when it starts), editable by people, published to the public changelog when
 * a deploy to a publishing environment goes live, withdrawn when it is rolled back.
 */
export function createNoteService(deps: {
  store: NoteStore;
  projects: ProjectService;
  deployments: NoteDeployments;
  currentConfig: (project: Project) => Promise<{ config: WeeknightConfig } | null>;
  bus: EventBus;
  clock: Clock;
  audit: AuditLog;
  /** What would go out next: the candidate's build and commit, and the live release's commit. */
  upcoming: (
    project: Project,
    environment: string,
  ) => Promise<{ buildId: number; toSha: string; fromSha: string | null } | null>;
  /** Tells the channels that customer notes were published (`changelog.published`). */
  published?: (project: Project, notes: ReleaseNotes) => void;
}) {
  const { store, projects, deployments, bus, clock } = deps;

  async function draft(
    project: Project,
    environment: string,
    buildId: number,
    fromSha: string | null,
    toSha: string,
  ): Promise<ReleaseNotes> {
    const commits =
      fromSha === toSha
        ? []
        : await projects.mirror(project).commitsBetween(fromSha, toSha, NOTE_COMMITS);
    const entries = commits.map(noteEntry);
    return store.draft(
      {
        projectId: project.id,
        environment,
        buildId,
        fromSha,
        toSha,
        entries,
        internal: internalMarkdown(entries, commitUrlFor(project.repoUrl)),
        customer: customerMarkdown(entries),
      },
      clock.now(),
    );
  }

  async function publishes(project: Project, environment: string): Promise<boolean> {
    const config = (await deps.currentConfig(project))?.config;
    if (!config) return false;
    return publishingEnvironments(config.changelog, Object.keys(config.environments)).includes(
      environment,
    );
  }

  async function onDeployment(event: DomainEvent) {
    const id = Number(event.data.deploymentId);
    const deployment = await deployments.get(id);
    if (!deployment) return;
    const project = await projects.getById(deployment.projectId);
    const now = clock.now();
    const isRollback = deployment.trigger.startsWith("rollback:");
    if (event.type === "deployment.pending" && !isRollback) {
      const fromSha = deployment.previousDeploymentId
        ? await deployments.shaOf(deployment.previousDeploymentId)
        : null;
      const toSha = await deployments.buildSha(deployment.buildId);
      const notes = await draft(
        project,
        deployment.environment,
        deployment.buildId,
        fromSha,
        toSha,
      );
      await store.update(notes.id, { deploymentId: id }, now);
    } else if (event.type === "deployment.succeeded" && isRollback) {
      // The release it replaced left: so do its notes.
      const left = deployment.previousDeploymentId
        ? await deployments.get(deployment.previousDeploymentId)
        : null;
      const notes = left && (await store.find(project.id, left.environment, left.buildId));
      if (notes && notes.withdrawnAt === null) await withdraw(project, notes, now);
    } else if (event.type === "deployment.succeeded") {
      const notes = await store.find(project.id, deployment.environment, deployment.buildId);
      if (!notes) return;
      const publish =
        notes.customer.trim() !== "" && (await publishes(project, deployment.environment));
      const live = await store.update(
        notes.id,
        { deployedAt: now, withdrawnAt: null, ...(publish && { publishedAt: now }) },
        now,
      );
      if (publish) {
        bus.publish("changelog.published", {
          project: project.name,
          projectId: project.id,
          environment: live.environment,
          notesId: live.id,
        });
        deps.published?.(project, live);
      }
    } else if (event.type === "deployment.rolled-back") {
      const notes = await store.find(project.id, deployment.environment, deployment.buildId);
      if (notes && notes.withdrawnAt === null) await withdraw(project, notes, now);
    }
  }

  async function withdraw(project: Project, notes: ReleaseNotes, now: number) {
    await store.update(notes.id, { withdrawnAt: now }, now);
    if (notes.publishedAt !== null) {
      bus.publish("changelog.withdrawn", {
        project: project.name,
        projectId: project.id,
        environment: notes.environment,
        notesId: notes.id,
      });
    }
  }

  async function get(id: number) {
    const notes = await store.get(id);
    if (!notes) throw new NotFoundError(`no release notes ${id}`);
    return notes;
  }

  return {
    draft,
    publishes,
    get,

    /** Follows deployments; errors are the caller's to log, never the deploy's. */
    subscribe(onError: (error: unknown) => void): () => void {
      let queue = Promise.resolve();
      return bus.subscribe((event) => {
        if (!/^deployment\.(pending|succeeded|rolled-back)$/.test(event.type)) return;
        // In order: a deploy's notes are drafted before they can be published.
        queue = queue.then(() => onDeployment(event)).catch(onError);
      });
    },

    async list(filter: {
      project: string;
      environment?: string;
      beforeId?: number;
      limit: number;
    }) {
      const project = await projects.get(filter.project);
      return store.list({ ...filter, projectId: project.id });
    },

    /** The notes of what goes out next to an environment (drafted now), or null if nothing waits. */
    async next(projectName: string, environment: string) {
      const project = await projects.get(projectName);
      const upcoming = await deps.upcoming(project, environment);
      if (!upcoming) return null;
      return draft(project, environment, upcoming.buildId, upcoming.fromSha, upcoming.toSha);
    },

    async forDeployment(deploymentId: number) {
      const deployment = await deployments.get(deploymentId);
      if (!deployment) throw new NotFoundError(`no deployment ${deploymentId}`);
      const notes = await store.find(
        deployment.projectId,
        deployment.environment,
        deployment.buildId,
      );
      if (!notes) throw new NotFoundError(`deployment ${deploymentId} has no release notes`);
      return notes;
    },

    /** People's words: either markdown, before or after the deploy. */
    async edit(id: number, patch: { internal?: string; customer?: string }, by: string) {
      const notes = await get(id);
      for (const [field, text] of Object.entries(patch)) {
        if (text !== undefined && text.length > MAX_MARKDOWN) {
          throw new InvalidInputError(
            `the ${field} notes are longer than ${MAX_MARKDOWN} characters — shorten them`,
          );
        }
      }
      const now = clock.now();
      const edited = await store.update(id, { ...patch, editedBy: by, editedAt: now }, now);
      const project = await projects.getById(notes.projectId);
      await deps.audit.record({
        actor: by,
        action: "notes.edited",
        target: `notes:${id}`,
        project: project.name,
        environment: notes.environment,
        details: {
          fields: Object.keys(patch).filter((k) => patch[k as keyof typeof patch] !== undefined),
        },
      });
      bus.publish("notes.edited", {
        project: project.name,
        projectId: project.id,
        environment: notes.environment,
        notesId: id,
      });
      if (edited.publishedAt !== null && edited.withdrawnAt === null) {
        bus.publish("changelog.updated", {
          project: project.name,
          projectId: project.id,
          notesId: id,
        });
      }
      return edited;
    },
  };
}
