import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestDatabase } from "../test-support/test-databases.js";
import { testDialects } from "../test-support/test-databases.js";
import { createBackupSqlStore } from "./backup-sql-store.js";
import type { BackupStore } from "./backup-store.js";
import { openBackupTestDatabase } from "./test-support/backup-test-support.js";

describe.each(testDialects)("backup store on %s", (dialect) => {
  let database: TestDatabase;
  let store: BackupStore;
  let projectId: number;

  beforeAll(async () => {
    ({ database, projectId } = await openBackupTestDatabase(dialect));
    store = createBackupSqlStore(database.db);
  });
  afterAll(async () => {
    await database?.close();
  });

  const start = (environment: string, createdAt: number, deploymentId: number | null = null) =>
    store.start({ projectId, environment, deploymentId, kind: "postgres", createdAt });

  it("records a running backup, then its outcome", async () => {
    const started = await start("production", 1_700_000_000_123, 42);
    expect(started).toMatchObject({
      status: "running",
      file: "",
      deploymentId: 42,
      kind: "postgres",
      createdAt: 1_700_000_000_123,
      verifiedAt: null,
    });
    const size = 5_000_000_000; // beyond 32 bits: sizes are bigint columns
    const done = await store.finish(started.id, {
      status: "ok",
      file: `backups/app/production/${started.id}.pgdump`,
      size,
      sha256: "ab".repeat(32),
      error: null,
    });
    expect(done).toMatchObject({ status: "ok", size, sha256: "ab".repeat(32) });
    expect(await store.get(started.id)).toEqual(done);
  });

  it("lists one environment's backups, newest first", async () => {
    const a = await start("internal", 10);
    const b = await start("internal", 20);
    await start("staging", 30);
    const listed = await store.list({ projectId, environment: "internal" });
    expect(listed.map((x) => x.id)).toEqual([b.id, a.id]);
  });

  it("records verification results and removes backups", async () => {
    const backup = await start("verify", 10);
    expect(
      await store.recordVerify(backup.id, { at: 99, error: "integrity_check failed" }),
    ).toMatchObject({ verifiedAt: 99, verifyError: "integrity_check failed" });
    expect(await store.recordVerify(backup.id, { at: 100, error: null })).toMatchObject({
      verifiedAt: 100,
      verifyError: null,
    });
    await store.remove(backup.id);
    expect(await store.get(backup.id)).toBeNull();
    await expect(store.recordVerify(backup.id, { at: 1, error: null })).rejects.toThrow(
      /not found/,
    );
  });

  it("marks backups a stopped server left running as failed", async () => {
    const left = await start("crash", 10);
    const ids = await store.failRunning("interrupted");
    expect(ids).toContain(left.id);
    expect(await store.get(left.id)).toMatchObject({ status: "failed", error: "interrupted" });
  });
});
