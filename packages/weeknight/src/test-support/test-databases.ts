import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { createDatabase, type Database, type DialectName } from "../db/database.js";

/**
 * The databases store tests run on (Backstage's TestDatabases): SQLite always,
 * PostgreSQL when WEEKNIGHT_TEST_DATABASE_URL is set (CI sets it).
 */
export const testDialects: DialectName[] = process.env.WEEKNIGHT_TEST_DATABASE_URL
  ? ["sqlite", "postgres"]
  : ["sqlite"];

export interface TestDatabase extends Database {
  /** Database URL for a child process (undefined = SQLite at `sqlitePath`). */
  url: string | undefined;
  sqlitePath: string;
}

/** A fresh, migrated database: a temp SQLite file or a throwaway PostgreSQL schema. */
export async function openTestDatabase(dialect: DialectName): Promise<TestDatabase> {
  const dir = mkdtempSync(join(tmpdir(), "weeknight-db-"));
  const sqlitePath = join(dir, "weeknight.db");
  if (dialect === "sqlite") {
    const database = createDatabase({ sqlitePath });
    await database.migrate();
    return {
      ...database,
      url: undefined,
      sqlitePath,
      close: async () => {
        await database.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const baseUrl = process.env.WEEKNIGHT_TEST_DATABASE_URL;
  if (!baseUrl) throw new Error("WEEKNIGHT_TEST_DATABASE_URL is not set");
  const schema = `t_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const url = withSearchPath(baseUrl, schema);
  const database = createDatabase({ url, sqlitePath });
  const close = async () => {
    await database.close();
    const cleanup = new pg.Client({ connectionString: baseUrl });
    await cleanup.connect();
    await cleanup.query(`DROP SCHEMA ${schema} CASCADE`);
    await cleanup.end();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await database.migrate();
  } catch (error) {
    await close();
    throw error;
  }
  return { ...database, url, sqlitePath, close };
}

function withSearchPath(url: string, schema: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set("options", `-c search_path=${schema}`);
  return parsed.toString();
}

/** A bare project row, for store tests whose rows need one to belong to. */
export async function insertTestProject(db: Database["db"], name: string): Promise<number> {
  const { id } = await db
    .insertInto("projects")
    .values({
      name,
      repo_url: `https://git.example.com/${name}.git`,
      branch: "main",
      poll_interval_ms: 60_000,
      webhook_secret: "x",
      created_at: 1,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return id;
}
