import type { AuditLog } from "../audit/audit-log.js";
import type { Clock } from "../clock.js";
import { parseDuration } from "../config/config-primitives.js";
import {
  ConflictError,
  InvalidInputError,
  NotAllowedError,
  NotFoundError,
} from "../errors/domain-errors.js";
import type { EventBus } from "../events/event-bus.js";
import type { ProjectService } from "../projects/project-service.js";
import type { Project } from "../projects/project-store.js";
import type { Block, BlockKind, BlockStore } from "./block-store.js";

export interface BlockView extends Omit<Block, "projectId"> {
  project: string;
}

export interface PlaceBlock {
  project: string;
  environment?: string | null;
  buildId?: number | null;
  sha?: string | null;
  reason: string;
  /** A duration such as `2h`; or `until`, epoch ms. Neither: until someone lifts it. */
  for?: string;
  until?: number;
  by: string;
  kind?: BlockKind;
}

const MAX_REASON = 500;
const SHA = /^[0-9a-f]{7,40}$/;

/**
 * Blocks: anyone signed in may place one; its author or a deployer lifts it. Every change is
 * audited, published on the bus and handed to `announce` (notifications).
 */
export function createBlockService(deps: {
  store: BlockStore;
  projects: ProjectService;
  bus: EventBus;
  clock: Clock;
  audit: AuditLog;
  /** Environments the project's weeknight.yml defines, to catch a mistyped name. */
  environmentNames: (project: Project) => Promise<string[]>;
  /** The build ids of a project, to refuse a block on someone else's build. */
  buildProject: (buildId: number) => Promise<number | null>;
  announce?: (change: "placed" | "lifted", block: BlockView) => void;
}) {
  const { store, projects, bus, clock, audit } = deps;

  async function view(block: Block, project?: Project): Promise<BlockView> {
    const { projectId, ...rest } = block;
    const name = project?.name ?? (await projects.getById(projectId)).name;
    return { ...rest, project: name };
  }

  function expiry(input: PlaceBlock, now: number): number | null {
    if (input.for !== undefined && input.until !== undefined)
      throw new InvalidInputError("give either `for` (a duration) or `until`, not both");
    const expiresAt =
      input.for !== undefined ? now + parseDuration(input.for) : (input.until ?? null);
    if (expiresAt !== null && expiresAt <= now) {
      throw new InvalidInputError(
        `the block would expire at ${new Date(expiresAt).toISOString()}, which is already past — give a later time or no expiry`,
      );
    }
    return expiresAt;
  }

  async function changed(change: "placed" | "lifted", block: BlockView) {
    bus.publish(`block.${change}`, {
      project: block.project,
      environment: block.environment,
      blockId: block.id,
      reason: block.reason,
      by: change === "placed" ? block.createdBy : block.liftedBy,
    });
    deps.announce?.(change, block);
  }

  return {
    async place(input: PlaceBlock): Promise<BlockView> {
      const project = await projects.get(input.project);
      const reason = input.reason.trim();
      if (reason === "")
        throw new InvalidInputError("say why deploys should stop: the reason is empty");
      if (reason.length > MAX_REASON)
        throw new InvalidInputError(
          `the reason is ${reason.length} characters — at most ${MAX_REASON}`,
        );
      const environment = input.environment ?? null;
      if (environment !== null) {
        const names = await deps.environmentNames(project);
        if (!names.includes(environment)) {
          throw new NotFoundError(
            `${project.name} has no environment "${environment}"${names.length ? ` — it has ${names.join(", ")}` : ""}`,
          );
        }
      }
      const buildId = input.buildId ?? null;
      const sha = input.sha?.toLowerCase() ?? null;
      if (buildId !== null && sha !== null)
        throw new InvalidInputError("block a build or a commit, not both");
      if (buildId !== null && (await deps.buildProject(buildId)) !== project.id)
        throw new NotFoundError(`${project.name} has no build ${buildId}`);
      if (sha !== null && !SHA.test(sha))
        throw new InvalidInputError(`"${input.sha}" is not a commit sha — give 7 to 40 hex digits`);
      const now = clock.now();
      const block = await store.create({
        projectId: project.id,
        environment,
        buildId,
        sha,
        kind: input.kind ?? "manual",
        reason,
        createdBy: input.by,
        createdAt: now,
        expiresAt: expiry(input, now),
      });
      const placed = await view(block, project);
      await audit.record({
        actor: input.by,
        action: "block",
        target: `block:${block.id}`,
        project: project.name,
        environment,
        details: { reason, buildId, sha, expiresAt: block.expiresAt, kind: block.kind },
      });
      await changed("placed", placed);
      return placed;
    },

    /** Lifts a block: its author may, and so may any deployer (`mayLiftAny`). */
    async lift(id: number, input: { by: string; mayLiftAny: boolean; reason?: string }) {
      const block = await store.get(id);
      if (!block) throw new NotFoundError(`no block ${id}`);
      if (block.liftedAt !== null)
        throw new ConflictError(`block ${id} was already lifted by ${block.liftedBy}`);
      if (!input.mayLiftAny && block.createdBy !== input.by) {
        throw new NotAllowedError(
          `block ${id} was placed by ${block.createdBy}: only they or a deployer can lift it`,
        );
      }
      const lifted = await store.lift(id, {
        by: input.by,
        at: clock.now(),
        reason: input.reason?.trim() || null,
      });
      if (!lifted) throw new ConflictError(`block ${id} was lifted a moment ago`);
      const shown = await view(lifted);
      await audit.record({
        actor: input.by,
        action: "unblock",
        target: `block:${id}`,
        project: shown.project,
        environment: shown.environment,
        details: {
          reason: lifted.liftReason,
          placedBy: lifted.createdBy,
          blockReason: lifted.reason,
        },
      });
      await changed("lifted", shown);
      return shown;
    },

    /** Blocks in force now, of one project or all. */
    async active(projectName?: string): Promise<BlockView[]> {
      const project = projectName ? await projects.get(projectName) : undefined;
      const blocks = await store.active(clock.now(), project?.id);
      return Promise.all(blocks.map((b) => view(b, project)));
    },

    async history(filter: { project?: string; beforeId?: number; limit: number }) {
      const project = filter.project ? await projects.get(filter.project) : undefined;
      const blocks = await store.history({ ...filter, projectId: project?.id });
      return Promise.all(blocks.map((b) => view(b, project)));
    },

    /** The blocks in force that stop `buildId` (holding `shas`) from going to `environment`. */
    async holding(project: Project, environment: string, buildId: number, shas: string[]) {
      const blocks = await store.active(clock.now(), project.id);
      const held = blocks.filter((b) => stops(b, environment, buildId, shas));
      return Promise.all(held.map((b) => view(b, project)));
    },
  };
}

export type BlockService = ReturnType<typeof createBlockService>;

/** Whether a block in force applies to this environment and change. */
export function stops(block: Block, environment: string, buildId: number, shas: string[]): boolean {
  if (block.environment !== null && block.environment !== environment) return false;
  if (block.buildId !== null) return block.buildId === buildId;
  if (block.sha !== null) return shas.some((sha) => sha.startsWith(block.sha as string));
  return true;
}
