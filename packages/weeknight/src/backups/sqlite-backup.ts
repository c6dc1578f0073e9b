import { mkdir, rm } from "node:fs/promises";
import { dirname, isAbsolute, join } from "node:path";
import SqliteDatabase from "better-sqlite3";
import { fileExists, isDirectory, replaceFileAtomically } from "./backup-files.js";
import { type BackupMethod, type MethodContext, runShell } from "./backup-method.js";

/** The files SQLite keeps beside a database; stale ones must not meet a restored file. */
const SIDE_FILES = ["-wal", "-shm", "-journal"];

export function sqliteBackup(path: string, ctx: MethodContext): BackupMethod {
  const source = `SQLite database ${path}`;
  const checkPath = () => {
    if (!isAbsolute(path)) {
      throw new Error(`backup.sqlite must be an absolute path (got "${path}") — fix weeknight.yml`);
    }
  };
  return {
    source,
    async take(file) {
      checkPath();
      if (!(await fileExists(path))) {
        throw new Error(`no database file at ${path} — check backup.sqlite in weeknight.yml`);
      }
      const db = new SqliteDatabase(path, { readonly: true, fileMustExist: true });
      try {
        ctx.progress(`backing up ${source}`);
        // All pages in one step: copied in chunks, a busy writer would restart the backup forever.
        const done = await db.backup(file, { progress: () => 0x7fffffff });
        ctx.progress(`copied ${done.totalPages} pages`);
      } finally {
        db.close();
      }
    },
    async restore(file) {
      checkPath();
      if (!(await isDirectory(dirname(path)))) {
        throw new Error(
          `directory ${dirname(path)} does not exist — refusing to restore ${source} there; check backup.sqlite`,
        );
      }
      ctx.progress(`restoring ${source}`);
      await replaceFileAtomically(file, path, async () => {
        // The old database's WAL would be replayed onto the restored file and corrupt it.
        for (const suffix of SIDE_FILES) await rm(`${path}${suffix}`, { force: true });
      });
      ctx.progress(`restored ${source}; restart the app so it reopens the file`);
    },
    async verify(file, check) {
      const dir = join(ctx.workDir, `.verify-${ctx.randomSuffix()}`);
      await mkdir(dir, { recursive: true });
      try {
        const copy = join(dir, "verify.sqlite");
        await replaceFileAtomically(file, copy);
        ctx.progress("checking the copy with PRAGMA integrity_check");
        checkIntegrity(copy, check && "sql" in check ? check.sql : undefined);
        if (check && "command" in check) {
          await runShell(ctx, "check", check.command, {
            WEEKNIGHT_VERIFY: "1",
            WEEKNIGHT_BACKUP_FILE: copy,
          });
        }
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}

function checkIntegrity(copy: string, sql: string | undefined): void {
  let db: SqliteDatabase.Database;
  try {
    db = new SqliteDatabase(copy, { fileMustExist: true });
  } catch (error) {
    throw new Error(`the backup is not a readable SQLite database: ${messageOf(error)}`);
  }
  try {
    let rows: { integrity_check: string }[];
    try {
      rows = db.pragma("integrity_check") as { integrity_check: string }[];
    } catch (error) {
      throw new Error(`the backup is not a readable SQLite database: ${messageOf(error)}`);
    }
    const problems = rows.map((r) => r.integrity_check).filter((line) => line !== "ok");
    if (problems.length > 0) {
      throw new Error(`integrity_check failed: ${problems.slice(0, 5).join("; ")}`);
    }
    if (sql === undefined) return;
    let found: unknown[];
    try {
      found = db.prepare(sql).all();
    } catch (error) {
      throw new Error(`check failed: ${messageOf(error)} — query: ${sql}`);
    }
    if (found.length === 0) throw new Error(`check returned no rows — query: ${sql}`);
  } finally {
    db.close();
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
