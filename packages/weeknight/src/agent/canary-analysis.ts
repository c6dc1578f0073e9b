import type { AnalysisRules } from "./agent-schema.js";
import type { WindowStats } from "./traffic-metrics.js";

export type CanaryVerdict =
  | { kind: "insufficient"; detail: string }
  | { kind: "fine"; detail: string }
  | { kind: "worse"; reason: string };

/**
 * Compares the canary's recent requests with those of the release serving the rest.
 * "Clearly worse" only: a margin on top of the ratio keeps one unlucky 5xx or a cold
 * start from rolling back a good release.
 */
export function judgeCanary(input: {
  canary: WindowStats;
  baseline: WindowStats;
  rules: AnalysisRules;
}): CanaryVerdict {
  const { canary, baseline, rules } = input;
  if (canary.requests < rules.minRequests) {
    return {
      kind: "insufficient",
      detail: `${canary.requests} of ${rules.minRequests} requests needed to judge`,
    };
  }
  const canaryRatio = canary.errors5xx / canary.requests;
  const baseRatio = baseline.requests > 0 ? baseline.errors5xx / baseline.requests : 0;
  const ratioLimit = Math.max(
    rules.errorRatioFactor * baseRatio,
    baseRatio + rules.errorRatioMargin,
  );
  if (canaryRatio > ratioLimit) {
    return {
      kind: "worse",
      reason: `5xx ratio ${pct(canaryRatio)} (${canary.errors5xx} of ${canary.requests} requests) against ${pct(baseRatio)} on the previous release — limit ${pct(ratioLimit)}`,
    };
  }
  if (canary.p95Ms !== null && baseline.p95Ms !== null) {
    const p95Limit = Math.max(rules.p95Factor * baseline.p95Ms, baseline.p95Ms + rules.p95MarginMs);
    if (canary.p95Ms > p95Limit) {
      return {
        kind: "worse",
        reason: `p95 latency ${ms(canary.p95Ms)} against ${ms(baseline.p95Ms)} on the previous release — limit ${ms(p95Limit)}`,
      };
    }
  }
  return {
    kind: "fine",
    detail: `5xx ${pct(canaryRatio)} vs ${pct(baseRatio)}, p95 ${ms(canary.p95Ms)} vs ${ms(baseline.p95Ms)}`,
  };
}

function pct(ratio: number): string {
  return `${(ratio * 100).toFixed(1)}%`;
}

function ms(value: number | null): string {
  return value === null ? "n/a" : `${Math.round(value)} ms`;
}
