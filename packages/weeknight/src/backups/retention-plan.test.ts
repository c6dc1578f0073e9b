import { describe, expect, it } from "vitest";
import type { Backup, BackupStatus } from "./backup-store.js";
import { backupsToPrune } from "./retention-plan.js";

const backup = (id: number, status: BackupStatus): Backup => ({
  id,
  projectId: 1,
  environment: "production",
  deploymentId: null,
  kind: "sqlite",
  file: status === "ok" ? `backups/app/production/${id}.sqlite` : "",
  size: 1,
  sha256: "x",
  status,
  error: null,
  createdAt: id * 1000,
  verifiedAt: null,
  verifyError: null,
});

const ids = (list: Backup[]) => list.map((b) => b.id);

describe("backupsToPrune", () => {
  it("deletes everything beyond `keep`, oldest first", () => {
    const all = [1, 2, 3, 4, 5].map((id) => backup(id, "ok")).reverse();
    expect(ids(backupsToPrune(all, 2))).toEqual([1, 2, 3]);
    expect(ids(backupsToPrune(all, 5))).toEqual([]);
  });

  it("counts failed backups too, so failures do not pile up", () => {
    const all = [backup(1, "failed"), backup(2, "ok"), backup(3, "failed"), backup(4, "ok")];
    expect(ids(backupsToPrune(all, 2))).toEqual([1, 2]);
  });

  it("never deletes the only ok backup when the kept ones all failed", () => {
    const all = [backup(1, "ok"), backup(2, "ok"), backup(3, "failed"), backup(4, "failed")];
    expect(ids(backupsToPrune(all, 2))).toEqual([1]);
  });

  it("leaves backups that are still running alone", () => {
    const all = [backup(1, "ok"), backup(2, "running"), backup(3, "ok")];
    expect(ids(backupsToPrune(all, 1))).toEqual([1]);
  });
});
