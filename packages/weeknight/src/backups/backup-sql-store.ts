import type { Selectable } from "kysely";
import type { Db } from "../db/database.js";
import { NotFoundError } from "../errors/domain-errors.js";
import type { Backup, BackupKind, BackupStatus, BackupStore } from "./backup-store.js";
import type { BackupsTable, BackupTables } from "./backup-tables.js";

const toBackup = (r: Selectable<BackupsTable>): Backup => ({
  id: r.id,
  projectId: r.project_id,
  environment: r.environment,
  deploymentId: r.deployment_id,
  kind: r.kind as BackupKind,
  file: r.file,
  size: Number(r.size),
  sha256: r.sha256,
  status: r.status as BackupStatus,
  error: r.error,
  createdAt: Number(r.created_at),
  verifiedAt: r.verified_at === null ? null : Number(r.verified_at),
  verifyError: r.verify_error,
});

export function createBackupSqlStore(database: Db): BackupStore {
  // `withTables` keeps this module compiling whether or not `Tables` lists `backups` yet.
  const db = database.withTables<BackupTables>();
  const found = (id: number, row: Selectable<BackupsTable> | undefined): Backup => {
    if (!row) throw new NotFoundError(`backup ${id} not found: see \`weeknight backup list\``);
    return toBackup(row);
  };

  return {
    async start(input) {
      const row = await db
        .insertInto("backups")
        .values({
          project_id: input.projectId,
          environment: input.environment,
          deployment_id: input.deploymentId,
          kind: input.kind,
          file: "",
          size: 0,
          sha256: "",
          status: "running",
          created_at: input.createdAt,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toBackup(row);
    },
    async finish(id, outcome) {
      const row = await db
        .updateTable("backups")
        .set({
          status: outcome.status,
          file: outcome.file,
          size: outcome.size,
          sha256: outcome.sha256,
          error: outcome.error,
        })
        .where("id", "=", id)
        .returningAll()
        .executeTakeFirst();
      return found(id, row);
    },
    async get(id) {
      const row = await db
        .selectFrom("backups")
        .selectAll()
        .where("id", "=", id)
        .executeTakeFirst();
      return row ? toBackup(row) : null;
    },
    async list(filter) {
      const rows = await db
        .selectFrom("backups")
        .selectAll()
        .where("project_id", "=", filter.projectId)
        .where("environment", "=", filter.environment)
        .orderBy("id", "desc")
        .execute();
      return rows.map(toBackup);
    },
    async recordVerify(id, verify) {
      const row = await db
        .updateTable("backups")
        .set({ verified_at: verify.at, verify_error: verify.error })
        .where("id", "=", id)
        .returningAll()
        .executeTakeFirst();
      return found(id, row);
    },
    async remove(id) {
      await db.deleteFrom("backups").where("id", "=", id).execute();
    },
    async failRunning(error) {
      const rows = await db
        .updateTable("backups")
        .set({ status: "failed", error })
        .where("status", "=", "running")
        .returning("id")
        .execute();
      return rows.map((r) => r.id);
    },
  };
}
