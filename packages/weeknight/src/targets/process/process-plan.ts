import {
  type AnalysisRules,
  analysisSchema,
  type DesiredState,
  type ReleaseRun,
} from "../../agent/agent-schema.js";
import type { ProcessTargetConfig } from "../../config/config-schema.js";
import type { ReleaseSpec } from "../target.js";

export interface ProcessPlanOptions {
  /** Overrides of the canary analysis (defaults: every 1 s, 20 requests, 2× / +5 points, 2× / +100 ms). */
  analysis?: Partial<AnalysisRules>;
  /** Automatic rollbacks allowed for the environment before the agent stops doing them. */
  autoRollbacks?: number;
}

export const DEFAULT_AUTO_ROLLBACKS = 3;

/**
 * The desired state the server PUTs to the agent for one deployment. Pure data:
 * - first deploy (no previous): the release becomes active once healthy;
 * - canary traffic 0: the release replaces the previous one once healthy, which stays warm;
 * - otherwise: the previous release stays active and the new one is the canary for its bake.
 * The previous release is listed so that a fresh agent can bring it back too.
 */
export function planProcessRelease(input: {
  config: ProcessTargetConfig;
  release: ReleaseSpec;
  previous: ReleaseSpec | null;
  options?: ProcessPlanOptions;
}): DesiredState {
  const { config, release, options } = input;
  const previous = input.previous?.id === release.id ? null : input.previous;
  const keepWarmMs = release.rollbackWindowMs;
  const withCanary = previous !== null && release.canary.traffic > 0;
  return {
    app: `${release.project}/${release.environment}`,
    publicPort: config.port,
    releases: [
      ...(previous ? [releaseRun(previous, config, keepWarmMs)] : []),
      releaseRun(release, config, keepWarmMs),
    ],
    active: withCanary ? previous.id : release.id,
    canary: withCanary
      ? { release: release.id, percent: release.canary.traffic, bakeMs: release.canary.bakeMs }
      : undefined,
    analysis: analysisSchema.parse(options?.analysis ?? {}),
    autoRollbacksLeft: options?.autoRollbacks ?? DEFAULT_AUTO_ROLLBACKS,
  };
}

function releaseRun(
  release: ReleaseSpec,
  config: ProcessTargetConfig,
  keepWarmMs: number,
): ReleaseRun {
  return {
    id: release.id,
    artifactPath: release.artifact.path,
    sha256: release.artifact.sha256,
    start: config.start,
    env: { ...config.env },
    health: { path: release.health.path, timeoutMs: release.health.timeoutMs },
    keepWarmMs,
  };
}
