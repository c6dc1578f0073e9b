import { randomBytes } from "node:crypto";
import { mkdir, rename, rm, stat } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { Clock } from "../clock.js";
import type { BackupConfig } from "../config/config-schema.js";
import { ConflictError, InvalidInputError, NotFoundError } from "../errors/domain-errors.js";
import type { ProcessRunner } from "../process/process-runner.js";
import { BackupFailedError } from "./backup-errors.js";
import { fileExists, sha256OfFile } from "./backup-files.js";
import type { BackupCheck, BackupMethod, MethodContext, Progress } from "./backup-method.js";
import { backupFileOf, backupKindOf } from "./backup-plan.js";
import type { Backup, BackupStore } from "./backup-store.js";
import { commandBackup } from "./command-backup.js";
import { postgresBackup } from "./postgres-backup.js";
import { backupsToPrune } from "./retention-plan.js";
import { sqliteBackup } from "./sqlite-backup.js";

export interface CreateBackupInput {
  projectId: number;
  /** Project name, for the backup's folder. */
  project: string;
  environment: string;
  config: BackupConfig;
  deploymentId?: number;
  /** The environment's variables (secrets resolved), added to the base environment. */
  env?: Record<string, string>;
  onProgress?: Progress;
}

export interface RestoreBackupInput {
  id: number;
  config: BackupConfig;
  env?: Record<string, string>;
  onProgress?: Progress;
}

export interface VerifyBackupInput extends RestoreBackupInput {
  check?: BackupCheck;
}

export interface BackupService {
  /** Takes a backup now; rejects with BackupFailedError (after recording it failed) when it fails. */
  create(input: CreateBackupInput): Promise<Backup>;
  /** Newest first. */
  list(projectId: number, environment: string): Promise<Backup[]>;
  get(id: number): Promise<Backup>;
  /** The newest ok backup of an environment, if any. */
  latest(projectId: number, environment: string): Promise<Backup | null>;
  /** Puts the backup's data back where `config` says; checks its sha256 first. */
  restore(input: RestoreBackupInput): Promise<Backup>;
  /** Restores into a scratch copy and checks it; the result is in `verifiedAt`/`verifyError`. */
  verify(input: VerifyBackupInput): Promise<Backup>;
  /** Absolute path of a backup's file. */
  pathOf(backup: Backup): string;
  /** At startup: backups a stopped server left `running` are marked failed. */
  abandonRunning(): Promise<number[]>;
}

export interface BackupServiceDeps {
  store: BackupStore;
  clock: Clock;
  /** WEEKNIGHT_HOME; files go to `<home>/backups/<project>/<environment>/`. */
  home: string;
  runner: ProcessRunner;
  /** What every backup command inherits (PATH, HOME…); nothing else is inherited. */
  baseEnv?: Record<string, string>;
  randomSuffix?: () => string;
}

const SAFE_NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;

export function createBackupService(deps: BackupServiceDeps): BackupService {
  const { store, clock, home } = deps;
  const randomSuffix = deps.randomSuffix ?? (() => randomBytes(6).toString("hex"));
  const pathOf = (backup: Backup) => join(home, backup.file);

  function methodFor(
    config: BackupConfig,
    workDir: string,
    env: Record<string, string> | undefined,
    onProgress: Progress | undefined,
  ): BackupMethod {
    const ctx: MethodContext = {
      runner: deps.runner,
      env: { ...deps.baseEnv, ...env },
      workDir,
      randomSuffix,
      progress: onProgress ?? (() => {}),
    };
    if ("sqlite" in config) return sqliteBackup(config.sqlite, ctx);
    if ("postgres" in config) return postgresBackup(config.postgres, ctx);
    return commandBackup(config, ctx);
  }

  async function get(id: number): Promise<Backup> {
    const backup = await store.get(id);
    if (!backup) throw new NotFoundError(`backup ${id} not found: see \`weeknight backup list\``);
    return backup;
  }

  /** Refuses backups that cannot be used with this config, or whose file changed. */
  async function usable(id: number, config: BackupConfig): Promise<Backup> {
    const backup = await get(id);
    if (backup.status !== "ok") {
      throw new ConflictError(
        `backup ${id} is ${backup.status}${backup.error ? ` (${backup.error})` : ""} and cannot be used — pick an ok one from \`weeknight backup list\``,
      );
    }
    const kind = backupKindOf(config);
    if (backup.kind !== kind) {
      throw new ConflictError(
        `backup ${id} is a ${backup.kind} backup but ${backup.environment}'s backup config is now ${kind} — restore it by hand from ${pathOf(backup)}`,
      );
    }
    return backup;
  }

  /** null when the file is intact, otherwise why not. */
  async function damage(backup: Backup): Promise<string | null> {
    const path = pathOf(backup);
    if (!(await fileExists(path))) return `backup ${backup.id}: file ${path} is missing`;
    const actual = await sha256OfFile(path);
    if (actual === backup.sha256) return null;
    return `backup ${backup.id} is damaged: sha256 of ${path} is ${actual}, recorded ${backup.sha256}`;
  }

  async function prune(input: CreateBackupInput): Promise<void> {
    const all = await store.list({ projectId: input.projectId, environment: input.environment });
    for (const old of backupsToPrune(all, input.config.keep)) {
      if (old.file) await rm(pathOf(old), { force: true });
      await store.remove(old.id);
      input.onProgress?.(`deleted backup ${old.id} (keeping ${input.config.keep})`);
    }
  }

  return {
    async create(input) {
      for (const [what, name] of [
        ["project", input.project],
        ["environment", input.environment],
      ]) {
        if (!SAFE_NAME.test(name ?? "")) throw new InvalidInputError(`invalid ${what} "${name}"`);
      }
      const kind = backupKindOf(input.config);
      const started = await store.start({
        projectId: input.projectId,
        environment: input.environment,
        deploymentId: input.deploymentId ?? null,
        kind,
        createdAt: clock.now(),
      });
      const file = backupFileOf({ ...input, id: started.id, kind });
      const path = join(home, file);
      const partial = `${path}.partial`;
      let finished: Backup;
      try {
        await mkdir(dirname(path), { recursive: true });
        const method = methodFor(input.config, dirname(path), input.env, input.onProgress);
        await method.take(partial);
        const { size } = await stat(partial);
        const sha256 = await sha256OfFile(partial);
        await rename(partial, path);
        finished = await store.finish(started.id, {
          status: "ok",
          file,
          size,
          sha256,
          error: null,
        });
        input.onProgress?.(`backup ${started.id} ok: ${size} bytes, sha256 ${sha256}`);
      } catch (error) {
        await rm(partial, { force: true });
        const message = error instanceof Error ? error.message : String(error);
        await store.finish(started.id, {
          status: "failed",
          file: "",
          size: 0,
          sha256: "",
          error: message,
        });
        await prune(input).catch(() => {});
        throw new BackupFailedError(
          `backup ${started.id} of ${input.project}/${input.environment} failed: ${message}`,
          { backupId: started.id },
        );
      }
      try {
        await prune(input);
      } catch (error) {
        // The new backup is good; an old file that will not go away is not worth failing a deploy.
        input.onProgress?.(`warning: retention could not delete old backups: ${String(error)}`);
      }
      return finished;
    },
    list: (projectId, environment) => store.list({ projectId, environment }),
    get,
    async latest(projectId, environment) {
      const all = await store.list({ projectId, environment });
      return all.find((b) => b.status === "ok") ?? null;
    },
    async restore(input) {
      const backup = await usable(input.id, input.config);
      const problem = await damage(backup);
      if (problem) {
        throw new ConflictError(`${problem} — refusing to restore it; pick another backup`, {
          backupId: backup.id,
        });
      }
      const path = pathOf(backup);
      const method = methodFor(input.config, dirname(path), input.env, input.onProgress);
      try {
        await method.restore(path);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        throw new BackupFailedError(
          `restore of backup ${backup.id} into ${method.source} failed: ${message}`,
          { backupId: backup.id },
        );
      }
      input.onProgress?.(`restored backup ${backup.id} into ${method.source}`);
      return backup;
    },
    async verify(input) {
      const backup = await usable(input.id, input.config);
      const path = pathOf(backup);
      let error = await damage(backup);
      if (!error) {
        const method = methodFor(input.config, dirname(path), input.env, input.onProgress);
        error = await method.verify(path, input.check).then(
          () => null,
          (e: unknown) => (e instanceof Error ? e.message : String(e)),
        );
      }
      input.onProgress?.(
        error ? `backup ${backup.id} failed verification: ${error}` : `backup ${backup.id} ok`,
      );
      return store.recordVerify(backup.id, { at: clock.now(), error });
    },
    pathOf,
    abandonRunning: () =>
      store.failRunning("interrupted: the server stopped while the backup was being taken"),
  };
}
