import { describe, expect, it } from "vitest";
import {
  backupFileOf,
  backupKindOf,
  createScratchDatabasePlan,
  dropScratchDatabasePlan,
  pgDumpPlan,
  pgRestorePlan,
  psqlPlan,
  scratchDatabaseName,
  scratchDatabaseUrl,
} from "./backup-plan.js";

const url = "postgres://app:s%40cret@db.internal:5432/shop?sslmode=require";
const bare = "postgres://app@db.internal:5432/shop?sslmode=require";

describe("backup plans", () => {
  it("dumps in custom format without owners, the password kept out of argv", () => {
    expect(pgDumpPlan(url, "/h/backups/app/production/7.pgdump.partial")).toEqual({
      argv: [
        "pg_dump",
        "--format=custom",
        "--no-owner",
        "--no-password",
        "--file",
        "/h/backups/app/production/7.pgdump.partial",
        "--dbname",
        bare,
      ],
      env: { PGPASSWORD: "s@cret" },
    });
  });

  it("restores with clean, if-exists and no owners, in one transaction", () => {
    expect(pgRestorePlan("postgres://localhost/shop", "/b/7.pgdump")).toEqual({
      argv: [
        "pg_restore",
        "--clean",
        "--if-exists",
        "--no-owner",
        "--no-password",
        "--single-transaction",
        "--dbname",
        "postgres://localhost/shop",
        "/b/7.pgdump",
      ],
      env: {},
    });
  });

  it("creates and drops a scratch database on the same server", () => {
    const name = scratchDatabaseName("a1b2c3");
    expect(name).toBe("weeknight_verify_a1b2c3");
    expect(scratchDatabaseUrl(url, name)).toBe(
      "postgres://app:s%40cret@db.internal:5432/weeknight_verify_a1b2c3?sslmode=require",
    );
    const psql = (sql: string) => [
      "psql",
      "--no-psqlrc",
      "--no-password",
      "--quiet",
      "--tuples-only",
      "--no-align",
      "--set",
      "ON_ERROR_STOP=1",
      "--dbname",
      bare,
      "--command",
      sql,
    ];
    expect(createScratchDatabasePlan(url, name).argv).toEqual(
      psql('CREATE DATABASE "weeknight_verify_a1b2c3"'),
    );
    expect(dropScratchDatabasePlan(url, name).argv).toEqual(
      psql('DROP DATABASE IF EXISTS "weeknight_verify_a1b2c3" WITH (FORCE)'),
    );
    expect(psqlPlan(url, "select 1")).toEqual({
      argv: psql("select 1"),
      env: { PGPASSWORD: "s@cret" },
    });
  });

  it("refuses a scratch suffix that could inject SQL", () => {
    expect(() => scratchDatabaseName('x"; drop database shop; --')).toThrow(/unsafe/);
  });

  it("names files by project, environment, id and kind", () => {
    expect(
      backupFileOf({ project: "app", environment: "production", id: 7, kind: "postgres" }),
    ).toBe("backups/app/production/7.pgdump");
    expect(backupFileOf({ project: "app", environment: "internal", id: 8, kind: "sqlite" })).toBe(
      "backups/app/internal/8.sqlite",
    );
    expect(backupFileOf({ project: "app", environment: "internal", id: 9, kind: "run" })).toBe(
      "backups/app/internal/9.backup",
    );
  });

  it("tells the kind from the config", () => {
    expect(backupKindOf({ sqlite: "/d.db", keep: 10 })).toBe("sqlite");
    expect(backupKindOf({ postgres: url, keep: 10 })).toBe("postgres");
    expect(backupKindOf({ run: "a", restore: "b", keep: 10 })).toBe("run");
  });
});
