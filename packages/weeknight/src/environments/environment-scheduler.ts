import { Cron } from "croner";
import type { AuditLog } from "../audit/audit-log.js";
import type { Clock } from "../clock.js";
import type { DeploymentService } from "../deployments/deployment-service.js";
import { ConflictError } from "../errors/domain-errors.js";
import type { EventBus } from "../events/event-bus.js";
import type { ProjectService } from "../projects/project-service.js";
import type { Project } from "../projects/project-store.js";
import type { DeployControl } from "../risk/deploy-control.js";
import type { DeployNotices, NoticeSchedule } from "../risk/deploy-notices.js";
import type { PolicyLog } from "../risk/policy-log.js";
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
  control: DeployControl;
  notices: DeployNotices;
  policyLog: PolicyLog;
  audit: AuditLog;
  bus: EventBus;
  clock: Clock;
  onError?: (message: string) => void;
}) {
  const { projects, environments, deployments, control, bus, clock } = deps;
  const jobs = new Map<string, { pattern: string; job: Cron }>();
  // Environments deployed on green that wait for a window, a freeze or a block to end.
  const retries = new Map<string, NodeJS.Timeout>();
  const onError =
    deps.onError ?? ((message: string) => console.error(`weeknight: scheduler: ${message}`));
  let unsubscribe = () => {};
  let queue = Promise.resolve();

  /** One decision at a time, so two triggers never race to deploy the same environment. */
  const serial = (work: () => Promise<void>) => {
    queue = queue.then(work).catch((error) => onError((error as Error).message));
    return queue;
  };

  /** Records why a run did not deploy, and says so on the bus (the dashboard shows it). */
  async function skip(project: Project, environment: string, reason: string) {
    await deployments.recordRun(project, environment, reason);
    bus.publish("environment.skipped", { project: project.name, environment, reason });
  }

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
      await skip(
        project,
        environment,
        `no build has passed${env.requires.length ? ` and been verified on ${env.requires.join(", ")}` : ""} yet`,
      );
      return;
    }
    if (live?.buildId === candidate.id) {
      await skip(project, environment, "nothing new: the candidate is already live");
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
      await skip(project, environment, `build ${candidate.id} already ${last.step} here`);
      return;
    }
    const checked = await control.check(project, environment, current.config, candidate);
    if (checked.holds.length > 0) {
      const next = checked.nextTryAt
        ? `; next try ${new Date(checked.nextTryAt).toISOString()}`
        : "";
      await skip(project, environment, `waiting: ${checked.holds.join("; ")}${next}`);
      if (env.deploy === "on-green" && checked.nextTryAt)
        retryAt(project.name, environment, checked.nextTryAt);
      if (trigger === "schedule") deps.notices.skipped(project, environment, candidate, checked);
      return;
    }
    try {
      const deployment = await deployments.deploy({
        project: project.name,
        environment,
        buildId: candidate.id,
        trigger,
        canary: checked.policy.canary,
      });
      await deployments.recordRun(project, environment, null);
      await deps.audit.record({
        actor: "weeknight",
        action: "deploy",
        target: `project:${project.name}/env:${environment}`,
        project: project.name,
        environment,
        details: {
          deploymentId: deployment.id,
          buildId: candidate.id,
          risk: checked.risk.level,
          trigger,
        },
      });
      if (trigger === "schedule")
        deps.notices.afterDeploy(project, environment, deployment.id, candidate, checked);
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      await skip(project, environment, error.message);
    }
  }

  function retryAt(project: string, environment: string, at: number) {
    const key = `${project}/${environment}`;
    clearTimeout(retries.get(key));
    // setTimeout holds at most ~24.8 days; a longer wait is re-checked then.
    const wait = Math.min(Math.max(at - clock.now(), 0) + 1000, 2 ** 31 - 1);
    const timer = setTimeout(() => {
      retries.delete(key);
      void serial(async () =>
        deployCandidate(await projects.get(project), environment, "on-green"),
      );
    }, wait);
    timer.unref();
    retries.set(key, timer);
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
    const notices: NoticeSchedule[] = [];
    for (const project of await projects.list()) {
      const current = await environments.currentConfig(project);
      if (current) await deps.policyLog.note(project, current.config, current.build);
      for (const [name, env] of Object.entries(current?.config.environments ?? {})) {
        if (typeof env.deploy === "object") {
          const { schedule, timezone } = env.deploy;
          if (env.notice) {
            notices.push({
              project: project.name,
              environment: name,
              schedule,
              timezone,
              beforeMs: env.notice.before,
            });
          }
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
    deps.notices.sync(notices);
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
        } else if (
          ["deployment.succeeded", "approval.added", "block.lifted"].includes(event.type)
        ) {
          // A build verified on one environment may now be the candidate of the next; an
          // approval or a lifted block may let a waiting candidate go.
          void serial(async () => onGreen(await projects.get(name), "on-green"));
        }
      });
      await serial(reloadSchedules);
    },
    async stop() {
      unsubscribe();
      deps.notices.stop();
      for (const entry of jobs.values()) entry.job.stop();
      jobs.clear();
      for (const timer of retries.values()) clearTimeout(timer);
      retries.clear();
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
