import type { Answer } from "../api/answers.js";
import type { Tone } from "./flag-format.js";
import { formatDuration } from "./time.js";

export type StatsReport = Answer<"/api/v1/projects/{name}/stats">;
export type StatsWeek = StatsReport["weeks"][number];
export type StatsTotals = StatsReport["totals"];
export type DoraBand = StatsTotals["bands"]["deploymentFrequency"];

export const statsPath = (project: string) => `/projects/${encodeURIComponent(project)}/stats`;

/** The ranges the Stats tab offers, in weeks (the current week counts as one). */
export const weekChoices = [4, 12, 26] as const;

export interface StatsMetric {
  id: string;
  title: string;
  /** What the value is, for the chart's description. */
  unit: string;
  value: (week: StatsWeek) => number | null;
  format: (value: number) => string;
}

export const formatPercent = (rate: number) => `${Math.round(rate * 1000) / 10} %`;
const formatCount = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

/** One chart each: the four DORA metrics, then batch size. */
export const statsMetrics: StatsMetric[] = [
  {
    id: "deployments",
    title: "Deploys per week",
    unit: "deployments that went live",
    value: (w) => w.deployments,
    format: formatCount,
  },
  {
    id: "lead-time",
    title: "Median lead time",
    unit: "from commit to live",
    value: (w) => w.leadTimeMedianMs,
    format: formatDuration,
  },
  {
    id: "failure-rate",
    title: "Change failure rate",
    unit: "of deployments rolled back or blamed by an incident",
    value: (w) => w.changeFailureRate,
    format: formatPercent,
  },
  {
    id: "restore",
    title: "Median time to restore",
    unit: "from failure to service back",
    value: (w) => w.timeToRestoreMedianMs,
    format: formatDuration,
  },
  {
    id: "batch",
    title: "Batch size",
    unit: "median commits per deploy",
    value: (w) => w.commitsPerDeployMedian,
    format: formatCount,
  },
];

/** "3 Mar" from the week's Monday ("2025-03-03"), read as a calendar day (no time zone shift). */
export function weekLabel(week: Pick<StatsWeek, "firstDay">): string {
  const [year, month, day] = week.firstDay.split("-").map(Number);
  return new Intl.DateTimeFormat("en-GB", {
    day: "numeric",
    month: "short",
    timeZone: "UTC",
  }).format(Date.UTC(year ?? 1970, (month ?? 1) - 1, day ?? 1));
}

export interface Bar {
  week: string;
  label: string;
  value: number | null;
  text: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Bars for one metric, in a plot `width` × `height` with the baseline at the bottom. Weeks
 * without a value get no bar (and say "no data"); the tallest bar fills the plot.
 */
export function chartBars(
  weeks: readonly StatsWeek[],
  metric: Pick<StatsMetric, "value" | "format">,
  size: { width: number; height: number },
): { bars: Bar[]; max: number } {
  const values = weeks.map(metric.value);
  const max = Math.max(0, ...values.map((v) => v ?? 0));
  const slot = weeks.length === 0 ? 0 : size.width / weeks.length;
  const gap = Math.min(4, slot * 0.2);
  const bars = weeks.map((week, index) => {
    const value = values[index] ?? null;
    const height = value === null || value <= 0 ? 0 : Math.max(1, (value / max) * size.height);
    return {
      week: week.week,
      label: weekLabel(week),
      value,
      text: value === null ? "no data" : metric.format(value),
      x: index * slot + gap / 2,
      y: size.height - height,
      width: Math.max(1, slot - gap),
      height,
    };
  });
  return { bars, max };
}

/** The chart in a sentence, for its <desc> and screen readers. */
export function describeChart(metric: StatsMetric, bars: readonly Bar[]): string {
  const known = bars.filter((b) => b.value !== null);
  const range = bars.length > 0 ? `${bars[0]?.label} to ${bars.at(-1)?.label}` : "no weeks";
  if (known.length === 0) return `${metric.title}, ${metric.unit}, ${range}: no data yet.`;
  const highest = known.reduce((a, b) => ((b.value ?? 0) > (a.value ?? 0) ? b : a));
  const latest = bars.at(-1);
  const parts = [
    `${metric.title}, ${metric.unit}, week by week from ${range}`,
    `highest ${highest.text} (week of ${highest.label})`,
    `this week ${latest?.text ?? "no data"}`,
  ];
  const missing = bars.length - known.length;
  if (missing > 0) parts.push(`${missing} week${missing === 1 ? "" : "s"} without data`);
  return `${parts.join("; ")}.`;
}

export const bandTones: Record<DoraBand, Tone> = {
  elite: "good",
  high: "good",
  medium: "warn",
  low: "bad",
};

/** The totals as the cards show them: value, detail, and the DORA band where there is one. */
export function totalsCards(totals: StatsTotals) {
  const { bands } = totals;
  const duration = (ms: number | null) => (ms === null ? "—" : formatDuration(ms));
  return [
    {
      id: "frequency",
      title: "Deployment frequency",
      value: `${formatCount(Math.round(totals.deploysPerWeek * 10) / 10)} / week`,
      detail: `${totals.deployments} deployment${totals.deployments === 1 ? "" : "s"}`,
      band: bands.deploymentFrequency,
    },
    {
      id: "lead-time",
      title: "Lead time for changes",
      value: duration(totals.leadTimeMedianMs),
      detail:
        totals.leadTimeP90Ms === null
          ? "median"
          : `median; 90 % within ${duration(totals.leadTimeP90Ms)}`,
      band: bands.leadTime,
    },
    {
      id: "failure-rate",
      title: "Change failure rate",
      value: totals.changeFailureRate === null ? "—" : formatPercent(totals.changeFailureRate),
      detail: `${totals.failures} failed of ${totals.deployments}`,
      band: bands.changeFailureRate,
    },
    {
      id: "restore",
      title: "Time to restore",
      value: duration(totals.timeToRestoreMedianMs),
      detail: `median of ${totals.restores} restore${totals.restores === 1 ? "" : "s"}`,
      band: bands.timeToRestore,
    },
    {
      id: "batch",
      title: "Batch size",
      value:
        totals.commitsPerDeployMedian === null
          ? "—"
          : `${formatCount(totals.commitsPerDeployMedian)} commits`,
      detail:
        totals.linesPerDeployMedian === null
          ? "median per deploy"
          : `median per deploy; ${formatCount(totals.linesPerDeployMedian)} lines`,
      band: null,
    },
  ];
}
