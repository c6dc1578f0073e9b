import { type Kysely, sql } from "kysely";
import type { Clock } from "../../clock.js";
import type { DialectName } from "../../db/database.js";
import { migration0003 } from "../../db/migrations/0003-backups.js";
import {
  insertTestProject,
  openTestDatabase,
  type TestDatabase,
} from "../../test-support/test-databases.js";

/**
 * A migrated test database with the backups table and one project. Until the lead
 * registers migration 0003, it is applied here; once registered it is already there.
 */
export async function openBackupTestDatabase(
  dialect: DialectName,
): Promise<{ database: TestDatabase; projectId: number }> {
  const database = await openTestDatabase(dialect);
  // Postgres introspection spans every schema; each test database is one schema.
  const schema =
    dialect === "postgres"
      ? (await sql<{ s: string }>`select current_schema() as s`.execute(database.db)).rows[0]?.s
      : undefined;
  const tables = await database.db.introspection.getTables();
  if (!tables.some((t) => t.name === "backups" && (schema === undefined || t.schema === schema))) {
    const db = database.db as unknown as Kysely<unknown>;
    await migration0003({ idColumn: dialect === "sqlite" ? "integer" : "serial" }).up(db);
  }
  const projectId = await insertTestProject(database.db, "app");
  return { database, projectId };
}

/** A clock tests move by hand. */
export function manualClock(start = 1_700_000_000_000): Clock & { advance(ms: number): void } {
  let now = start;
  return {
    now: () => now,
    advance: (ms) => {
      now += ms;
    },
  };
}
