import type { BuildService } from "../builds/build-service.js";
import type { Clock } from "../clock.js";
import type { WeeknightConfig } from "../config/config-schema.js";
import type { DeploymentService } from "../deployments/deployment-service.js";
import type { Deployment } from "../deployments/deployment-store.js";
import type { EnvironmentService } from "../environments/environment-service.js";
import { NotFoundError } from "../errors/domain-errors.js";
import type { IncidentService } from "../incidents/incident-service.js";
import type { ProjectService } from "../projects/project-service.js";
import type { Project } from "../projects/project-store.js";
import { CHANGE_COMMITS } from "../risk/deploy-control.js";
import { environmentTimezone } from "../risk/deploy-policy.js";
import {
  type DeploymentRecord,
  type DoraReport,
  doraMetrics,
  type IncidentRecord,
  type RollbackRecord,
} from "./dora-metrics.js";
import { weekRanges } from "./stats-weeks.js";

export interface StatsReport extends DoraReport {
  project: string;
  environment: string;
  /** The time zone the weeks are cut in: the environment's (`timezone`, else its schedule's). */
  timezone: string;
}

/** What a deployment changed against an earlier release: its commits and lines. */
interface Change {
  commits: { sha: string; committedAt: number }[];
  lines: number;
}

const INCIDENT_PAGE = 500;
/** Git ranges and build shas never change; enough for two years of several deploys a day. */
const MAX_CACHED = 5000;
/** Git runs at a time for one report: the first report of a long range asks for many. */
const GIT_CONCURRENCY = 4;

/** `production` when the environment exists, else the last one in weeknight.yml order. */
export function defaultEnvironment(config: WeeknightConfig): string | undefined {
  const names = Object.keys(config.environments);
  return names.includes("production") ? "production" : names.at(-1);
}

/** A rollback reuses the release id it returns to; every other deployment gets its own. */
function isRollback(deployment: Deployment): boolean {
  return deployment.releaseId !== `b${deployment.buildId}-d${deployment.id}`;
}

function remember<K, V>(cache: Map<K, V>, key: K, value: V): V {
  cache.set(key, value);
  while (cache.size > MAX_CACHED) cache.delete(cache.keys().next().value as K);
  return value;
}

async function mapLimit<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>) {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/**
 * Gathers an environment's deployments, the commits and lines each brought live, rollbacks and
 * incidents for the DORA figures (dora-metrics.ts), week by week.
 */
export function createStatsService(deps: {
  projects: Pick<ProjectService, "get" | "mirror">;
  environments: Pick<EnvironmentService, "currentConfig">;
  deployments: Pick<DeploymentService, "finishedSince" | "get">;
  builds: Pick<BuildService, "get">;
  incidents: Pick<IncidentService, "list">;
  clock: Clock;
}) {
  const changes = new Map<string, Promise<Change>>();
  const shas = new Map<number, Promise<string>>();

  function buildSha(buildId: number): Promise<string> {
    const known = shas.get(buildId);
    if (known) return known;
    const sha = deps.builds.get(buildId).then((b) => b.sha);
    sha.catch(() => shas.delete(buildId));
    return remember(shas, buildId, sha);
  }

  /** The change from `from` (null: nothing was live) to `to`, cached per pair. */
  function change(project: Project, from: string | null, to: string): Promise<Change> {
    if (from === to) return Promise.resolve({ commits: [], lines: 0 });
    const key = `${project.id}:${from}..${to}`;
    const known = changes.get(key);
    if (known) return known;
    const mirror = deps.projects.mirror(project);
    const found = Promise.all([
      mirror.commitsBetween(from, to, CHANGE_COMMITS),
      mirror.changedFiles(from, to),
    ]).then(([commits, files]) => ({
      commits: commits.map((c) => ({ sha: c.sha, committedAt: c.committedAt })),
      lines: files.reduce((sum, f) => sum + f.additions + f.deletions, 0),
    }));
    found.catch(() => changes.delete(key));
    return remember(changes, key, found);
  }

  /**
   * What was live before `deployment` (the change it made), and the newest release that went
   * forward (what had been live at some time): after a rollback they differ, and commits
   * that were live before the rollback are not new when they come back.
   */
  async function bases(deployment: Deployment, known: Map<number, Deployment>) {
    const load = async (id: number | null) =>
      id === null ? null : (known.get(id) ?? (await deps.deployments.get(id)));
    const previous = await load(deployment.previousDeploymentId);
    let forward = previous;
    while (forward && isRollback(forward)) forward = await load(forward.previousDeploymentId);
    return {
      live: previous && (await buildSha(previous.buildId)),
      forward: forward && (await buildSha(forward.buildId)),
    };
  }

  async function record(
    project: Project,
    deployment: Deployment,
    known: Map<number, Deployment>,
  ): Promise<DeploymentRecord> {
    const [sha, base] = await Promise.all([buildSha(deployment.buildId), bases(deployment, known)]);
    const made = await change(project, base.live, sha);
    const succeeded = deployment.step === "succeeded";
    const fresh =
      !succeeded || base.forward === base.live ? made : await change(project, base.forward, sha);
    // Put in place, then put back: its failure lasted from the target's `starting` step.
    const steps = succeeded ? [] : (await deps.deployments.get(deployment.id)).steps;
    return {
      id: deployment.id,
      outcome: succeeded ? "succeeded" : "rolled-back",
      startedAt: steps.find((s) => s.step === "starting")?.at ?? deployment.createdAt,
      finishedAt: deployment.finishedAt ?? deployment.updatedAt,
      newCommits: succeeded ? fresh.commits : [],
      commits: made.commits.length,
      lines: made.lines,
    };
  }

  /** The environment's incidents opened at or after `since` (pages of the newest first). */
  async function incidentsSince(
    project: Project,
    environment: string,
    since: number,
  ): Promise<IncidentRecord[]> {
    const found: IncidentRecord[] = [];
    let beforeId: number | undefined;
    for (;;) {
      const page = await deps.incidents.list({
        project: project.name,
        beforeId,
        limit: INCIDENT_PAGE,
      });
      for (const i of page) {
        if (i.environment !== environment || i.openedAt < since) continue;
        found.push({
          deploymentId: i.deploymentId,
          openedAt: i.openedAt,
          resolvedAt: i.resolvedAt,
        });
      }
      const last = page.at(-1);
      if (!last || page.length < INCIDENT_PAGE || last.openedAt < since) return found;
      beforeId = last.id;
    }
  }

  async function environmentOf(project: Project, asked: string | undefined) {
    const config = (await deps.environments.currentConfig(project))?.config;
    if (!config) {
      throw new NotFoundError(
        `${project.name} has no passed build with a weeknight.yml yet, so it has no environments to measure`,
      );
    }
    const name = asked ?? defaultEnvironment(config);
    const env = name === undefined ? undefined : config.environments[name];
    if (name === undefined || !env) {
      const names = Object.keys(config.environments);
      throw new NotFoundError(
        `${project.name} has no environment "${name ?? ""}" in its last passed build's weeknight.yml` +
          (names.length > 0 ? `; it has ${names.join(", ")}` : ""),
      );
    }
    return { name, timezone: environmentTimezone(env) };
  }

  return {
    /** The DORA figures of the last `weeks` weeks (the current one included). */
    async report(input: {
      project: string;
      environment?: string;
      weeks: number;
    }): Promise<StatsReport> {
      const project = await deps.projects.get(input.project);
      const environment = await environmentOf(project, input.environment);
      const weeks = weekRanges(deps.clock.now(), input.weeks, environment.timezone);
      const from = weeks[0]?.start ?? deps.clock.now();
      const finished = await deps.deployments.finishedSince(project, environment.name, from);
      const known = new Map(finished.map((d) => [d.id, d]));
      // A failed deployment never went live: nothing to measure, so no git runs for it.
      const live = finished.filter(
        (d) => !isRollback(d) && (d.step === "succeeded" || d.step === "rolled-back"),
      );
      const rollbacks: RollbackRecord[] = finished
        .filter((d) => isRollback(d) && d.step === "succeeded" && d.previousDeploymentId !== null)
        .map((d) => ({
          replaced: d.previousDeploymentId as number,
          finishedAt: d.finishedAt ?? d.updatedAt,
        }));
      // An incident may blame a deployment that started before the range and went live in it.
      const since = live.reduce((earliest, d) => Math.min(earliest, d.createdAt), from);
      const [deployments, incidents] = await Promise.all([
        mapLimit(live, GIT_CONCURRENCY, (d) => record(project, d, known)),
        incidentsSince(project, environment.name, since),
      ]);
      return {
        project: project.name,
        environment: environment.name,
        timezone: environment.timezone,
        ...doraMetrics({ weeks, deployments, rollbacks, incidents }),
      };
    },
  };
}

export type StatsService = ReturnType<typeof createStatsService>;
