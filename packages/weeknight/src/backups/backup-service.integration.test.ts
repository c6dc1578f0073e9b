import { type ChildProcess, spawn } from "node:child_process";
import {
  appendFileSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import SqliteDatabase from "better-sqlite3";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createProcessRunner } from "../process/process-runner.js";
import type { TestDatabase } from "../test-support/test-databases.js";
import { type BackupService, createBackupService } from "./backup-service.js";
import { createBackupSqlStore } from "./backup-sql-store.js";
import { manualClock, openBackupTestDatabase } from "./test-support/backup-test-support.js";

const packageDir = new URL("../..", import.meta.url).pathname;

describe("backups of SQLite databases and run commands", () => {
  let database: TestDatabase;
  let projectId: number;
  let service: BackupService;
  let dir: string;
  const clock = manualClock();
  const tick = () => clock.advance(1000);

  beforeAll(async () => {
    ({ database, projectId } = await openBackupTestDatabase("sqlite"));
    dir = mkdtempSync(join(tmpdir(), "weeknight-backups-"));
    service = createBackupService({
      store: createBackupSqlStore(database.db),
      clock,
      home: join(dir, "home"),
      runner: createProcessRunner({ clock }),
      baseEnv: { PATH: process.env.PATH ?? "/usr/bin:/bin" },
    });
  });
  afterAll(async () => {
    await database?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const rowsOf = (path: string): { id: number; note: string }[] => {
    const db = new SqliteDatabase(path, { readonly: true });
    try {
      return db.prepare("select id, note from items order by id").all() as {
        id: number;
        note: string;
      }[];
    } finally {
      db.close();
    }
  };

  describe("sqlite", () => {
    let writer: ChildProcess | undefined;
    afterEach(() => {
      writer?.kill("SIGKILL");
      writer = undefined;
    });

    it("backs up a database while another process writes to it, and restores it", async () => {
      const appDb = join(dir, "app.db");
      const app = new SqliteDatabase(appDb);
      app.pragma("journal_mode = WAL");
      app.exec("create table items (id integer primary key, note text not null)");
      const insert = app.prepare("insert into items (note) values (?)");
      for (let i = 0; i < 500; i++) insert.run(`before-${i}`.padEnd(200, "x"));

      writer = spawn(
        process.execPath,
        [
          "-e",
          `const db = new (require("better-sqlite3"))(${JSON.stringify(appDb)});
           db.pragma("busy_timeout = 5000");
           const insert = db.prepare("insert into items (note) values (?)");
           setInterval(() => { for (let i = 0; i < 20; i++) insert.run("during".padEnd(200, "y")); }, 1);
           insert.run("during"); console.log("writing");`,
        ],
        { cwd: packageDir, stdio: ["ignore", "pipe", "inherit"] },
      );
      await new Promise((resolve) => writer?.stdout?.once("data", resolve));

      const progress: string[] = [];
      const config = { sqlite: appDb, keep: 10 };
      const backup = await service.create({
        projectId,
        project: "app",
        environment: "production",
        config,
        deploymentId: 7,
        onProgress: (line) => progress.push(line),
      });
      writer.kill("SIGKILL");
      expect(backup).toMatchObject({ status: "ok", kind: "sqlite", deploymentId: 7 });
      expect(backup.file).toBe(`backups/app/production/${backup.id}.sqlite`);
      expect(progress.at(-1)).toMatch(/^backup \d+ ok: \d+ bytes, sha256 [0-9a-f]{64}$/);

      // What the backup holds: every row written before it started, plus a consistent share of the rest.
      const saved = rowsOf(service.pathOf(backup));
      expect(saved.filter((r) => r.note.startsWith("before-"))).toHaveLength(500);

      // The app changes data and then dies without a checkpoint, leaving its WAL behind.
      app.pragma("wal_autocheckpoint = 0");
      insert.run("after");
      app.exec("delete from items where id < 100");
      const staleWal = readFileSync(`${appDb}-wal`);
      app.close();
      writeFileSync(`${appDb}-wal`, staleWal);
      expect(rowsOf(appDb)).not.toEqual(saved);

      await service.restore({ id: backup.id, config });
      // Replayed onto the restored file, that WAL would bring the changes back.
      expect(existsSync(`${appDb}-wal`)).toBe(false);
      expect(rowsOf(appDb)).toEqual(saved);
      const check = new SqliteDatabase(appDb);
      expect(check.pragma("integrity_check", { simple: true })).toBe("ok");
      check.close();

      tick();
      expect(await service.verify({ id: backup.id, config })).toMatchObject({
        verifiedAt: clock.now(),
        verifyError: null,
      });
    });

    it("verify reports the integrity error of a backup taken from a corrupted database", async () => {
      const path = join(dir, "corrupt.db");
      const db = new SqliteDatabase(path);
      db.exec("create table items (id integer primary key, note text not null)");
      const insert = db.prepare("insert into items (note) values (?)");
      db.transaction(() => {
        for (let i = 0; i < 2000; i++) insert.run(`row-${i}`.padEnd(100, "z"));
      })();
      const pageSize = db.pragma("page_size", { simple: true }) as number;
      db.close();
      const bytes = readFileSync(path);
      bytes.fill(0xff, pageSize * 10, pageSize * 11); // a leaf page of the items table
      writeFileSync(path, bytes);

      const config = { sqlite: path, keep: 10 };
      const backup = await service.create({
        projectId,
        project: "app",
        environment: "corrupt",
        config,
      });
      tick();
      const verified = await service.verify({ id: backup.id, config });
      expect(verified.verifiedAt).toBe(clock.now());
      expect(verified.verifyError).toMatch(/integrity_check failed|malformed/);
      expect((await service.get(backup.id)).verifyError).toBe(verified.verifyError);
    });

    it("refuses to restore a backup whose file no longer matches its sha256", async () => {
      const path = join(dir, "sha.db");
      const db = new SqliteDatabase(path);
      db.exec("create table items (id integer primary key, note text not null)");
      db.prepare("insert into items (note) values ('original')").run();
      db.close();
      const config = { sqlite: path, keep: 10 };
      const backup = await service.create({
        projectId,
        project: "app",
        environment: "sha",
        config,
      });
      appendFileSync(service.pathOf(backup), "tampered");
      const live = new SqliteDatabase(path);
      live.prepare("insert into items (note) values ('newer')").run();
      live.close();

      await expect(service.restore({ id: backup.id, config })).rejects.toMatchObject({
        code: "CONFLICT",
        message: expect.stringMatching(/backup \d+ is damaged: sha256 of .* refusing to restore/),
      });
      expect(rowsOf(path).map((r) => r.note)).toEqual(["original", "newer"]);
      const verified = await service.verify({ id: backup.id, config });
      expect(verified.verifyError).toMatch(
        /^backup \d+ is damaged: sha256 of \S+ is [0-9a-f]{64}, recorded/,
      );
    });

    it("refuses to restore where the database's directory does not exist", async () => {
      const path = join(dir, "present.db");
      new SqliteDatabase(path).exec("create table items (id integer primary key, note text)");
      const backup = await service.create({
        projectId,
        project: "app",
        environment: "moved",
        config: { sqlite: path, keep: 10 },
      });
      const elsewhere = { sqlite: join(dir, "no-such-dir", "app.db"), keep: 10 };
      await expect(service.restore({ id: backup.id, config: elsewhere })).rejects.toThrow(
        /directory .*no-such-dir does not exist — refusing to restore/,
      );
      expect(existsSync(join(dir, "no-such-dir"))).toBe(false);
    });
  });

  describe("run commands", () => {
    const data = () => join(dir, "data.txt");
    const config = {
      run: 'cp "$DATA" "$WEEKNIGHT_BACKUP_FILE"; echo "saved $DATA"',
      restore:
        'if [ "$WEEKNIGHT_VERIFY" = 1 ]; then grep -q "^v" "$WEEKNIGHT_BACKUP_FILE"; else cp "$WEEKNIGHT_BACKUP_FILE" "$DATA"; fi',
      keep: 2,
    };
    const create = (keep = 2) =>
      service.create({
        projectId,
        project: "app",
        environment: "files",
        config: { ...config, keep },
        env: { DATA: data() },
      });

    it("backs up with `run`, restores with `restore`, verifies on a copy", async () => {
      writeFileSync(data(), "v1\n");
      const progress: string[] = [];
      const backup = await service.create({
        projectId,
        project: "app",
        environment: "files",
        config,
        env: { DATA: data() },
        onProgress: (line) => progress.push(line),
      });
      expect(backup).toMatchObject({ status: "ok", kind: "run", size: 3 });
      expect(progress).toContain(`backup: saved ${data()}`);
      writeFileSync(data(), "v2\n");

      const verified = await service.verify({ id: backup.id, config, env: { DATA: data() } });
      expect(verified.verifyError).toBeNull();
      expect(readFileSync(data(), "utf8")).toBe("v2\n"); // verifying never touches live data

      await service.restore({ id: backup.id, config, env: { DATA: data() } });
      expect(readFileSync(data(), "utf8")).toBe("v1\n");
    });

    it("keeps only the newest `keep` backups, deleting older files and rows", async () => {
      const made = [];
      for (let i = 0; i < 4; i++) {
        tick();
        made.push(await create());
      }
      const listed = await service.list(projectId, "files");
      expect(listed.map((b) => b.id)).toEqual([made[3]?.id, made[2]?.id]);
      for (const old of made.slice(0, 2)) {
        expect(existsSync(join(dir, "home", old?.file ?? "?"))).toBe(false);
        await expect(service.get(old?.id ?? 0)).rejects.toMatchObject({ code: "NOT_FOUND" });
      }
      const newest = listed[0];
      if (!newest) throw new Error("no backups listed");
      expect(existsSync(service.pathOf(newest))).toBe(true);
    });

    it("records a failing backup as failed, rejects clearly, and keeps the last good one", async () => {
      tick();
      const good = await create(1);
      const failing = { ...config, run: "echo 'disk full' >&2; exit 3", keep: 1 };
      for (let i = 0; i < 2; i++) {
        tick();
        const attempt = service.create({
          projectId,
          project: "app",
          environment: "files",
          config: failing,
          deploymentId: 9,
        });
        await expect(attempt).rejects.toMatchObject({
          name: "BackupFailedError",
          code: "CONFLICT",
          message: expect.stringMatching(
            /^backup \d+ of app\/files failed: backup command failed \(exited with code 3\): disk full/,
          ),
        });
      }
      const listed = await service.list(projectId, "files");
      expect(listed.map((b) => b.status)).toEqual(["failed", "ok"]);
      expect(listed[0]).toMatchObject({
        deploymentId: 9,
        file: "",
        error: expect.stringMatching(/disk full/),
      });
      expect(listed[1]?.id).toBe(good.id);
      expect(await service.latest(projectId, "files")).toMatchObject({ id: good.id });
      await expect(service.restore({ id: listed[0]?.id ?? 0, config })).rejects.toThrow(
        /is failed .* cannot be used/,
      );
    });
  });
});
