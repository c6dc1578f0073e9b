import type { Backup } from "./backup-store.js";

/**
 * Which backups of one environment to delete so that `keep` remain, oldest first.
 * Running backups are never touched, and when none of the kept ones is ok the newest
 * ok backup is spared: a run of failures must not delete the last good copy.
 */
export function backupsToPrune(backups: Backup[], keep: number): Backup[] {
  const finished = backups
    .filter((b) => b.status !== "running")
    .sort((a, b) => b.createdAt - a.createdAt || b.id - a.id);
  const kept = finished.slice(0, keep);
  const beyond = finished.slice(keep);
  const spared = kept.some((b) => b.status === "ok")
    ? undefined
    : beyond.find((b) => b.status === "ok");
  return beyond.filter((b) => b !== spared).reverse();
}
