import { afterEach, describe, expect, it } from "vitest";
import {
  openTestDatabase,
  type TestDatabase,
  testDialects,
} from "../test-support/test-databases.js";
import { createDatabase } from "./database.js";

describe.each(testDialects)("database on %s", (dialect) => {
  let database: TestDatabase | undefined;
  afterEach(async () => {
    await database?.close();
    database = undefined;
  });

  it("applies migrations once and reads back epoch-millisecond timestamps as numbers", async () => {
    database = await openTestDatabase(dialect);
    expect(await database.migrate()).toEqual([]);
    const now = 1_795_000_000_123;
    const row = await database.db
      .insertInto("users")
      .values({ username: "ada", password_hash: "x", role: "admin", created_at: now })
      .returning(["id", "created_at"])
      .executeTakeFirstOrThrow();
    expect(row.created_at).toBe(now);
    expect(typeof row.id).toBe("number");
  });
});

describe("createDatabase", () => {
  it("refuses a database URL that is not PostgreSQL, saying what to do", () => {
    expect(() => createDatabase({ url: "mysql://x", sqlitePath: "unused" })).toThrow(
      /must start with postgres:\/\//,
    );
  });
});
