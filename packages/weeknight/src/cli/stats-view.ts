import type { Stats } from "./api-types.js";

type Totals = Stats["totals"];

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** At most one decimal, none when it is whole: `1.5`, `2`. */
export function decimal(value: number): string {
  return String(Math.round(value * 10) / 10);
}

/** A lead or restore time the way people say it: `45 s`, `4 min`, `3.2 h`, `1.5 d`; `-` for none. */
export function formatSpan(ms: number | null): string {
  if (ms === null) return "-";
  if (ms < MINUTE) return `${Math.round(ms / 1000)} s`;
  if (ms < HOUR) return `${Math.round(ms / MINUTE)} min`;
  if (ms < DAY) return `${decimal(ms / HOUR)} h`;
  return `${decimal(ms / DAY)} d`;
}

export function formatRate(rate: number | null): string {
  return rate === null ? "-" : `${Math.round(rate * 100)} %`;
}

const count = (value: number | null) => (value === null ? "-" : decimal(value));

export const statsHeaders = [
  "week",
  "monday",
  "deploys",
  "lead time",
  "lead p90",
  "failed",
  "restore",
  "commits",
  "lines",
];

/** One row per week; lead time, restore and batch sizes are medians. */
export function statsRows(stats: Stats): string[][] {
  return stats.weeks.map((w) => [
    w.week,
    w.firstDay,
    String(w.deployments),
    formatSpan(w.leadTimeMedianMs),
    formatSpan(w.leadTimeP90Ms),
    w.deployments === 0 ? "-" : `${w.failures} (${formatRate(w.changeFailureRate)})`,
    formatSpan(w.timeToRestoreMedianMs),
    count(w.commitsPerDeployMedian),
    count(w.linesPerDeployMedian),
  ]);
}

/** "deploys 9/week · lead time 1.5 d · change failure 11 % · time to restore 4 min · …" */
export function statsSummary(totals: Totals): string {
  return [
    `deploys ${decimal(totals.deploysPerWeek)}/week`,
    `lead time ${formatSpan(totals.leadTimeMedianMs)}`,
    `change failure ${formatRate(totals.changeFailureRate)}`,
    `time to restore ${formatSpan(totals.timeToRestoreMedianMs)}`,
    `${count(totals.commitsPerDeployMedian)} commits/deploy`,
    `${count(totals.linesPerDeployMedian)} lines/deploy`,
  ].join(" · ");
}

/** The DORA performance band of each of the four keys; `-` where there is nothing to judge. */
export function statsBands(bands: Totals["bands"]): string {
  return [
    `deployment frequency ${bands.deploymentFrequency}`,
    `lead time ${bands.leadTime ?? "-"}`,
    `change failure rate ${bands.changeFailureRate ?? "-"}`,
    `time to restore ${bands.timeToRestore ?? "-"}`,
  ].join(" · ");
}

export function statsTitle(stats: Stats): string {
  const weeks = stats.weeks.length;
  return `${stats.project} ${stats.environment}: the last ${weeks} week${weeks === 1 ? "" : "s"} (from Monday 00:00 ${stats.timezone})`;
}
