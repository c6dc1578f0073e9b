import { mkdirSync } from "node:fs";
import { rm } from "node:fs/promises";
import { join } from "node:path";
import type { ArtifactStore } from "../artifacts/artifact-store.js";
import type { Clock } from "../clock.js";
import type { WeeknightConfig } from "../config/config-schema.js";
import type { EventBus } from "../events/event-bus.js";
import type { ProcessRunner, RunOutcome } from "../process/process-runner.js";
import type { ProjectService } from "../projects/project-service.js";
import type { Project } from "../projects/project-store.js";
import { createSecretMasker } from "../secrets/secret-masker.js";
import { loadBuildConfig } from "./build-config.js";
import type { BuildLogs } from "./build-log.js";
import type { Build, BuildStatus, BuildStore, StageStatus } from "./build-store.js";

export interface BuildResult {
  status: BuildStatus;
  config: WeeknightConfig | null;
  failedStage?: { name: string; message: string; logTail: string[] };
  mask: (text: string) => string;
}

export interface BuildExecutorDeps {
  store: BuildStore;
  projects: ProjectService;
  logs: BuildLogs;
  artifacts: ArtifactStore;
  runner: ProcessRunner;
  bus: EventBus;
  clock: Clock;
  workspacesDir: string;
  /** Inherited by every stage (PATH, HOME, …); server settings are never passed on. */
  baseEnv: Record<string, string>;
  serverUrl: () => string;
}

const TAIL_LINES = 20;

const stageStatusOf: Record<RunOutcome["kind"], StageStatus> = {
  succeeded: "passed",
  failed: "failed",
  "timed-out": "timed-out",
  cancelled: "cancelled",
  "not-started": "failed",
};

/** Runs one claimed build start to finish: workspace, config, stages, artifact. */
export function createBuildExecutor(deps: BuildExecutorDeps) {
  const { store, logs, bus, clock } = deps;

  async function setStage(
    build: Build,
    project: Project,
    position: number,
    name: string,
    patch: Parameters<BuildStore["updateStage"]>[2],
  ) {
    await store.updateStage(build.id, position, patch);
    bus.publish("build.stage", {
      project: project.name,
      buildId: build.id,
      position,
      name,
      ...patch,
    });
  }

  return async function execute(
    build: Build,
    project: Project,
    signal: AbortSignal,
  ): Promise<BuildResult> {
    const log = logs.open(build.id, project.name);
    const system = (text: string) => log.append("weeknight", "system", text);
    let mask = (text: string) => text;
    const workspace = join(deps.workspacesDir, `build-${build.id}`);
    try {
      await rm(workspace, { recursive: true, force: true });
      mkdirSync(deps.workspacesDir, { recursive: true });
      system(`checking out ${build.sha} (${build.branch})`);
      await deps.projects.mirror(project).checkout(build.sha, workspace);

      const loaded = await loadBuildConfig(deps.projects, project, build.sha);
      if (!loaded.ok) {
        system(loaded.message);
        for (const line of loaded.problems) system(line);
        const failure = { name: "config", message: loaded.message, logTail: loaded.problems };
        return { status: "failed", config: null, failedStage: failure, mask };
      }
      const { config, secrets } = loaded;
      mask = createSecretMasker(Object.values(secrets));
      const env = {
        ...deps.baseEnv,
        ...config.build.env,
        WEEKNIGHT: "true",
        CI: "true",
        WEEKNIGHT_PROJECT: project.name,
        WEEKNIGHT_BUILD_ID: String(build.id),
        WEEKNIGHT_COMMIT_SHA: build.sha,
        WEEKNIGHT_BRANCH: build.branch,
        WEEKNIGHT_WORKSPACE: workspace,
        WEEKNIGHT_SERVER_URL: deps.serverUrl(),
      };
      await store.setStages(
        build.id,
        config.build.stages.map((s) => s.name),
      );
      const stages = config.build.stages;
      for (const [position, stage] of stages.entries()) {
        if (signal.aborted) break;
        const tail: string[] = [];
        await setStage(build, project, position, stage.name, {
          status: "running",
          startedAt: clock.now(),
        });
        system(`stage ${stage.name}: ${mask(stage.run)}`);
        const result = await deps.runner.run({
          command: stage.run,
          cwd: workspace,
          env: { ...env, ...stage.env, WEEKNIGHT_STAGE: stage.name },
          timeoutMs: stage.timeout ?? config.build.timeout,
          signal,
          onLine: (line, stream) => {
            const text = mask(line);
            log.append(stage.name, stream, text);
            tail.push(text);
            if (tail.length > TAIL_LINES) tail.shift();
          },
        });
        if (result.invalidUtf8) {
          system(`stage ${stage.name} printed bytes that are not UTF-8; they are shown as \uFFFD`);
        }
        const { outcome } = result;
        const status = stageStatusOf[outcome.kind];
        const message = outcome.kind === "succeeded" ? null : mask(outcome.message);
        await setStage(build, project, position, stage.name, {
          status,
          finishedAt: clock.now(),
          exitCode:
            outcome.kind === "failed" ? outcome.exitCode : outcome.kind === "succeeded" ? 0 : null,
          message,
        });
        system(
          `stage ${stage.name} ${status}${message ? `: ${message}` : ""} (${outcome.durationMs} ms)`,
        );
        if (status !== "passed") {
          await skipRest(
            build,
            project,
            stages.slice(position + 1).map((s, i) => [position + 1 + i, s.name] as const),
          );
          if (status === "cancelled") return { status: "cancelled", config, mask };
          return {
            status: "failed",
            config,
            mask,
            failedStage: { name: stage.name, message: message ?? status, logTail: tail },
          };
        }
      }
      if (signal.aborted) return { status: "cancelled", config, mask };

      system(`packing artifact: ${config.build.artifact.paths.join(", ")}`);
      try {
        const artifact = await deps.artifacts.pack({
          workspace,
          paths: config.build.artifact.paths,
          exclude: config.build.artifact.exclude,
        });
        await store.saveArtifact(build.id, { ...artifact, createdAt: clock.now() });
        system(`artifact sha256:${artifact.sha256} (${artifact.size} bytes)`);
      } catch (error) {
        const message = (error as Error).message;
        system(`artifact failed: ${message}`);
        return {
          status: "failed",
          config,
          mask,
          failedStage: { name: "artifact", message, logTail: [] },
        };
      }
      return { status: "passed", config, mask };
    } catch (error) {
      const message = mask((error as Error).message);
      system(`build error: ${message}`);
      return {
        status: "failed",
        config: null,
        mask,
        failedStage: { name: "checkout", message, logTail: [] },
      };
    } finally {
      log.flush();
      await rm(workspace, { recursive: true, force: true }).catch(() => {});
    }
  };

  async function skipRest(build: Build, project: Project, rest: (readonly [number, string])[]) {
    for (const [position, name] of rest)
      await setStage(build, project, position, name, { status: "skipped" });
  }
}

export type BuildExecutor = ReturnType<typeof createBuildExecutor>;
