import { loadBuildConfig } from "../builds/build-config.js";
import type { BuildService } from "../builds/build-service.js";
import { commitFields } from "../notify/notify-message.js";
import type { NotifyService } from "../notify/notify-service.js";
import type { ProjectService } from "../projects/project-service.js";
import type { Project } from "../projects/project-store.js";
import type { Deployment, DeploymentStore } from "./deployment-store.js";

export type DeploymentEvent =
  | "deploy.started"
  | "deploy.succeeded"
  | "deploy.failed"
  | "deploy.rolled-back"
  | "release.crashed";

/** Tells the deployed build's channels; what goes out is every commit since the previous release. */
export function createDeploymentNotices(deps: {
  store: DeploymentStore;
  builds: BuildService;
  projects: ProjectService;
  notify?: NotifyService;
  deploymentUrl?: (id: number) => string;
}) {
  const { store, builds, projects } = deps;
  return async function announce(
    deployment: Deployment,
    project: Project,
    event: DeploymentEvent,
    reason: string | null,
  ): Promise<void> {
    if (!deps.notify) return;
    const build = await builds.get(deployment.buildId);
    const loaded = await loadBuildConfig(projects, project, build.sha);
    if (!loaded.ok || loaded.config.notify.length === 0) return;
    const previous = deployment.previousDeploymentId
      ? await store.get(deployment.previousDeploymentId)
      : null;
    const since = previous ? (await builds.get(previous.buildId)).sha : null;
    const commits =
      since === build.sha
        ? []
        : await projects.mirror(project).commitsBetween(since, build.sha, 50);
    const url = deps.deploymentUrl?.(deployment.id) ?? "";
    deps.notify.notify({
      projectId: project.id,
      buildId: build.id,
      channels: loaded.config.notify,
      notification: {
        event,
        project: project.name,
        build: { id: build.id, sha: build.sha, branch: build.branch, url },
        ...commitFields(commits),
        deployment: { id: deployment.id, environment: deployment.environment, url, reason },
      },
    });
  };
}
