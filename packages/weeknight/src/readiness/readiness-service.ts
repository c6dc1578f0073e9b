import type { BackupService } from "../backups/backup-service.js";
import type { BuildService, BuildView } from "../builds/build-service.js";
import type { Clock } from "../clock.js";
import type { DeploymentService } from "../deployments/deployment-service.js";
import type { EnvironmentService } from "../environments/environment-service.js";
import type { IncidentFixStore } from "../incidents/incident-fixes.js";
import type { DeliveryRecord, DeliveryStatus, DeliveryStore } from "../notify/delivery-store.js";
import type { DeliveryEvent } from "../notify/notify-types.js";
import type { ProjectService } from "../projects/project-service.js";
import type { Project } from "../projects/project-store.js";
import { fixedIncidents } from "../risk/commit-trailers.js";
import { checkReadiness } from "./readiness-checks.js";
import { type DeliveryFact, productionOf, type ReadinessFacts } from "./readiness-facts.js";
import type { Readiness } from "./readiness-schema.js";

/** Enough builds to find each of the branch's last commits among them, rebuilds included. */
const BUILDS_READ = 100;
/** How many of the branch's newest commits must each have a build. */
export const COMMITS_CHECKED = 20;

export interface ReadinessServiceDeps {
  projects: Pick<ProjectService, "get" | "mirror">;
  currentConfig: EnvironmentService["currentConfig"];
  builds: Pick<BuildService, "list">;
  deployments: Pick<DeploymentService, "live" | "lastRollback">;
  deliveries: Pick<DeliveryStore, "list">;
  backups: Pick<BackupService, "list">;
  fixes: Pick<IncidentFixStore, "latest">;
  clock: Clock;
}

export interface ReadinessService {
  /** The project's checklist and level, from its current weeknight.yml and its history. */
  report(projectName: string): Promise<Readiness>;
}

export function createReadinessService(deps: ReadinessServiceDeps): ReadinessService {
  async function delivery(
    project: Project,
    event: DeliveryEvent,
    status?: DeliveryStatus,
  ): Promise<DeliveryFact | null> {
    const [found] = await deps.deliveries.list({ projectId: project.id, event, status, limit: 1 });
    return found ? deliveryFact(found) : null;
  }

  /** The branch's newest commits, as the mirror last fetched them; null when git cannot say. */
  async function branchCommits(project: Project, builds: BuildView[]): Promise<string[] | null> {
    const head = project.lastSeenSha ?? builds[0]?.sha;
    if (!head) return [];
    try {
      const commits = await deps.projects
        .mirror(project)
        .commitsBetween(null, head, COMMITS_CHECKED);
      return commits.map((c) => c.sha);
    } catch {
      return null;
    }
  }

  async function live(project: Project, names: string[]): Promise<ReadinessFacts["live"]> {
    const entries = await Promise.all(
      names.map(async (name) => {
        const deployment = await deps.deployments.live(project, name);
        return [name, deployment && { buildId: deployment.buildId, since: deployment.finishedAt }];
      }),
    );
    return Object.fromEntries(entries);
  }

  async function lastRollback(project: Project): Promise<ReadinessFacts["lastRollback"]> {
    const rollback = await deps.deployments.lastRollback(project);
    if (!rollback) return null;
    return {
      deploymentId: rollback.id,
      environment: rollback.environment,
      automatic: rollback.step === "rolled-back",
      at: rollback.finishedAt ?? rollback.updatedAt,
    };
  }

  /** The newest fix: a passed build whose commits say `Fixes: INC-<n>`, or a marked one. */
  async function lastFix(
    project: Project,
    builds: BuildView[],
  ): Promise<ReadinessFacts["lastFix"]> {
    const marked = await deps.fixes.latest(project.id);
    const trailered = builds
      .filter((b) => b.status === "passed")
      .map((b) => ({
        buildId: b.id,
        incidentIds: [...new Set(b.commits.flatMap((c) => fixedIncidents(c.message)))],
        at: b.finishedAt ?? b.queuedAt,
        how: "trailer" as const,
      }))
      .find((fix) => fix.incidentIds.length > 0);
    const byMark = marked && {
      buildId: marked.buildId,
      incidentIds: [marked.incidentId],
      at: marked.createdAt,
      how: "marked" as const,
    };
    if (!trailered || !byMark) return trailered ?? byMark ?? null;
    return trailered.at >= byMark.at ? trailered : byMark;
  }

  async function facts(projectName: string): Promise<ReadinessFacts> {
    const project = await deps.projects.get(projectName);
    const now = deps.clock.now();
    const current = await deps.currentConfig(project);
    const production = current ? productionOf(current.config) : null;
    const names = Object.keys(current?.config.environments ?? {});
    const [builds, failureLatest, failureDelivered, testDelivered, crashReported] =
      await Promise.all([
        deps.builds.list({ project: project.name, limit: BUILDS_READ }),
        delivery(project, "build.failed"),
        delivery(project, "build.failed", "delivered"),
        delivery(project, "notify.test", "delivered"),
        delivery(project, "release.crashed"),
      ]);
    const [commits, liveByEnv, rollback, backups, fix] = await Promise.all([
      branchCommits(project, builds),
      live(project, names),
      lastRollback(project),
      production ? deps.backups.list(project.id, production) : [],
      lastFix(project, builds),
    ]);
    return {
      now,
      project: {
        name: project.name,
        branch: project.branch,
        pollIntervalMs: project.pollIntervalMs,
      },
      config: current && { buildId: current.build.id, config: current.config },
      builds: builds.map((b) => ({
        id: b.id,
        status: b.status,
        trigger: b.trigger,
        sha: b.sha,
        commitShas: b.commitShas,
      })),
      branchCommits: commits,
      deliveries: { failureLatest, failureDelivered, testDelivered, crashReported },
      live: liveByEnv,
      lastRollback: rollback,
      backups: backups.map((b) => ({
        id: b.id,
        status: b.status,
        createdAt: b.createdAt,
        verifiedAt: b.verifiedAt,
        verifyError: b.verifyError,
      })),
      lastFix: fix,
    };
  }

  return {
    async report(projectName) {
      const gathered = await facts(projectName);
      return {
        project: gathered.project.name,
        computedAt: gathered.now,
        configBuildId: gathered.config?.buildId ?? null,
        ...checkReadiness(gathered),
      };
    },
  };
}

function deliveryFact(d: DeliveryRecord): DeliveryFact {
  return {
    at: d.finishedAt ?? d.createdAt,
    buildId: d.buildId,
    channel: d.channel,
    target: d.target,
    status: d.status,
    lastError: d.lastError,
  };
}
