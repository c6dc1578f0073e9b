import type { Generated } from "kysely";

/**
 * Row shape of the `backups` table (migration 0003). Timestamps are epoch milliseconds;
 * `file` is relative to WEEKNIGHT_HOME so the home directory can be moved.
 */
export interface BackupsTable {
  id: Generated<number>;
  project_id: number;
  environment: string;
  /** The deployment the backup was taken for; no foreign key, deployments may be pruned. */
  deployment_id: number | null;
  kind: string;
  file: string;
  size: number;
  sha256: string;
  status: string;
  error: string | null;
  created_at: number;
  verified_at: number | null;
  verify_error: string | null;
}

/** The tables this module reads and writes, for `db.withTables<BackupTables>()`. */
export type BackupTables = {
  backups: BackupsTable;
};
