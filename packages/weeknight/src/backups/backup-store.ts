export const backupKinds = ["sqlite", "postgres", "run"] as const;
export type BackupKind = (typeof backupKinds)[number];

/** `running` while the dump is being written, so an in-progress backup shows in lists. */
export const backupStatuses = ["running", "ok", "failed"] as const;
export type BackupStatus = (typeof backupStatuses)[number];

export interface Backup {
  id: number;
  projectId: number;
  environment: string;
  deploymentId: number | null;
  kind: BackupKind;
  /** Relative to WEEKNIGHT_HOME; empty until the backup is ok. */
  file: string;
  size: number;
  sha256: string;
  status: BackupStatus;
  error: string | null;
  createdAt: number;
  /** When it was last verified; `verifyError` is null when that verification passed. */
  verifiedAt: number | null;
  verifyError: string | null;
}

export interface BackupOutcome {
  status: "ok" | "failed";
  file: string;
  size: number;
  sha256: string;
  error: string | null;
}

export interface BackupStore {
  start(
    input: Pick<Backup, "projectId" | "environment" | "deploymentId" | "kind" | "createdAt">,
  ): Promise<Backup>;
  finish(id: number, outcome: BackupOutcome): Promise<Backup>;
  get(id: number): Promise<Backup | null>;
  /** Newest first. */
  list(filter: { projectId: number; environment: string }): Promise<Backup[]>;
  recordVerify(id: number, verify: { at: number; error: string | null }): Promise<Backup>;
  remove(id: number): Promise<void>;
  /** Marks backups left `running` by a stopped server as failed; returns their ids. */
  failRunning(error: string): Promise<number[]>;
}
