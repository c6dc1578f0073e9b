import { type BackupMethod, type MethodContext, runPlan, runShell } from "./backup-method.js";
import {
  createScratchDatabasePlan,
  dropScratchDatabasePlan,
  pgDumpPlan,
  pgRestorePlan,
  psqlPlan,
  scratchDatabaseName,
  scratchDatabaseUrl,
} from "./backup-plan.js";

export function postgresBackup(url: string, ctx: MethodContext): BackupMethod {
  const source = `PostgreSQL database ${describeUrl(url)}`;
  return {
    source,
    async take(file) {
      ctx.progress(`pg_dump of ${source}`);
      await runPlan(ctx, pgDumpPlan(url, file));
    },
    async restore(file) {
      ctx.progress(`pg_restore into ${source}`);
      await runPlan(ctx, pgRestorePlan(url, file));
    },
    async verify(file, check) {
      const name = scratchDatabaseName(ctx.randomSuffix());
      const scratch = scratchDatabaseUrl(url, name);
      ctx.progress(`creating scratch database ${name}`);
      await runPlan(ctx, createScratchDatabasePlan(url, name));
      let failed = false;
      try {
        ctx.progress(`pg_restore into ${name}`);
        await runPlan(ctx, pgRestorePlan(scratch, file));
        await runPlan(ctx, psqlPlan(scratch, "select 1"));
        if (check && "sql" in check) {
          const rows = await runPlan(ctx, psqlPlan(scratch, check.sql));
          if (rows.trim() === "") throw new Error(`check returned no rows — query: ${check.sql}`);
        } else if (check) {
          await runShell(ctx, "check", check.command, {
            WEEKNIGHT_VERIFY: "1",
            WEEKNIGHT_BACKUP_FILE: file,
            WEEKNIGHT_VERIFY_DATABASE_URL: scratch,
          });
        }
      } catch (error) {
        failed = true;
        throw error;
      } finally {
        ctx.progress(`dropping scratch database ${name}`);
        // A failed drop must not hide why the verification failed.
        await runPlan(ctx, dropScratchDatabasePlan(url, name)).catch((error: Error) => {
          if (!failed) throw error;
          ctx.progress(`warning: ${error.message} — drop ${name} by hand`);
        });
      }
    },
  };
}

/** host/database without credentials, for messages. */
export function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.host}${parsed.pathname}`;
  } catch {
    return "(unparsable URL)";
  }
}
