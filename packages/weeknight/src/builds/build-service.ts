import type { Clock } from "../clock.js";
import { ConflictError, NotFoundError } from "../errors/domain-errors.js";
import type { EventBus } from "../events/event-bus.js";
import { commitFields } from "../notify/notify-message.js";
import type { NotifyService } from "../notify/notify-service.js";
import type { ProjectService } from "../projects/project-service.js";
import type { Project } from "../projects/project-store.js";
import { loadBuildConfig } from "./build-config.js";
import type { BuildExecutor, BuildResult } from "./build-executor.js";
import type { Build, BuildStatus, BuildStore, CommitRecord } from "./build-store.js";
import { type BuildTransition, buildTransitions, transitionBounds } from "./build-transition.js";

export interface BuildView extends Build {
  project: string;
  stages: Awaited<ReturnType<BuildStore["stages"]>>;
  artifact: Awaited<ReturnType<BuildStore["artifact"]>>;
  commits: CommitRecord[];
  /** `broke` a green project or `fixed` a red one, against the previous finished build. */
  transition: BuildTransition | null;
}

export interface BuildService {
  /** Looks for a new head on the project's branch and queues a build for it. */
  detectChanges(project: Project, trigger: string): Promise<Build | null>;
  /** Queues a build of the branch head (or a given sha) even when nothing is new. */
  trigger(projectName: string, input: { sha?: string; trigger: string }): Promise<Build>;
  get(id: number): Promise<BuildView>;
  list(filter: {
    project?: string;
    status?: BuildStatus;
    beforeId?: number;
    limit: number;
  }): Promise<BuildView[]>;
  cancel(id: number): Promise<Build>;
  /** The recorded commits among `shas` (authors and messages without running git). */
  commits(project: Project, shas: string[]): Promise<CommitRecord[]>;
  /** The newest passed builds with an artifact, without their details (candidates). */
  deployable(project: Project, limit: number): Promise<Build[]>;
  /** Re-queues builds a previous run left unfinished, then starts taking queued builds. */
  start(): Promise<void>;
  /** Stops taking builds; resolves when running builds have been interrupted (they re-run at the next start). */
  stop(): Promise<void>;
  /** Wakes the runner now (after a webhook) instead of at the next tick. */
  kick(): void;
}

export interface BuildServiceDeps {
  store: BuildStore;
  projects: ProjectService;
  execute: BuildExecutor;
  notify: NotifyService;
  bus: EventBus;
  clock: Clock;
  concurrency: number;
  /** How often the runner looks for queued builds and cancel requests from elsewhere. */
  tickMs?: number;
  buildUrl: (id: number) => string;
}

export function createBuildService(deps: BuildServiceDeps): BuildService {
  const { store, projects, bus, clock } = deps;
  const running = new Map<
    number,
    { abort: AbortController; done: Promise<void>; cancelled: boolean }
  >();
  let timer: NodeJS.Timeout | undefined;
  let stopped = true;
  let pumping = false;

  async function view(build: Build): Promise<BuildView> {
    const project = await projects.getById(build.projectId);
    const bounds = transitionBounds([build], true);
    const [stages, artifact, commits, before] = await Promise.all([
      store.stages(build.id),
      store.artifact(build.id),
      store.commits(build.projectId, build.commitShas),
      store.finishedStatusBefore(bounds),
    ]);
    const transition = buildTransitions([build], bounds, before).get(build.id) ?? null;
    return { ...build, project: project.name, stages, artifact, commits, transition };
  }

  async function queue(project: Project, sha: string, commitShas: string[], trigger: string) {
    const build = await store.create({
      projectId: project.id,
      sha,
      branch: project.branch,
      trigger,
      commitShas,
      queuedAt: clock.now(),
    });
    bus.publish("build.queued", { project: project.name, buildId: build.id, sha, trigger });
    kick();
    return build;
  }

  async function recordCommits(project: Project, since: string | null, head: string) {
    const commits = await projects.mirror(project).commitsBetween(since, head, 100);
    await store.saveCommits(project.id, commits);
    return commits.map((c) => c.sha);
  }

  function kick() {
    if (!stopped) queueMicrotask(() => void pump());
  }

  async function pump() {
    if (pumping || stopped) return;
    pumping = true;
    try {
      await pollCancelRequests();
      while (!stopped && running.size < deps.concurrency) {
        const next = await store.oldestQueued();
        if (!next) break;
        if (await store.claim(next.id, clock.now())) run({ ...next, status: "running" });
      }
    } catch (error) {
      console.error(`weeknight: build runner: ${(error as Error).message}`);
    } finally {
      pumping = false;
    }
  }

  async function pollCancelRequests() {
    for (const [id, entry] of running) {
      const build = await store.get(id);
      if (build?.cancelRequested) {
        entry.cancelled = true;
        entry.abort.abort();
      }
    }
  }

  function run(build: Build) {
    const abort = new AbortController();
    const entry = { abort, done: Promise.resolve(), cancelled: false };
    entry.done = (async () => {
      const project = await projects.getById(build.projectId);
      bus.publish("build.started", { project: project.name, buildId: build.id, sha: build.sha });
      const result = await deps.execute(build, project, abort.signal);
      // Stopped by a shutdown, not a user: leave it running so the next start re-queues it.
      if (stopped && !entry.cancelled) return;
      await store.finish(build.id, result.status, clock.now(), result.failedStage?.message ?? null);
      // Notify first, so whoever waits on the event can also wait for the deliveries.
      await notifyOutcome(build, project, result).catch((error) =>
        console.error(`weeknight: notifying about build ${build.id}: ${(error as Error).message}`),
      );
      bus.publish(`build.${result.status}`, {
        project: project.name,
        buildId: build.id,
        sha: build.sha,
        failedStage: result.failedStage?.name,
      });
    })()
      .catch((error) => console.error(`weeknight: build ${build.id}: ${(error as Error).message}`))
      .finally(() => {
        running.delete(build.id);
        kick();
      });
    running.set(build.id, entry);
  }

  /** A build whose weeknight.yml is broken still tells the channels of the last green one. */
  async function lastGoodChannels(project: Project, lastGreen: Build | null) {
    if (!lastGreen) return [];
    const loaded = await loadBuildConfig(projects, project, lastGreen.sha);
    return loaded.ok ? loaded.config.notify : [];
  }

  async function notifyOutcome(build: Build, project: Project, result: BuildResult) {
    if (result.status !== "passed" && result.status !== "failed") return;
    const previous = await store.previousFinished(project.id, build.id);
    const event =
      result.status === "failed"
        ? "build.failed"
        : previous?.status === "failed"
          ? "build.fixed"
          : null;
    if (!event) return;
    const lastGreen = await store.lastPassed(project.id, build.id);
    // Everyone whose commits went in since the last green build shares the news.
    const commits = await projects
      .mirror(project)
      .commitsBetween(lastGreen?.sha ?? null, build.sha, 50);
    deps.notify.notify({
      projectId: project.id,
      buildId: build.id,
      channels: result.config?.notify ?? (await lastGoodChannels(project, lastGreen)),
      notification: {
        event,
        project: project.name,
        build: { id: build.id, sha: build.sha, branch: build.branch, url: deps.buildUrl(build.id) },
        failedStage: event === "build.failed" ? result.failedStage : undefined,
        ...commitFields(commits),
      },
    });
  }

  return {
    async detectChanges(project, trigger) {
      const head = await projects.mirror(project).sync(project.branch);
      if (!head || head === project.lastSeenSha) return null;
      if (!(await projects.advanceHead(project, project.lastSeenSha, head))) return null;
      const commitShas = await recordCommits(project, project.lastSeenSha, head);
      return queue(project, head, commitShas, trigger);
    },
    async trigger(projectName, input) {
      const project = await projects.get(projectName);
      const mirror = projects.mirror(project);
      const head = await mirror.sync(project.branch);
      const sha = input.sha ?? head;
      if (!sha)
        throw new NotFoundError(
          `branch ${project.branch} of ${project.name} has no commits yet: push one first`,
        );
      const [commit] = await mirror.commitsBetween(null, sha, 1).catch(() => {
        throw new NotFoundError(`no commit ${sha} in ${project.repoUrl}`);
      });
      if (!commit) throw new NotFoundError(`no commit ${sha} in ${project.repoUrl}`);
      await store.saveCommits(project.id, [commit]);
      return queue(project, commit.sha, [commit.sha], input.trigger);
    },
    async get(id) {
      const build = await store.get(id);
      if (!build) throw new NotFoundError(`no build ${id}: see \`weeknight build list\``);
      return view(build);
    },
    async list(filter) {
      const projectId = filter.project ? (await projects.get(filter.project)).id : undefined;
      const builds = await store.list({
        projectId,
        status: filter.status,
        beforeId: filter.beforeId,
        limit: filter.limit,
      });
      // A page filtered by status skips builds, so neighbours on it are not predecessors.
      const bounds = transitionBounds(builds, filter.status === undefined);
      const [details, names, before] = await Promise.all([
        store.details(builds),
        projects.list().then((all) => new Map(all.map((p) => [p.id, p.name]))),
        store.finishedStatusBefore(bounds),
      ]);
      const transitions = buildTransitions(builds, bounds, before);
      return builds.map((build) => {
        const detail = details.get(build.id) ?? { stages: [], artifact: null, commits: [] };
        const transition = transitions.get(build.id) ?? null;
        return { ...build, project: names.get(build.projectId) ?? "", ...detail, transition };
      });
    },
    commits: (project, shas) => store.commits(project.id, shas),
    deployable: (project, limit) => store.deployable(project.id, limit),
    async cancel(id) {
      const build = await store.get(id);
      if (!build) throw new NotFoundError(`no build ${id}: see \`weeknight build list\``);
      if (build.status === "queued") {
        await store.finish(id, "cancelled", clock.now(), "cancelled before it started");
        const project = await projects.getById(build.projectId);
        bus.publish("build.cancelled", { project: project.name, buildId: id, sha: build.sha });
      } else if (build.status === "running") {
        await store.requestCancel(id);
        const entry = running.get(id);
        if (entry) {
          entry.cancelled = true;
          entry.abort.abort();
        }
      } else {
        throw new ConflictError(
          `build ${id} already ${build.status}; only queued or running builds can be cancelled`,
        );
      }
      return (await store.get(id)) ?? build;
    },
    async start() {
      stopped = false;
      const requeued = await store.requeueRunning();
      if (requeued.length > 0)
        console.error(
          `weeknight: re-queued builds interrupted by a restart: ${requeued.join(", ")}`,
        );
      timer = setInterval(() => void pump(), deps.tickMs ?? 1000);
      kick();
    },
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      for (const entry of running.values()) entry.abort.abort();
      await Promise.all([...running.values()].map((e) => e.done));
    },
    kick,
  };
}
