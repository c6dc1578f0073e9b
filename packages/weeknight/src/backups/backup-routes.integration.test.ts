import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuditLog } from "../audit/audit-log.js";
import type { BackupConfig } from "../config/config-schema.js";
import { NotFoundError } from "../errors/domain-errors.js";
import { createHttpApp, type HttpApp } from "../http/http-app.js";
import type { Principal } from "../http/http-auth.js";
import { createProcessRunner } from "../process/process-runner.js";
import type { TestDatabase } from "../test-support/test-databases.js";
import { backupRoutes } from "./backup-routes.js";
import { createBackupService } from "./backup-service.js";
import { createBackupSqlStore } from "./backup-sql-store.js";
import { manualClock, openBackupTestDatabase } from "./test-support/backup-test-support.js";

const principals: Record<string, Principal> = {
  viewer: { userId: 1, username: "vi", role: "viewer" },
  deployer: { userId: 2, username: "de", role: "deployer" },
  admin: { userId: 3, username: "ad", role: "admin" },
};

describe("backup routes", () => {
  let database: TestDatabase;
  let app: HttpApp;
  let dir: string;
  const audited: string[] = [];

  beforeAll(async () => {
    const opened = await openBackupTestDatabase("sqlite");
    database = opened.database;
    const project = { id: opened.projectId, name: "app" };
    dir = mkdtempSync(join(tmpdir(), "weeknight-backup-routes-"));
    const data = join(dir, "data.txt");
    writeFileSync(data, "v1\n");
    const configs: Record<string, BackupConfig> = {
      production: {
        run: 'cp "$DATA" "$WEEKNIGHT_BACKUP_FILE"',
        restore: '[ "$WEEKNIGHT_VERIFY" = 1 ] || cp "$WEEKNIGHT_BACKUP_FILE" "$DATA"',
        keep: 5,
      },
      broken: { run: "echo 'cannot reach the database' >&2; exit 1", restore: "true", keep: 5 },
    };
    const clock = manualClock();
    const backups = createBackupService({
      store: createBackupSqlStore(database.db),
      clock,
      home: join(dir, "home"),
      runner: createProcessRunner({ clock }),
      baseEnv: { PATH: process.env.PATH ?? "/usr/bin:/bin" },
    });
    const audit: AuditLog = {
      record: async (entry) => {
        audited.push(`${entry.actor} ${entry.action} ${entry.target}`);
      },
      list: async () => [],
    };
    app = await createHttpApp({
      version: "test",
      authenticator: { authenticate: async (token) => principals[token] ?? null },
      routes: [
        backupRoutes({
          backups,
          audit,
          projects: {
            get: async (name) => {
              if (name !== "app") throw new NotFoundError(`no project "${name}"`);
              return project;
            },
            getById: async () => project,
          },
          resolveBackupConfig: async (_name, environment) => {
            const config = configs[environment];
            if (!config) throw new NotFoundError(`environment ${environment} has no backup`);
            return { projectId: project.id, config, env: { DATA: data } };
          },
        }),
      ],
    });
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const call = (role: string, method: "GET" | "POST", url: string, payload?: unknown) =>
    app.inject({
      method,
      url: `/api/v1${url}`,
      headers: { authorization: `Bearer ${role}` },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  const envUrl = "/projects/app/environments/production/backups";

  it("lets deployers take and verify backups, viewers list them, and only admins restore", async () => {
    expect((await call("viewer", "POST", envUrl)).statusCode).toBe(403);
    const created = await call("deployer", "POST", envUrl);
    expect(created.statusCode).toBe(201);
    const backup = created.json<{ id: number; status: string; kind: string }>();
    expect(backup).toMatchObject({ status: "ok", kind: "run" });

    const listed = await call("viewer", "GET", envUrl);
    expect(listed.json<{ id: number }[]>().map((b) => b.id)).toEqual([backup.id]);

    const verified = await call("deployer", "POST", `/backups/${backup.id}/verify`);
    expect(verified.json()).toMatchObject({ id: backup.id, verifyError: null });
    const withCheck = { check: { command: "true" } };
    expect(
      (await call("deployer", "POST", `/backups/${backup.id}/verify`, withCheck)).json(),
    ).toMatchObject({
      error: { code: "NOT_ALLOWED", message: expect.stringMatching(/needs the admin role/) },
    });
    expect(
      (await call("admin", "POST", `/backups/${backup.id}/verify`, withCheck)).statusCode,
    ).toBe(200);

    writeFileSync(join(dir, "data.txt"), "v2\n");
    expect((await call("deployer", "POST", `/backups/${backup.id}/restore`)).statusCode).toBe(403);
    expect((await call("admin", "POST", `/backups/${backup.id}/restore`)).statusCode).toBe(200);
    expect(readFileSync(join(dir, "data.txt"), "utf8")).toBe("v1\n");
    expect(audited).toEqual([
      `de backup.create backup:${backup.id}`,
      `de backup.verify backup:${backup.id}`,
      `ad backup.verify backup:${backup.id}`,
      `ad backup.restore backup:${backup.id}`,
    ]);
  });

  it("answers a failing backup with 409 and the reason, and unknown ids with 404", async () => {
    const failed = await call("deployer", "POST", "/projects/app/environments/broken/backups");
    expect(failed.statusCode).toBe(409);
    expect(failed.json<{ error: { message: string } }>().error.message).toMatch(
      /^backup \d+ of app\/broken failed: backup command failed \(exited with code 1\): cannot reach the database/,
    );
    expect((await call("viewer", "GET", "/backups/9999")).statusCode).toBe(404);
    expect((await call("admin", "POST", "/backups/9999/restore")).statusCode).toBe(404);
  });
});
