import { loadBuildConfig } from "../builds/build-config.js";
import type { BuildService } from "../builds/build-service.js";
import type { Build } from "../builds/build-store.js";
import type { WeeknightConfig } from "../config/config-schema.js";
import type { DeploymentService } from "../deployments/deployment-service.js";
import type { TargetFactory } from "../deployments/deployment-targets.js";
import type { TargetStatusBoard } from "../deployments/target-status-board.js";
import { NotFoundError } from "../errors/domain-errors.js";
import type { ProjectService } from "../projects/project-service.js";
import type { Project } from "../projects/project-store.js";
import { CHANGE_COMMITS, type ControlView } from "../risk/deploy-control.js";
import type { TargetStatus } from "../targets/target.js";
import { type EnvironmentHealth, environmentHealth } from "./environment-health.js";

export interface EnvironmentView {
  name: string;
  deploy: WeeknightConfig["environments"][string]["deploy"];
  requires: string[];
  target: string;
  live: {
    deploymentId: number;
    buildId: number;
    releaseId: string;
    sha: string;
    author: string;
    /** First line of the commit's message. */
    message: string;
    since: number | null;
  } | null;
  candidate: { buildId: number; sha: string; author: string; message: string } | null;
  /** Commits between what is live and the candidate, newest first, with their diff size. */
  waiting: {
    sha: string;
    author: string;
    message: string;
    additions: number;
    deletions: number;
    files: number;
  }[];
  lastDeployment: { id: number; step: string; buildId: number } | null;
  nextRunAt: number | null;
  lastSkipReason: string | null;
  lastSkipAt: number | null;
  health: EnvironmentHealth;
  healthDetail: string | null;
  /** Risk, approvals, blocks and what holds the next deploy back. */
  control: ControlView | null;
}

/** What a target says now, for the environment page's canary panel. */
export interface EnvironmentStatus {
  live: string | null;
  warm: string | null;
  healthy: boolean;
  detail: string;
  routing: NonNullable<TargetStatus["routing"]> | null;
  releases: NonNullable<TargetStatus["traffic"]>;
  events: NonNullable<TargetStatus["events"]>;
}

const CANDIDATE_SEARCH = 50;
const WAITING_SHOWN = 100;

/** What each environment runs, what it would run next, and why it did not. */
export function createEnvironmentService(deps: {
  projects: ProjectService;
  builds: BuildService;
  deployments: DeploymentService;
  nextRunAt?: (project: string, environment: string) => number | null;
  /** The crash watch's latest status per environment: health without a target call. */
  statuses?: TargetStatusBoard;
  /** For the live status of one environment (asked for only by its page). */
  targets?: TargetFactory;
  /** Risk-based process of the next deploy (risk/deploy-control). */
  control?: (
    project: Project,
    name: string,
    config: WeeknightConfig,
    candidate: Build | null,
    live: { buildId: number; sha: string } | null,
  ) => Promise<ControlView>;
}) {
  const { projects, builds, deployments } = deps;
  const configs = new Map<number, { buildId: number; config: WeeknightConfig }>();

  /** The environments of the newest passed build's weeknight.yml: what the team last said it wants. */
  async function currentConfig(
    project: Project,
  ): Promise<{ config: WeeknightConfig; build: Build } | null> {
    const [latest] = await builds.deployable(project, 1);
    if (!latest) return null;
    // Parsed once per newest build: every page view and scheduler tick asks for it.
    const known = configs.get(project.id);
    if (known?.buildId === latest.id) return { config: known.config, build: latest };
    const loaded = await loadBuildConfig(projects, project, latest.sha);
    if (!loaded.ok) return null;
    configs.set(project.id, { buildId: latest.id, config: loaded.config });
    return { config: loaded.config, build: latest };
  }

  /** The newest passed build whose deployments to every required environment succeeded. */
  async function candidate(project: Project, requires: string[]): Promise<Build | null> {
    const verified = await Promise.all(
      requires.map(async (env) => new Set(await deployments.succeededBuilds(project, env))),
    );
    const deployable = await builds.deployable(project, CANDIDATE_SEARCH);
    return deployable.find((b) => verified.every((set) => set.has(b.id))) ?? null;
  }

  /** The project and one of its environments, as the last passed build's weeknight.yml has it. */
  async function named(projectName: string, name: string) {
    const project = await projects.get(projectName);
    const current = await currentConfig(project);
    const env = current?.config.environments[name];
    if (!current || !env) {
      throw new NotFoundError(
        `project ${projectName} has no environment "${name}" in its last passed build's weeknight.yml`,
      );
    }
    return { project, config: current.config, env };
  }

  async function environment(
    project: Project,
    name: string,
    config: WeeknightConfig,
  ): Promise<EnvironmentView> {
    const env = config.environments[name];
    if (!env) throw new Error(`no environment ${name}`);
    const [live, next, last, run] = await Promise.all([
      deployments.live(project, name),
      candidate(project, env.requires),
      deployments.latest(project, name),
      deployments.lastRun(project, name),
    ]);
    const liveBuild = live ? await builds.get(live.buildId) : null;
    const mirror = projects.mirror(project);
    // The same range the deploy control scores (one git call for both), shown up to 100.
    const waiting =
      next && next.id !== liveBuild?.id
        ? (await mirror.commitsBetween(liveBuild?.sha ?? null, next.sha, CHANGE_COMMITS)).slice(
            0,
            WAITING_SHOWN,
          )
        : [];
    const [diffs, [candidateCommit], control] = await Promise.all([
      waiting.length > 0 ? mirror.diffStats(waiting.map((c) => c.sha)) : new Map(),
      next ? builds.commits(project, [next.sha]) : [],
      deps.control?.(
        project,
        name,
        config,
        next,
        liveBuild && { buildId: liveBuild.id, sha: liveBuild.sha },
      ) ?? null,
    ]);
    const liveCommit = liveBuild?.commits.find((c) => c.sha === liveBuild.sha);
    const polled = deps.statuses?.get(project.name, name) ?? null;
    return {
      name,
      deploy: env.deploy,
      requires: env.requires,
      target: env.target.type,
      live:
        live && liveBuild
          ? {
              deploymentId: live.id,
              buildId: live.buildId,
              releaseId: live.releaseId,
              sha: liveBuild.sha,
              author: liveCommit?.authorName ?? "",
              message: firstLine(liveCommit?.message),
              since: live.finishedAt,
            }
          : null,
      candidate: next
        ? {
            buildId: next.id,
            sha: next.sha,
            author: candidateCommit?.authorName ?? "",
            message: firstLine(candidateCommit?.message),
          }
        : null,
      waiting: waiting.map((c) => ({
        sha: c.sha,
        author: c.authorName,
        message: firstLine(c.message),
        ...(diffs.get(c.sha) ?? { additions: 0, deletions: 0, files: 0 }),
      })),
      lastDeployment: last ? { id: last.id, step: last.step, buildId: last.buildId } : null,
      nextRunAt: deps.nextRunAt?.(project.name, name) ?? null,
      lastSkipReason: run?.lastSkipReason ?? null,
      lastSkipAt: run?.lastSkipAt ?? null,
      ...environmentHealth({
        lastDeployment: last,
        status: polled && { ...polled.status, at: polled.at },
      }),
      control,
    };
  }

  return {
    currentConfig,
    candidate,
    async list(projectName: string): Promise<EnvironmentView[]> {
      const project = await projects.get(projectName);
      const current = await currentConfig(project);
      if (!current) return [];
      return Promise.all(
        Object.keys(current.config.environments).map((name) =>
          environment(project, name, current.config),
        ),
      );
    },
    async show(projectName: string, name: string): Promise<EnvironmentView> {
      const { project, config } = await named(projectName, name);
      return environment(project, name, config);
    },
    /** What `deploy` without a build takes, and why there may be none. */
    async candidateFor(projectName: string, name: string) {
      const { project, env } = await named(projectName, name);
      return { build: await candidate(project, env.requires), requires: env.requires };
    },
    /** The target's status read now (not the polled one): traffic split and per-release numbers. */
    async status(projectName: string, name: string): Promise<EnvironmentStatus> {
      const { project, env } = await named(projectName, name);
      if (!deps.targets) throw new Error("environment status needs the target factory");
      const status = await deps
        .targets({
          project: project.name,
          environment: name,
          config: env.target,
          healthPath: env.health.path,
        })
        .status();
      return {
        live: status.live,
        warm: status.warm,
        healthy: status.healthy,
        detail: status.detail,
        routing: status.routing ?? null,
        releases: status.traffic ?? [],
        events: status.events ?? [],
      };
    },
    async liveOn(projectName: string, name: string) {
      const { project } = await named(projectName, name);
      return deployments.live(project, name);
    },
  };
}

export type EnvironmentService = ReturnType<typeof createEnvironmentService>;

function firstLine(message: string | undefined): string {
  return message?.split("\n")[0] ?? "";
}
