import { DomainError } from "../errors/domain-errors.js";

/**
 * Taking or restoring a backup failed (pg_dump exited 1, the restore command failed…).
 * CONFLICT: the request was fine, the data source is not in a state that allows it.
 */
export class BackupFailedError extends DomainError {
  constructor(message: string, details: { backupId: number }) {
    super("CONFLICT", message, details);
  }
}
