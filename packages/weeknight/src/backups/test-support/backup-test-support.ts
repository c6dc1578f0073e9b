import type { Clock } from "../../clock.js";
import type { DialectName } from "../../db/database.js";
import {
  insertTestProject,
  openTestDatabase,
  type TestDatabase,
} from "../../test-support/test-databases.js";

/** A migrated test database (the backups table included) with one project. */
export async function openBackupTestDatabase(
  dialect: DialectName,
): Promise<{ database: TestDatabase; projectId: number }> {
  const database = await openTestDatabase(dialect);
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
