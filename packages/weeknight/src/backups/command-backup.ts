import { mkdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { fileExists, replaceFileAtomically } from "./backup-files.js";
import { type BackupMethod, type MethodContext, runShell } from "./backup-method.js";

/** The team's own `run` and `restore` commands, handed the file in WEEKNIGHT_BACKUP_FILE. */
export function commandBackup(
  commands: { run: string; restore: string },
  ctx: MethodContext,
): BackupMethod {
  return {
    source: "the backup.run command",
    async take(file) {
      await runShell(ctx, "backup", commands.run, { WEEKNIGHT_BACKUP_FILE: file });
      if (!(await fileExists(file))) {
        throw new Error(
          `backup.run exited 0 but wrote nothing to $WEEKNIGHT_BACKUP_FILE — command: ${commands.run}`,
        );
      }
    },
    async restore(file) {
      await runShell(ctx, "restore", commands.restore, { WEEKNIGHT_BACKUP_FILE: file });
    },
    async verify(file, check) {
      if (check && "sql" in check) {
        throw new Error("a backup taken by `run` can only be checked with a command, not SQL");
      }
      // A copy, so a restore command that moves or edits its input cannot harm the backup.
      const dir = join(ctx.workDir, `.verify-${ctx.randomSuffix()}`);
      await mkdir(dir, { recursive: true });
      try {
        const copy = join(dir, "verify.backup");
        await replaceFileAtomically(file, copy);
        const env = { WEEKNIGHT_VERIFY: "1", WEEKNIGHT_BACKUP_FILE: copy };
        await runShell(ctx, "restore", commands.restore, env);
        if (check) await runShell(ctx, "check", check.command, env);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}
