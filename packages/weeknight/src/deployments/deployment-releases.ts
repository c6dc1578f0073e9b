import type { ArtifactStore } from "../artifacts/artifact-store.js";
import { loadBuildConfig } from "../builds/build-config.js";
import type { BuildService, BuildView } from "../builds/build-service.js";
import type { EnvironmentConfig } from "../config/config-schema.js";
import { ConflictError, InvalidInputError, NotFoundError } from "../errors/domain-errors.js";
import type { ProjectService } from "../projects/project-service.js";
import type { Project } from "../projects/project-store.js";
import type { ReleaseSpec } from "../targets/target.js";
import type { Deployment } from "./deployment-store.js";

/** What a deployment runs: the environment's settings at the build's commit, and its artifact. */
export function createReleaseResolver(deps: {
  builds: BuildService;
  projects: ProjectService;
  artifacts: ArtifactStore;
}) {
  const { builds, projects } = deps;

  async function environmentConfig(
    project: Project,
    build: BuildView,
    environment: string,
  ): Promise<EnvironmentConfig> {
    const loaded = await loadBuildConfig(projects, project, build.sha);
    if (!loaded.ok) throw new InvalidInputError(`build ${build.id}: ${loaded.message}`);
    const config = loaded.config.environments[environment];
    if (!config) {
      const known = Object.keys(loaded.config.environments);
      throw new NotFoundError(
        `no environment "${environment}" in weeknight.yml at ${build.sha.slice(0, 7)}${known.length ? ` (it has ${known.join(", ")})` : ": add an environments: section"}`,
      );
    }
    return config;
  }

  async function releaseOf(
    deployment: Deployment,
    config: EnvironmentConfig,
  ): Promise<ReleaseSpec> {
    const build = await builds.get(deployment.buildId);
    if (!build.artifact) {
      throw new ConflictError(
        `build ${build.id} has no artifact: only passed builds can be deployed`,
      );
    }
    return {
      id: deployment.releaseId,
      buildId: build.id,
      project: build.project,
      environment: deployment.environment,
      artifact: {
        path: deps.artifacts.pathOf(build.artifact.sha256),
        sha256: build.artifact.sha256,
      },
      health: { path: config.health.path, timeoutMs: config.health.timeout },
      canary: { traffic: config.canary.traffic, bakeMs: config.canary.bake },
      rollbackWindowMs: config.rollback_window,
    };
  }

  return { environmentConfig, releaseOf };
}
