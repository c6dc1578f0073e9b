import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProcessRunner } from "../process/process-runner.js";
import type { TestDatabase } from "../test-support/test-databases.js";
import { type BackupService, createBackupService } from "./backup-service.js";
import { createBackupSqlStore } from "./backup-sql-store.js";
import { manualClock, openBackupTestDatabase } from "./test-support/backup-test-support.js";

const baseUrl = process.env.WEEKNIGHT_TEST_DATABASE_URL;

/** Runs SQL on a database of the test server, named or the one in the base URL. */
async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

const urlOf = (name: string) => {
  const url = new URL(baseUrl ?? "postgres://localhost/test");
  url.pathname = `/${name}`;
  url.search = "";
  return url.toString();
};

describe.skipIf(!baseUrl)("backups of PostgreSQL databases", () => {
  const appName = `weeknight_app_${randomBytes(4).toString("hex")}`;
  const appUrl = urlOf(appName);
  const config = { postgres: appUrl, keep: 10 };
  const clock = manualClock();
  let database: TestDatabase;
  let projectId: number;
  let service: BackupService;
  let dir: string;
  const items = () =>
    query<{ id: number; note: string }>(appUrl, "select id, note from items order by id");
  const verifyDatabases = async () =>
    (
      await query<{ datname: string }>(
        urlOf("postgres"),
        "select datname from pg_database where datname like 'weeknight_verify_%'",
      )
    ).map((r) => r.datname);

  beforeAll(async () => {
    ({ database, projectId } = await openBackupTestDatabase("sqlite"));
    dir = mkdtempSync(join(tmpdir(), "weeknight-pg-backups-"));
    service = createBackupService({
      store: createBackupSqlStore(database.db),
      clock,
      home: dir,
      runner: createProcessRunner({ clock }),
      baseEnv: { PATH: process.env.PATH ?? "/usr/bin:/bin" },
    });
    await query(urlOf("postgres"), `CREATE DATABASE ${appName}`);
    await query(
      appUrl,
      `create table items (id serial primary key, note text not null);
       insert into items (note) select 'row ' || n from generate_series(1, 300) as n;`,
    );
  });
  afterAll(async () => {
    await query(urlOf("postgres"), `DROP DATABASE IF EXISTS ${appName} WITH (FORCE)`);
    await database?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("dumps, restores over a changed database, and verifies in a scratch database", async () => {
    const before = await items();
    const progress: string[] = [];
    const backup = await service.create({
      projectId,
      project: "app",
      environment: "production",
      config,
      deploymentId: 3,
      onProgress: (line) => progress.push(line),
    });
    expect(backup).toMatchObject({ status: "ok", kind: "postgres", deploymentId: 3 });
    expect(backup.file).toBe(`backups/app/production/${backup.id}.pgdump`);
    expect(backup.size).toBeGreaterThan(0);

    await query(
      appUrl,
      `delete from items where id % 2 = 0; insert into items (note) values ('after');
       create table extra (x int);`,
    );
    expect(await items()).not.toEqual(before);

    await service.restore({ id: backup.id, config, onProgress: (line) => progress.push(line) });
    expect(await items()).toEqual(before);
    expect(progress.some((line) => line.startsWith("restored backup"))).toBe(true);

    clock.advance(1000);
    const verified = await service.verify({
      id: backup.id,
      config,
      check: { sql: "select 1 from items having count(*) = 300" },
    });
    expect(verified).toMatchObject({ verifiedAt: clock.now(), verifyError: null });
    expect(await verifyDatabases()).toEqual([]);

    const failedCheck = await service.verify({
      id: backup.id,
      config,
      check: { sql: "select 1 from items where note = 'never written'" },
    });
    expect(failedCheck.verifyError).toBe(
      "check returned no rows — query: select 1 from items where note = 'never written'",
    );
    expect(await verifyDatabases()).toEqual([]);
  });

  it("a check command sees the scratch database", async () => {
    const backup = await service.create({ projectId, project: "app", environment: "cmd", config });
    const verified = await service.verify({
      id: backup.id,
      config,
      check: {
        command:
          'test "$WEEKNIGHT_VERIFY" = 1 && psql --no-psqlrc -Atc "select count(*) from items" "$WEEKNIGHT_VERIFY_DATABASE_URL" | grep -qx 300',
      },
    });
    expect(verified.verifyError).toBeNull();
  });

  it("records a pg_dump that cannot connect as failed, with the reason", async () => {
    const bad = { postgres: "postgres://nobody:secret@127.0.0.1:1/nothing", keep: 10 };
    await expect(
      service.create({ projectId, project: "app", environment: "broken", config: bad }),
    ).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(
        /^backup \d+ of app\/broken failed: pg_dump failed \(exit code 1\): .*127\.0\.0\.1.*port 1 failed/,
      ),
    });
    const [failed] = await service.list(projectId, "broken");
    expect(failed).toMatchObject({ status: "failed", file: "", size: 0 });
    expect(failed?.error).toMatch(/pg_dump failed/);
    expect(failed?.error).not.toMatch(/secret/);
  });
});
