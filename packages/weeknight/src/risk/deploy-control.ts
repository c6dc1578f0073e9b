import type { AuditLog } from "../audit/audit-log.js";
import type { BlockService, BlockView } from "../blocks/block-service.js";
import type { BuildService } from "../builds/build-service.js";
import type { Build } from "../builds/build-store.js";
import type { Clock } from "../clock.js";
import type { EnvironmentConfig, WeeknightConfig } from "../config/config-schema.js";
import type { CanaryOverride, DeploymentService } from "../deployments/deployment-service.js";
import {
  ConflictError,
  InvalidInputError,
  NotAllowedError,
  NotFoundError,
} from "../errors/domain-errors.js";
import type { EventBus } from "../events/event-bus.js";
import type { IncidentFixStore } from "../incidents/incident-fixes.js";
import type { IncidentService } from "../incidents/incident-service.js";
import type { ProjectService } from "../projects/project-service.js";
import type { Project } from "../projects/project-store.js";
import type { ApprovalStore } from "./approval-store.js";
import { fixedIncidents } from "./commit-trailers.js";
import {
  decide,
  defectSeverity,
  environmentTimezone,
  type PolicyDecision,
  policyFor,
} from "./deploy-policy.js";
import { assessRisk, type RiskAssessment } from "./risk-rules.js";

/** What the dashboard and CLI show of an environment's next deploy: risk, approvals, blocks, holds. */
export interface ControlView {
  risk: RiskAssessment | null;
  approvals: { required: number; given: { by: string; at: number }[] };
  blocks: BlockView[];
  holds: string[];
  nextTryAt: number | null;
  timezone: string;
}

export interface ControlCheck extends PolicyDecision {
  risk: RiskAssessment;
  commits: { sha: string; message: string; authorName: string; authorEmail: string }[];
  approvals: { by: string; at: number }[];
  blocks: BlockView[];
}

/** Commits of a change read for trailers and authors (files come from one diff of the range). */
export const CHANGE_COMMITS = 500;

/**
 * Risk-based process for every deploy: scores the change between what is live and the build,
 * and says what holds it back (blocks, approvals, windows, freezes, open incidents).
 */
export function createDeployControl(deps: {
  projects: ProjectService;
  builds: BuildService;
  deployments: DeploymentService;
  blocks: BlockService;
  approvals: ApprovalStore;
  incidents: IncidentService;
  fixes: IncidentFixStore;
  currentConfig: (project: Project) => Promise<{ config: WeeknightConfig; build: Build } | null>;
  candidate: (project: Project, requires: string[]) => Promise<Build | null>;
  audit: AuditLog;
  bus: EventBus;
  clock: Clock;
}) {
  const { projects, builds, deployments, clock } = deps;

  async function liveShaOf(project: Project, environment: string): Promise<string | null> {
    const live = await deployments.live(project, environment);
    return live ? (await builds.get(live.buildId)).sha : null;
  }

  /** The commits and files between the live release and `sha`. */
  async function changeTo(project: Project, liveSha: string | null, sha: string) {
    if (liveSha === sha) return { commits: [], files: [] };
    const mirror = projects.mirror(project);
    const [commits, files] = await Promise.all([
      mirror.commitsBetween(liveSha, sha, CHANGE_COMMITS),
      mirror.changedFiles(liveSha, sha),
    ]);
    return { commits, files };
  }

  async function openDefects(
    project: Project,
    env: EnvironmentConfig,
    buildId: number,
    messages: string[],
  ) {
    if (defectSeverity(env) === null) return [];
    const open = await deps.incidents.list({ project: project.name, states: ["open"], limit: 100 });
    if (open.length === 0) return [];
    const marked = new Set(await deps.fixes.fixedBy(buildId));
    const trailered = new Set(messages.flatMap(fixedIncidents));
    return open.map((i) => ({
      id: i.id,
      severity: i.severity,
      fixed: marked.has(i.id) || trailered.has(i.id),
    }));
  }

  async function check(
    project: Project,
    environment: string,
    config: WeeknightConfig,
    build: Build,
    options: {
      /** When the deploy would happen (the notice asks about tonight's run); default now. */
      at?: number;
      /** The live release's commit, when the caller knows it already. */
      liveSha?: string | null;
    } = {},
  ): Promise<ControlCheck> {
    const env = config.environments[environment];
    if (!env) throw new NotFoundError(`${project.name} has no environment "${environment}"`);
    const liveSha =
      options.liveSha === undefined ? await liveShaOf(project, environment) : options.liveSha;
    const change = await changeTo(project, liveSha, build.sha);
    const risk = assessRisk(config.risk, change);
    const [approvals, blocks, incidents] = await Promise.all([
      // Asked for only when the policy of this change's level wants approvals.
      policyFor(env, risk.level).approvals > 0
        ? deps.approvals.forBuild(project.id, environment, build.id)
        : [],
      deps.blocks.holding(project, environment, build.id, [
        build.sha,
        ...change.commits.map((c) => c.sha),
      ]),
      openDefects(
        project,
        env,
        build.id,
        change.commits.map((c) => c.message),
      ),
    ]);
    const given = approvals.map((a) => ({ by: a.approvedBy, at: a.createdAt }));
    const decision = decide({
      environment,
      env,
      risk,
      approvals: given,
      blocks,
      incidents,
      now: options.at ?? clock.now(),
    });
    return { ...decision, risk, commits: change.commits, approvals: given, blocks };
  }

  async function configOf(project: Project, environment: string) {
    const current = await deps.currentConfig(project);
    const env = current?.config.environments[environment];
    if (!current || !env) {
      throw new NotFoundError(
        `project ${project.name} has no environment "${environment}" in its last passed build's weeknight.yml`,
      );
    }
    return { config: current.config, env };
  }

  return {
    check,

    /**
     * Says whether a build may go to an environment now, for a person's deploy. Anything that
     * holds it back refuses the deploy, unless an admin forces it through with a reason (audited).
     */
    async authorize(input: {
      project: string;
      environment: string;
      buildId: number;
      actor: string;
      force?: string;
      mayForce: boolean;
    }): Promise<{ canary?: CanaryOverride; risk: RiskAssessment }> {
      const project = await projects.get(input.project);
      const { config } = await configOf(project, input.environment);
      const result = await check(
        project,
        input.environment,
        config,
        await builds.get(input.buildId),
      );
      if (result.holds.length > 0) {
        const holds = result.holds.join("; ");
        if (input.force === undefined) {
          throw new ConflictError(
            `build ${input.buildId} cannot go to ${input.environment} now: ${holds}. An admin may force it through: weeknight deploy ${input.environment} --build ${input.buildId} --force "<reason>"`,
          );
        }
        if (!input.mayForce)
          throw new NotAllowedError(`only an admin may force a deploy past: ${holds}`);
        if (input.force.trim() === "")
          throw new InvalidInputError("say why the deploy is forced: the reason is empty");
        await deps.audit.record({
          actor: input.actor,
          action: "deploy.forced",
          target: `build:${input.buildId}`,
          project: project.name,
          environment: input.environment,
          details: { reason: input.force.trim(), holds: result.holds, risk: result.risk.level },
        });
      }
      return { canary: result.policy.canary, risk: result.risk };
    },

    /** The environment's control panel: for its candidate, or (none waiting) for what is live. */
    async view(
      project: Project,
      environment: string,
      config: WeeknightConfig,
      candidate: Build | null,
      live: { buildId: number; sha: string } | null,
    ): Promise<ControlView> {
      const env = config.environments[environment] as EnvironmentConfig;
      const subject = candidate ?? (live ? await builds.get(live.buildId) : null);
      if (!subject) {
        const blocks = (await deps.blocks.active(project.name)).filter(
          (b) => b.environment === null || b.environment === environment,
        );
        return {
          risk: null,
          approvals: { required: 0, given: [] },
          blocks,
          holds: [],
          nextTryAt: null,
          timezone: environmentTimezone(env),
        };
      }
      const result = await check(project, environment, config, subject, {
        liveSha: live?.sha ?? null,
      });
      const waiting = candidate !== null && candidate.id !== live?.buildId;
      return {
        risk: waiting ? result.risk : null,
        approvals: { required: waiting ? result.policy.approvals : 0, given: result.approvals },
        blocks: result.blocks,
        holds: waiting ? result.holds : [],
        nextTryAt: result.nextTryAt,
        timezone: result.rules.timezone,
      };
    },

    /** A deployer's "yes" to the candidate (or a given build); authors cannot approve their own change. */
    async approve(input: {
      project: string;
      environment: string;
      buildId?: number;
      by: string;
      comment?: string;
    }) {
      const project = await projects.get(input.project);
      const { env } = await configOf(project, input.environment);
      const build = input.buildId
        ? await builds.get(input.buildId)
        : await deps.candidate(project, env.requires);
      if (!build) {
        throw new ConflictError(
          `${input.environment} has no candidate to approve: no build has passed${env.requires.length ? ` and been verified on ${env.requires.join(", ")}` : ""} yet`,
        );
      }
      if (build.projectId !== project.id)
        throw new InvalidInputError(`build ${build.id} does not belong to ${project.name}`);
      if (build.status !== "passed")
        throw new ConflictError(
          `build ${build.id} is ${build.status}: only passed builds can be approved`,
        );
      const { commits } = await changeTo(
        project,
        await liveShaOf(project, input.environment),
        build.sha,
      );
      const own = commits.find((c) => isAuthor(input.by, c));
      if (own) {
        throw new ConflictError(
          `${input.by} wrote ${own.sha.slice(0, 7)} "${own.message.split("\n")[0]}" in this change: someone else must approve it`,
        );
      }
      const approval = await deps.approvals.add({
        projectId: project.id,
        environment: input.environment,
        buildId: build.id,
        approvedBy: input.by,
        comment: input.comment?.trim() || null,
        createdAt: clock.now(),
      });
      if (!approval)
        throw new ConflictError(
          `${input.by} already approved build ${build.id} for ${input.environment}`,
        );
      await deps.audit.record({
        actor: input.by,
        action: "approve",
        target: `build:${build.id}`,
        project: project.name,
        environment: input.environment,
        details: { buildId: build.id, comment: approval.comment },
      });
      deps.bus.publish("approval.added", {
        project: project.name,
        environment: input.environment,
        buildId: build.id,
        by: input.by,
      });
      const { projectId: _, ...rest } = approval;
      return { ...rest, project: project.name };
    },
  };
}

export type DeployControl = ReturnType<typeof createDeployControl>;

/**
 * Whether a user wrote a commit: their username is the author's name, e-mail, or the e-mail's
 * local part (users have no e-mail of their own yet).
 */
export function isAuthor(
  username: string,
  commit: { authorName: string; authorEmail: string },
): boolean {
  const user = username.trim().toLowerCase();
  const email = commit.authorEmail.trim().toLowerCase();
  return (
    user !== "" &&
    (commit.authorName.trim().toLowerCase() === user ||
      email === user ||
      email.split("@")[0] === user)
  );
}
