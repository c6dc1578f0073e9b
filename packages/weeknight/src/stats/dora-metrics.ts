/**
 * The DORA metrics of one environment, week by week: pure arithmetic over plain records, so a
 * unit test can check every figure against numbers worked out by hand. docs/stats.md defines
 * each figure in words; the comments here say only why.
 */

/** A deployment that is not a rollback (a rollback puts an earlier release back: `RollbackRecord`). */
export interface DeploymentRecord {
  id: number;
  /** `succeeded`: went live; `rolled-back`: went live and was put back automatically; `failed`: never live. */
  outcome: "succeeded" | "rolled-back" | "failed";
  /** When the target began putting it in place (its `starting` step). */
  startedAt: number;
  /** When it went live (`succeeded`) or the automatic rollback finished (`rolled-back`). */
  finishedAt: number;
  /** Commits live for the first time with it, with their commit times (used when it succeeded). */
  newCommits: { sha: string; committedAt: number }[];
  /** Size of the change against what was live before it: commits and lines (added + deleted). */
  commits: number;
  lines: number;
}

/** A rollback someone asked for that succeeded: it took `replaced` out of service. */
export interface RollbackRecord {
  replaced: number;
  finishedAt: number;
}

export interface IncidentRecord {
  /** The suspect deployment, if the incident names one. */
  deploymentId: number | null;
  openedAt: number;
  resolvedAt: number | null;
}

/** One week: [start, end) in epoch ms, labelled like `2025-W10`. */
export interface WeekRange {
  week: string;
  /** Its Monday, `2025-03-03`, in the time zone the weeks were cut in. */
  firstDay: string;
  start: number;
  end: number;
}

export interface DoraFigures {
  deployments: number;
  leadTimeMedianMs: number | null;
  leadTimeP90Ms: number | null;
  failures: number;
  /** failures / deployments; null without deployments. */
  changeFailureRate: number | null;
  /** How many restores the median is taken over (failures still unresolved have none yet). */
  restores: number;
  timeToRestoreMedianMs: number | null;
  commitsPerDeployMedian: number | null;
  linesPerDeployMedian: number | null;
}

export type WeekFigures = WeekRange & DoraFigures;

export const doraBands = ["elite", "high", "medium", "low"] as const;
export type DoraBand = (typeof doraBands)[number];

export interface DoraTotals extends DoraFigures {
  from: number;
  to: number;
  /** Deployments divided by the number of weeks (the current, partial week counts as one). */
  deploysPerWeek: number;
  bands: {
    deploymentFrequency: DoraBand;
    leadTime: DoraBand | null;
    changeFailureRate: DoraBand | null;
    timeToRestore: DoraBand | null;
  };
}

export interface DoraInput {
  /** Consecutive weeks, oldest first; nothing outside them is counted. */
  weeks: WeekRange[];
  deployments: DeploymentRecord[];
  rollbacks: RollbackRecord[];
  incidents: IncidentRecord[];
}

/** A figure for each week and for the whole range. */
export interface DoraReport {
  weeks: WeekFigures[];
  totals: DoraTotals;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

/** The middle value; the mean of the two middle ones for an even count; null for none. */
export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] as number;
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] as number) + upper) / 2;
}

/** Nearest-rank percentile: the smallest value with at least p % of the values at or below it. */
export function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] as number;
}

/** One deployment's failure, if it failed: counted in its week, restored after `restoreMs`. */
interface Failure {
  /** When it counts: its deployment's finish, so a failure lands in that deployment's week. */
  at: number;
  restoreMs: number | null;
}

/**
 * Whether a deployment failed, and how long service took to come back. An automatic rollback
 * or a requested one restores service when it finishes; only a deployment neither rolled back
 * nor replaced by a rollback waits for its incident's resolution (a fix rolled forward).
 */
function failureOf(
  deployment: DeploymentRecord,
  rollbackOf: Map<number, RollbackRecord>,
  incidentOf: Map<number, IncidentRecord>,
): Failure | null {
  if (deployment.outcome === "rolled-back") {
    return { at: deployment.finishedAt, restoreMs: deployment.finishedAt - deployment.startedAt };
  }
  const rollback = rollbackOf.get(deployment.id);
  if (rollback) {
    return { at: deployment.finishedAt, restoreMs: rollback.finishedAt - deployment.finishedAt };
  }
  const incident = incidentOf.get(deployment.id);
  if (incident) {
    const restoreMs = incident.resolvedAt === null ? null : incident.resolvedAt - incident.openedAt;
    return { at: deployment.finishedAt, restoreMs };
  }
  return null;
}

/** The first item per key; given earliest first, a deployment's first rollback restored it. */
function firstBy<T>(items: T[], key: (item: T) => number | null): Map<number, T> {
  const found = new Map<number, T>();
  for (const item of items) {
    const k = key(item);
    if (k !== null && !found.has(k)) found.set(k, item);
  }
  return found;
}

interface Counted {
  at: number;
  leadTimes: number[];
  commits: number;
  lines: number;
  failed: boolean;
}

function figures(deploys: Counted[], restores: number[]): DoraFigures {
  const leadTimes = deploys.flatMap((d) => d.leadTimes);
  const failures = deploys.filter((d) => d.failed).length;
  return {
    deployments: deploys.length,
    leadTimeMedianMs: median(leadTimes),
    leadTimeP90Ms: percentile(leadTimes, 90),
    failures,
    changeFailureRate: deploys.length === 0 ? null : failures / deploys.length,
    restores: restores.length,
    timeToRestoreMedianMs: median(restores),
    commitsPerDeployMedian: median(deploys.map((d) => d.commits)),
    linesPerDeployMedian: median(deploys.map((d) => d.lines)),
  };
}

/** The DORA figures of each week and of the whole range. */
export function doraMetrics(input: DoraInput): DoraReport {
  const from = input.weeks[0]?.start ?? 0;
  const to = input.weeks.at(-1)?.end ?? 0;
  const inRange = (at: number) => at >= from && at < to;
  const byTime = <T extends { finishedAt: number }>(items: T[]) =>
    [...items].sort((a, b) => a.finishedAt - b.finishedAt);
  const rollbackOf = firstBy(byTime(input.rollbacks), (r) => r.replaced);
  const incidents = [...input.incidents].sort((a, b) => a.openedAt - b.openedAt);
  const incidentOf = firstBy(incidents, (i) => i.deploymentId);

  const counted: Counted[] = [];
  const restores: { at: number; ms: number }[] = [];
  for (const d of input.deployments) {
    // A deployment that never went live changed nothing anyone used.
    if (d.outcome === "failed" || !inRange(d.finishedAt)) continue;
    const failure = failureOf(d, rollbackOf, incidentOf);
    if (failure?.restoreMs != null) restores.push({ at: failure.at, ms: failure.restoreMs });
    counted.push({
      at: d.finishedAt,
      // Only a deployment that stayed live delivered its commits; clock skew never goes below 0.
      leadTimes:
        d.outcome === "succeeded"
          ? d.newCommits.map((c) => Math.max(0, d.finishedAt - c.committedAt))
          : [],
      commits: d.commits,
      lines: d.lines,
      failed: failure !== null,
    });
  }
  // Incidents that blame no deployment still took service away: they count as restores only.
  for (const incident of incidents) {
    if (incident.deploymentId !== null || incident.resolvedAt === null) continue;
    if (inRange(incident.openedAt))
      restores.push({ at: incident.openedAt, ms: incident.resolvedAt - incident.openedAt });
  }

  const weeks = input.weeks.map((week) => {
    const within = (at: number) => at >= week.start && at < week.end;
    return {
      ...week,
      ...figures(
        counted.filter((d) => within(d.at)),
        restores.filter((r) => within(r.at)).map((r) => r.ms),
      ),
    };
  });
  const all = figures(
    counted,
    restores.map((r) => r.ms),
  );
  const deploysPerWeek = input.weeks.length === 0 ? 0 : all.deployments / input.weeks.length;
  return {
    weeks,
    totals: {
      ...all,
      from,
      to,
      deploysPerWeek,
      bands: {
        deploymentFrequency: frequencyBand(deploysPerWeek),
        leadTime: durationBand(all.leadTimeMedianMs, [DAY, WEEK, 30 * DAY]),
        changeFailureRate: rateBand(all.changeFailureRate),
        timeToRestore: durationBand(all.timeToRestoreMedianMs, [HOUR, DAY, WEEK]),
      },
    },
  };
}

/** Elite: daily or more; high: weekly or more; medium: monthly or more; low: less. */
export function frequencyBand(deploysPerWeek: number): DoraBand {
  if (deploysPerWeek >= 7) return "elite";
  if (deploysPerWeek >= 1) return "high";
  if (deploysPerWeek >= 12 / 52) return "medium";
  return "low";
}

/** Under the first limit elite, under the second high, under the third medium, else low. */
export function durationBand(ms: number | null, limits: [number, number, number]): DoraBand | null {
  if (ms === null) return null;
  const index = limits.findIndex((limit) => ms < limit);
  return doraBands[index === -1 ? 3 : index] as DoraBand;
}

/** Elite up to 5 %, high up to 10 %, medium up to 15 %, low above. */
export function rateBand(rate: number | null): DoraBand | null {
  if (rate === null) return null;
  if (rate <= 0.05) return "elite";
  if (rate <= 0.1) return "high";
  if (rate <= 0.15) return "medium";
  return "low";
}
