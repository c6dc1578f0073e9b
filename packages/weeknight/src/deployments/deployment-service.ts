import type { ArtifactStore } from "../artifacts/artifact-store.js";
import type { BuildService, BuildView } from "../builds/build-service.js";
import type { Clock } from "../clock.js";
import type { EnvironmentConfig } from "../config/config-schema.js";
import { ConflictError, InvalidInputError, NotFoundError } from "../errors/domain-errors.js";
import type { EventBus } from "../events/event-bus.js";
import type { NotifyService } from "../notify/notify-service.js";
import type { ProjectService } from "../projects/project-service.js";
import type { Project } from "../projects/project-store.js";
import type { ApplyContext, ApplyResult, DeploymentStep } from "../targets/target.js";
import { createDeploymentNotices } from "./deployment-notices.js";
import { createReleaseResolver } from "./deployment-releases.js";
import { finishAfterRestart } from "./deployment-resume.js";
import type { Deployment, DeploymentStore, StepRecord } from "./deployment-store.js";
import type { TargetFactory } from "./deployment-targets.js";
import { applyGated, type DeploymentGate } from "./gated-apply.js";

export interface DeploymentView extends Deployment {
  project: string;
  build: { id: number; sha: string; message: string; author: string };
  steps: StepRecord[];
}

/** Canary settings of a risk level's policy, replacing the environment's for one deployment. */
export interface CanaryOverride {
  traffic?: number;
  bake?: number;
}

/** Takes a backup before a deployment that touches data (wired to the backups module). */
export type BackupHook = (input: {
  project: Project;
  environment: string;
  config: EnvironmentConfig;
  deploymentId: number;
}) => Promise<string>;

export interface DeploymentServiceDeps {
  store: DeploymentStore;
  builds: BuildService;
  projects: ProjectService;
  artifacts: ArtifactStore;
  targets: TargetFactory;
  bus: EventBus;
  clock: Clock;
  backup?: BackupHook;
  gate?: DeploymentGate;
  notify?: NotifyService;
  deploymentUrl?: (id: number) => string;
}

export function createDeploymentService(deps: DeploymentServiceDeps) {
  const { store, builds, projects, bus, clock } = deps;
  const running = new Map<number, { abort: AbortController; done: Promise<void> }>();
  let stopping = false;
  const announce = createDeploymentNotices(deps);
  const { environmentConfig, releaseOf } = createReleaseResolver(deps);

  async function setStep(
    deployment: Deployment,
    project: Project,
    step: DeploymentStep,
    detail?: string,
  ) {
    await store.setStep(deployment.id, step, clock.now(), detail ?? null);
    bus.publish(`deployment.${step}`, {
      project: project.name,
      environment: deployment.environment,
      deploymentId: deployment.id,
      buildId: deployment.buildId,
      releaseId: deployment.releaseId,
      step,
      detail: detail ?? null,
    });
  }

  function contextFor(deployment: Deployment, project: Project, signal: AbortSignal): ApplyContext {
    return {
      step: (step, detail) => setStep(deployment, project, step, detail),
      log: (line) =>
        bus.publish("deployment.log", { project: project.name, deploymentId: deployment.id, line }),
      signal,
    };
  }

  /** Every step is persisted before it is taken; a crash between steps is resolved by `resume`. */
  async function execute(
    deployment: Deployment,
    project: Project,
    config: EnvironmentConfig,
    signal: AbortSignal,
    rollbackTo: Deployment | null,
  ) {
    const context = contextFor(deployment, project, signal);
    await announce(deployment, project, "deploy.started", null).catch(() => {});
    let result: ApplyResult;
    try {
      const target = deps.targets({
        project: project.name,
        environment: deployment.environment,
        config: config.target,
        healthPath: config.health.path,
      });
      const release = await releaseOf(deployment, config);
      if (rollbackTo) {
        await context.step("rolling-back", `returning to ${release.id}`);
        result = await target.rollback(release, context);
      } else {
        if (config.backup && deps.backup) {
          await context.step("backing-up");
          const backup = await deps.backup({
            project,
            environment: deployment.environment,
            config,
            deploymentId: deployment.id,
          });
          context.log(`backup ${backup} taken`);
        }
        const previous = deployment.previousDeploymentId
          ? await store.get(deployment.previousDeploymentId)
          : null;
        const previousRelease = previous ? await releaseOf(previous, config) : null;
        result = await applyGated(deps.gate, target, release, previousRelease, context, {
          project,
          environment: deployment.environment,
          config,
        });
      }
    } catch (error) {
      result = { status: "failed", reason: (error as Error).message };
    }
    // Interrupted by a shutdown: leave the step as it is, so the next start resumes it.
    if (stopping) return;
    const reason = result.status === "succeeded" ? null : result.reason;
    // Notify first, so whoever waits for the final step can also wait for the deliveries.
    await announce(deployment, project, `deploy.${result.status}`, reason).catch((error) =>
      console.error(
        `weeknight: notifying about deployment ${deployment.id}: ${(error as Error).message}`,
      ),
    );
    await setStep(deployment, project, result.status, reason ?? undefined);
  }

  function launch(
    deployment: Deployment,
    project: Project,
    config: EnvironmentConfig,
    rollbackTo: Deployment | null = null,
  ) {
    const abort = new AbortController();
    const done = execute(deployment, project, config, abort.signal, rollbackTo)
      .catch((error) =>
        console.error(`weeknight: deployment ${deployment.id}: ${(error as Error).message}`),
      )
      .finally(() => running.delete(deployment.id));
    running.set(deployment.id, { abort, done });
  }

  async function ensureIdle(project: Project, environment: string) {
    const [latest] = await store.list({ projectId: project.id, environment, limit: 1 });
    if (latest && !["succeeded", "rolled-back", "failed"].includes(latest.step)) {
      throw new ConflictError(
        `deployment ${latest.id} to ${environment} is still ${latest.step}: wait for it to finish`,
      );
    }
  }

  async function start(
    project: Project,
    environment: string,
    build: BuildView,
    trigger: string,
    releaseOverride?: Deployment,
    canary?: CanaryOverride,
  ) {
    await ensureIdle(project, environment);
    const base = await environmentConfig(project, build, environment);
    // A risk level's policy may ask for a gentler canary than the environment's own.
    const config = canary ? { ...base, canary: { ...base.canary, ...canary } } : base;
    if (!build.artifact)
      throw new ConflictError(
        `build ${build.id} is ${build.status}: only passed builds can be deployed`,
      );
    const live = await store.live(project.id, environment);
    const deployment = await store.create({
      projectId: project.id,
      environment,
      buildId: build.id,
      previousDeploymentId: live?.id ?? null,
      trigger,
      createdAt: clock.now(),
      releaseId: releaseOverride?.releaseId,
    });
    bus.publish("deployment.pending", {
      project: project.name,
      environment,
      deploymentId: deployment.id,
      buildId: build.id,
      step: "pending",
      trigger,
    });
    launch(deployment, project, config, releaseOverride ?? null);
    return deployment;
  }

  async function view(deployment: Deployment): Promise<DeploymentView> {
    const [project, build, steps] = await Promise.all([
      projects.getById(deployment.projectId),
      builds.get(deployment.buildId),
      store.steps(deployment.id),
    ]);
    const commit = build.commits.find((c) => c.sha === build.sha);
    return {
      ...deployment,
      project: project.name,
      build: {
        id: build.id,
        sha: build.sha,
        message: commit?.message.split("\n")[0] ?? "",
        author: commit?.authorName ?? "",
      },
      steps,
    };
  }

  return {
    environmentConfig,
    async deploy(input: {
      project: string;
      environment: string;
      buildId: number;
      trigger: string;
      canary?: CanaryOverride;
    }) {
      const project = await projects.get(input.project);
      const build = await builds.get(input.buildId);
      if (build.projectId !== project.id)
        throw new InvalidInputError(
          `build ${build.id} belongs to ${build.project}, not ${project.name}`,
        );
      return start(project, input.environment, build, input.trigger, undefined, input.canary);
    },
    /** Puts the release that was live before back in service (or a chosen earlier deployment's). */
    async rollback(input: {
      project: string;
      environment: string;
      toDeploymentId?: number;
      trigger: string;
    }) {
      const project = await projects.get(input.project);
      const live = await store.live(project.id, input.environment);
      if (!live)
        throw new ConflictError(
          `nothing is live on ${input.environment}: there is nothing to roll back`,
        );
      const target = input.toDeploymentId
        ? await store.get(input.toDeploymentId)
        : live.previousDeploymentId
          ? await store.get(live.previousDeploymentId)
          : null;
      if (!target || target.projectId !== project.id || target.environment !== input.environment) {
        throw new NotFoundError(
          input.toDeploymentId
            ? `no deployment ${input.toDeploymentId} of ${project.name} to ${input.environment}`
            : `${input.environment} has no earlier release to roll back to`,
        );
      }
      if (target.step !== "succeeded")
        throw new ConflictError(
          `deployment ${target.id} ${target.step}: only a release that went live can come back`,
        );
      return start(
        project,
        input.environment,
        await builds.get(target.buildId),
        input.trigger,
        target,
      );
    },
    get: async (id: number) => {
      const deployment = await store.get(id);
      if (!deployment) throw new NotFoundError(`no deployment ${id}`);
      return view(deployment);
    },
    async list(filter: {
      project?: string;
      environment?: string;
      beforeId?: number;
      limit: number;
    }) {
      const projectId = filter.project ? (await projects.get(filter.project)).id : undefined;
      return Promise.all((await store.list({ ...filter, projectId })).map(view));
    },
    live: (project: Project, environment: string) => store.live(project.id, environment),
    /** The newest automatic or requested rollback of any of the project's environments. */
    lastRollback: (project: Project) => store.lastRollback(project.id),
    /** The newest deployment to the environment, whatever its step. */
    latest: async (project: Project, environment: string) =>
      (await store.list({ projectId: project.id, environment, limit: 1 }))[0] ?? null,
    /** Tells the live release's channels that it crashed (the target restarted it). */
    announceCrash: (project: Project, live: Deployment, message: string) =>
      announce(live, project, "release.crashed", message),
    succeededBuilds: (project: Project, environment: string) =>
      store.succeededBuilds(project.id, environment),
    /** Deployments to the environment that finished at or after `since`, oldest first. */
    finishedSince: (project: Project, environment: string, since: number) =>
      store.finishedSince(project.id, environment, since),
    recordRun: (project: Project, environment: string, skipReason: string | null) =>
      store.recordRun(project.id, environment, clock.now(), skipReason),
    lastRun: (project: Project, environment: string) => store.lastRun(project.id, environment),
    /** After a restart: a deployment caught between steps is checked against its target and finished or rolled back. */
    async resume() {
      for (const deployment of await store.unfinished()) {
        const project = await projects.getById(deployment.projectId);
        try {
          const config = await environmentConfig(
            project,
            await builds.get(deployment.buildId),
            deployment.environment,
          );
          const previous = deployment.previousDeploymentId
            ? await store.get(deployment.previousDeploymentId)
            : null;
          const outcome = await finishAfterRestart({
            target: deps.targets({
              project: project.name,
              environment: deployment.environment,
              config: config.target,
              healthPath: config.health.path,
            }),
            release: await releaseOf(deployment, config),
            previous: previous ? await releaseOf(previous, config) : null,
            context: contextFor(deployment, project, new AbortController().signal),
          });
          await setStep(deployment, project, outcome.step, outcome.detail);
        } catch (error) {
          await setStep(
            deployment,
            project,
            "failed",
            `interrupted by a restart: ${(error as Error).message}`,
          );
        }
      }
    },
    async stop() {
      stopping = true;
      for (const entry of running.values()) entry.abort.abort();
      await Promise.all([...running.values()].map((e) => e.done));
    },
    /** Resolves when the deployment reaches a final step (tests, CLI --wait, demo). */
    async waitFor(id: number, timeoutMs = 120_000): Promise<DeploymentView> {
      const deadline = clock.now() + timeoutMs;
      for (;;) {
        const current = await this.get(id);
        if (["succeeded", "rolled-back", "failed"].includes(current.step)) return current;
        if (clock.now() > deadline)
          throw new Error(`deployment ${id} still ${current.step} after ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
  };
}

export type DeploymentService = ReturnType<typeof createDeploymentService>;
