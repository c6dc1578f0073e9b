import { Cron } from "croner";
import type { DeploymentService } from "../deployments/deployment-service.js";
import { ConflictError } from "../errors/domain-errors.js";
import type { EventBus } from "../events/event-bus.js";
import type { ProjectService } from "../projects/project-service.js";
import type { Project } from "../projects/project-store.js";
import type { EnvironmentService } from "./environment-service.js";

/**
 * Deploys each environment's candidate when its policy says so: `on-green` as soon as a
 * build qualifies, a schedule at its cron time. Every decision not to deploy is recorded
 * with its reason, so "why didn't it go out?" always has an answer.
 */
export function createEnvironmentScheduler(deps: {
  projects: ProjectService;
  environments: EnvironmentService;
  deployments: DeploymentService;
  bus: EventBus;
  onError?: (message: string) => void;
}) {
  const { projects, environments, deployments, bus } = deps;
  const jobs = new Map<string, { pattern: string; job: Cron }>();
  const onError =
    deps.onError ?? ((message: string) => console.error(`weeknight: scheduler: ${message}`));
  let unsubscribe = () => {};
  let queue = Promise.resolve();

  /** One decision at a time, so two triggers never race to deploy the same environment. */
  const serial = (work: () => Promise<void>) => {
    queue = queue.then(work).catch((error) => onError((error as Error).message));
    return queue;
  };

  async function deployCandidate(
    project: Project,
    environment: string,
    trigger: string,
  ): Promise<void> {
    const current = await environments.currentConfig(project);
    const env = current?.config.environments[environment];
    if (!env) return;
    const candidate = await environments.candidate(project, env.requires);
    const live = await deployments.live(project, environment);
    if (!candidate) {
      await deployments.recordRun(
        project,
        environment,
        `no build has passed${env.requires.length ? ` and been verified on ${env.requires.join(", ")}` : ""} yet`,
      );
      return;
    }
    if (live?.buildId === candidate.id) {
      await deployments.recordRun(
        project,
        environment,
        "nothing new: the candidate is already live",
      );
      return;
    }
    const [last] = await deployments.list({ project: project.name, environment, limit: 1 });
    if (
      last &&
      last.buildId === candidate.id &&
      last.step !== "succeeded" &&
      trigger !== "schedule"
    ) {
      // Do not retry a build that already failed or rolled back here on its own; a schedule or a person may.
      await deployments.recordRun(
        project,
        environment,
        `build ${candidate.id} already ${last.step} here`,
      );
      return;
    }
    try {
      await deployments.deploy({
        project: project.name,
        environment,
        buildId: candidate.id,
        trigger,
      });
      await deployments.recordRun(project, environment, null);
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      await deployments.recordRun(project, environment, error.message);
    }
  }

  async function onGreen(project: Project, trigger: string) {
    const current = await environments.currentConfig(project);
    if (!current) return;
    for (const [name, env] of Object.entries(current.config.environments)) {
      if (env.deploy === "on-green") await deployCandidate(project, name, trigger);
    }
  }

  async function reloadSchedules() {
    const wanted = new Map<
      string,
      { pattern: string; schedule: string; timezone: string; project: string; environment: string }
    >();
    for (const project of await projects.list()) {
      const current = await environments.currentConfig(project);
      for (const [name, env] of Object.entries(current?.config.environments ?? {})) {
        if (typeof env.deploy === "object") {
          const { schedule, timezone } = env.deploy;
          wanted.set(`${project.name}/${name}`, {
            pattern: `${schedule} @ ${timezone}`,
            schedule,
            timezone,
            project: project.name,
            environment: name,
          });
        }
      }
    }
    for (const [key, entry] of jobs) {
      if (wanted.get(key)?.pattern !== entry.pattern) {
        entry.job.stop();
        jobs.delete(key);
      }
    }
    for (const [key, want] of wanted) {
      if (jobs.has(key)) continue;
      const { schedule } = want;
      try {
        const job = new Cron(schedule, { timezone: want.timezone, protect: true }, () =>
          serial(async () =>
            deployCandidate(await projects.get(want.project), want.environment, "schedule"),
          ),
        );
        jobs.set(key, { pattern: want.pattern, job });
      } catch (error) {
        onError(`${key}: schedule "${schedule}" (${want.timezone}): ${(error as Error).message}`);
      }
    }
  }

  return {
    async start() {
      unsubscribe = bus.subscribe((event) => {
        const name = event.data.project;
        if (typeof name !== "string") return;
        if (event.type === "build.passed") {
          void serial(async () => {
            await reloadSchedules();
            await onGreen(await projects.get(name), "on-green");
          });
        } else if (event.type === "deployment.succeeded") {
          // A build verified on one environment may now be the candidate of the next.
          void serial(async () => onGreen(await projects.get(name), "on-green"));
        }
      });
      await serial(reloadSchedules);
    },
    async stop() {
      unsubscribe();
      for (const entry of jobs.values()) entry.job.stop();
      jobs.clear();
      await queue;
    },
    nextRunAt(project: string, environment: string): number | null {
      return jobs.get(`${project}/${environment}`)?.job.nextRun()?.getTime() ?? null;
    },
    /** Runs an environment's scheduled decision now (`weeknight env run`, tests). */
    runNow: (project: string, environment: string) =>
      serial(async () => deployCandidate(await projects.get(project), environment, "schedule")),
  };
}

export type EnvironmentScheduler = ReturnType<typeof createEnvironmentScheduler>;
