import type { CommandTargetConfig } from "../../config/config-schema.js";
import type { ReleaseSpec } from "../target.js";

export interface CommandStep {
  command: string;
  cwd: string;
  env: Record<string, string>;
  timeoutMs: number;
}

export interface CommandPlan {
  release: ReleaseSpec;
  releaseDir: string;
  deploy: CommandStep;
  health: CommandStep | null;
  /** How to return to the previous release; null on a first deploy. */
  rollback: CommandStep | null;
}

const DEPLOY_TIMEOUT_MS = 30 * 60_000;

export function releaseEnv(release: ReleaseSpec, releaseDir: string): Record<string, string> {
  return {
    WEEKNIGHT_RELEASE_ID: release.id,
    WEEKNIGHT_BUILD_ID: String(release.buildId),
    WEEKNIGHT_PROJECT: release.project,
    WEEKNIGHT_ENVIRONMENT: release.environment,
    WEEKNIGHT_ARTIFACT: release.artifact.path,
    WEEKNIGHT_ARTIFACT_SHA256: release.artifact.sha256,
    WEEKNIGHT_RELEASE_DIR: releaseDir,
  };
}

/** Which of the team's scripts run, where, with what: plain data a test can assert. */
export function planCommandRelease(
  config: CommandTargetConfig,
  release: ReleaseSpec,
  previous: ReleaseSpec | null,
  dirOf: (release: ReleaseSpec) => string,
): CommandPlan {
  const releaseDir = dirOf(release);
  const env = releaseEnv(release, releaseDir);
  return {
    release,
    releaseDir,
    deploy: { command: config.deploy, cwd: releaseDir, env, timeoutMs: DEPLOY_TIMEOUT_MS },
    health: config.health
      ? { command: config.health, cwd: releaseDir, env, timeoutMs: release.health.timeoutMs }
      : null,
    rollback: previous ? rollbackStep(config, previous, dirOf(previous)) : null,
  };
}

export function rollbackStep(
  config: CommandTargetConfig,
  to: ReleaseSpec,
  dir: string,
): CommandStep {
  return {
    command: config.rollback,
    cwd: dir,
    env: releaseEnv(to, dir),
    timeoutMs: DEPLOY_TIMEOUT_MS,
  };
}
