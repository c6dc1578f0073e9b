/** What a sparkline needs of a monitor result (the API sends more). */
export interface SparkResult {
  at: number;
  status: "pass" | "fail" | "inconclusive";
  durationMs: number;
}

/** What a deploy marker needs of a deployment. */
export interface SparkDeployment {
  id: number;
  releaseId: string;
  finishedAt: number | null;
}

export interface SparkPoint extends SparkResult {
  x: number;
  y: number;
}

export interface SparkMarker {
  x: number;
  deploymentId: number;
  release: string;
  at: number;
}

export interface Sparkline {
  points: SparkPoint[];
  /** An SVG path through the points, oldest to newest. */
  line: string;
  markers: SparkMarker[];
  /** The latency at the top of the chart, so the reader knows the scale. */
  maxMs: number;
  failures: number;
}

/**
 * Places results (any order; the API sends newest first) and the deploys that finished among
 * them on a `width` × `height` box: time runs left to right, latency bottom to top. A pad keeps
 * dots and the line inside the box.
 */
export function shapeSparkline(
  results: readonly SparkResult[],
  deployments: readonly SparkDeployment[],
  box: { width: number; height: number; pad?: number },
): Sparkline {
  const pad = box.pad ?? 3;
  const sorted = [...results].sort((a, b) => a.at - b.at);
  const first = sorted[0]?.at ?? 0;
  const last = sorted.at(-1)?.at ?? 0;
  const span = last - first;
  const maxMs = Math.max(1, ...sorted.map((r) => r.durationMs));
  const xOf = (at: number) =>
    span === 0 ? box.width / 2 : pad + ((at - first) / span) * (box.width - 2 * pad);
  const yOf = (ms: number) => box.height - pad - (ms / maxMs) * (box.height - 2 * pad);

  const points = sorted.map((r) => ({ ...r, x: round(xOf(r.at)), y: round(yOf(r.durationMs)) }));
  const line = points.map((p, i) => `${i === 0 ? "M" : "L"}${p.x} ${p.y}`).join(" ");
  const markers = deployMarkers(deployments, first, last).map((d) => ({
    x: round(xOf(d.at)),
    deploymentId: d.deploymentId,
    release: d.release,
    at: d.at,
  }));
  return {
    points,
    line,
    markers,
    maxMs,
    failures: sorted.filter((r) => r.status === "fail").length,
  };
}

/** Deploys that finished between the first and the last result, oldest first. */
export function deployMarkers(
  deployments: readonly SparkDeployment[],
  from: number,
  to: number,
): { deploymentId: number; release: string; at: number }[] {
  return deployments
    .flatMap((d) =>
      d.finishedAt !== null && d.finishedAt >= from && d.finishedAt <= to
        ? [{ deploymentId: d.id, release: d.releaseId, at: d.finishedAt }]
        : [],
    )
    .sort((a, b) => a.at - b.at);
}

/** One sentence for screen readers and the tooltip: what the chart shows. */
export function describeSparkline(spark: Sparkline): string {
  const runs = spark.points.length;
  if (runs === 0) return "No results yet";
  const deploys = spark.markers.length;
  const parts = [
    `${runs} ${runs === 1 ? "run" : "runs"}`,
    `${spark.failures} failed`,
    `slowest ${Math.round(spark.maxMs)} ms`,
  ];
  if (deploys > 0) {
    parts.push(
      `${deploys} ${deploys === 1 ? "deploy" : "deploys"} (${spark.markers.map((m) => m.release).join(", ")})`,
    );
  }
  return parts.join(", ");
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
