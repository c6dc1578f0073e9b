/** The parts of GET /api/v1/overview the failure banner reads. */
export interface OverviewProjectLike {
  project: string;
  lastBuild: { id: number; status: string } | null;
  environments: {
    name: string;
    lastDeployment: { id: number; step: string } | null;
    health?: string;
    healthDetail?: string | null;
  }[];
}

/** One thing that is broken right now, with where to go to look at it. */
export interface Failure {
  key: string;
  project: string;
  environment: string | null;
  /** What is wrong, in a few words: "build #12 failed", "deployment #4 rolled back". */
  problem: string;
  to: string;
}

const failedSteps: Record<string, string> = {
  "rolled-back": "rolled back",
  failed: "failed",
};

/** Links to a project's and an environment's pages, names escaped for the URL. */
export function projectPath(project: string): string {
  return `/projects/${encodeURIComponent(project)}`;
}

export function environmentPath(project: string, environment: string): string {
  return `${projectPath(project)}/environments/${encodeURIComponent(environment)}`;
}

/**
 * Everything the red banner lists: projects whose newest build failed, and environments whose
 * last deployment failed or rolled back or whose health check is failing (one entry each).
 */
export function failuresOf(overview: readonly OverviewProjectLike[]): Failure[] {
  const failures: Failure[] = [];
  for (const { project, lastBuild, environments } of overview) {
    if (lastBuild?.status === "failed") {
      failures.push({
        key: `build-${project}`,
        project,
        environment: null,
        problem: `build #${lastBuild.id} failed`,
        to: `/builds/${lastBuild.id}`,
      });
    }
    for (const environment of environments) {
      const problem = environmentProblem(environment);
      if (!problem) continue;
      failures.push({
        key: `env-${project}-${environment.name}`,
        project,
        environment: environment.name,
        problem,
        to: environmentPath(project, environment.name),
      });
    }
  }
  return failures;
}

/**
 * Why an environment is in the banner. A failing health check says why in its detail (which
 * already names a rolled-back deployment), so it wins over the bare deployment outcome.
 */
function environmentProblem(environment: OverviewProjectLike["environments"][number]) {
  if (environment.health === "failing") return environment.healthDetail ?? "failing";
  const deployment = environment.lastDeployment;
  const outcome = deployment && failedSteps[deployment.step];
  return deployment && outcome ? `deployment #${deployment.id} ${outcome}` : null;
}

/** "up to date", "1 commit waiting", "12 commits waiting". */
export function waitingLabel(count: number): string {
  if (count === 0) return "up to date";
  return count === 1 ? "1 commit waiting" : `${count} commits waiting`;
}

/** Whether a deployment step means the deployment is still under way. */
export function isDeploying(step: string | undefined): boolean {
  return step !== undefined && !["succeeded", "rolled-back", "failed"].includes(step);
}
