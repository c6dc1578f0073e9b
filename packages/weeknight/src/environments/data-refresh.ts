import type { BackupService } from "../backups/backup-service.js";
import type { BackupConfig } from "../config/config-schema.js";
import { ConflictError, InvalidInputError } from "../errors/domain-errors.js";
import type { ProcessRunner } from "../process/process-runner.js";
import type { ProjectService } from "../projects/project-service.js";
import type { EnvironmentService } from "./environment-service.js";

export interface RefreshResult {
  environment: string;
  from: string;
  backupId: number;
  scrubMs: number;
}

/** Where the scrub command finds the data it must clean, by the kind of backup. */
function dataEnv(config: BackupConfig): Record<string, string> {
  if ("sqlite" in config) return { WEEKNIGHT_DATA_SQLITE: config.sqlite };
  if ("postgres" in config) return { WEEKNIGHT_DATA_POSTGRES: config.postgres };
  return {};
}

/**
 * Production-like data on internal: the latest backup of `data.refresh_from` is restored
 * where this environment's `backup:` says its data lives, then `data.scrub` removes what
 * must not leave production.
 */
export function createDataRefresh(deps: {
  projects: ProjectService;
  environments: EnvironmentService;
  backups: BackupService;
  runner: ProcessRunner;
  baseEnv: Record<string, string>;
  workDir: string;
}) {
  return async function refresh(
    projectName: string,
    environment: string,
    onProgress?: (line: string) => void,
  ): Promise<RefreshResult> {
    const project = await deps.projects.get(projectName);
    const current = await deps.environments.currentConfig(project);
    const env = current?.config.environments[environment];
    if (!env?.data) {
      throw new InvalidInputError(
        `${environment} has no data: section in weeknight.yml — add data: { refresh_from: production, scrub: <command> }`,
      );
    }
    if (!env.backup) {
      throw new InvalidInputError(
        `${environment} needs a backup: section too: it says where the environment's data lives`,
      );
    }
    const from = env.data.refresh_from;
    const latest = await deps.backups.latest(project.id, from);
    if (!latest) {
      throw new ConflictError(
        `${from} has no ok backup yet: take one with \`weeknight backup create ${from} --project ${projectName}\``,
      );
    }
    onProgress?.(`restoring backup ${latest.id} of ${from} into ${environment}`);
    await deps.backups.restore({ id: latest.id, config: env.backup, onProgress });
    onProgress?.(`scrubbing: ${env.data.scrub}`);
    const lines: string[] = [];
    const result = await deps.runner.run({
      command: env.data.scrub,
      cwd: deps.workDir,
      env: {
        ...deps.baseEnv,
        ...dataEnv(env.backup),
        WEEKNIGHT_ENVIRONMENT: environment,
        WEEKNIGHT_REFRESHED_FROM: from,
      },
      timeoutMs: 30 * 60_000,
      onLine: (line) => {
        lines.push(line);
        onProgress?.(line);
      },
    });
    if (result.outcome.kind !== "succeeded") {
      throw new ConflictError(
        `${environment} now holds ${from}'s data, but the scrub failed (${result.outcome.message}): fix data.scrub and run the refresh again before anyone uses ${environment}`,
        { output: lines.slice(-20) },
      );
    }
    return { environment, from, backupId: latest.id, scrubMs: result.outcome.durationMs };
  };
}

export type DataRefresh = ReturnType<typeof createDataRefresh>;
