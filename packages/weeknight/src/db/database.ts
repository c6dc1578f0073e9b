import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import SqliteDatabase from "better-sqlite3";
import {
  Kysely,
  type SqliteDatabase as KyselySqliteDatabase,
  Migrator,
  PostgresDialect,
  SqliteDialect,
  sql,
} from "kysely";
import pg from "pg";
import type { Tables } from "./db-tables.js";
import { migrationList } from "./migrations/migration-list.js";

export type DialectName = "sqlite" | "postgres";
export type Db = Kysely<Tables>;

export interface Database {
  db: Db;
  dialect: DialectName;
  /** Applies every pending migration; returns the names applied now. */
  migrate(): Promise<string[]>;
  close(): Promise<void>;
}

/** `postgres://…` selects PostgreSQL; anything else is a path to a SQLite file. */
export function createDatabase(target: { url?: string; sqlitePath: string }): Database {
  const url = target.url;
  if (url && /^postgres(ql)?:\/\//.test(url)) return openPostgres(url);
  if (url) {
    throw new Error(
      `WEEKNIGHT_DATABASE_URL must start with postgres:// (got "${url.split(":")[0]}:…"); leave it unset for the embedded SQLite database`,
    );
  }
  return openSqlite(target.sqlitePath);
}

function openSqlite(path: string): Database {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const sqlite = new SqliteDatabase(path);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("synchronous = NORMAL");
  const db = new Kysely<Tables>({
    dialect: new SqliteDialect({ database: withStatementCache(sqlite) }),
  });
  return withMigrator(db, "sqlite");
}

const STATEMENT_CACHE_SIZE = 256;

/**
 * Kysely prepares every query anew; preparing costs SQLite as much as running a small query.
 * The same few hundred SQL texts come back on every request, so their statements are kept
 * (least recently used dropped first). Kysely never streams here, so no statement is shared
 * by two queries at once.
 */
function withStatementCache(sqlite: SqliteDatabase.Database): KyselySqliteDatabase {
  const statements = new Map<string, SqliteDatabase.Statement>();
  const prepare = (source: string) => {
    let statement = statements.get(source);
    if (statement) {
      statements.delete(source);
    } else {
      statement = sqlite.prepare(source);
      if (statements.size >= STATEMENT_CACHE_SIZE) {
        const oldest = statements.keys().next().value;
        if (oldest !== undefined) statements.delete(oldest);
      }
    }
    statements.set(source, statement);
    return statement;
  };
  return {
    prepare,
    close: () => {
      statements.clear();
      sqlite.close();
    },
  };
}

const INT8_OID = 20;

function openPostgres(url: string): Database {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    // Epoch-millisecond timestamps are int8; they fit in a JS number.
    types: {
      getTypeParser: (oid: number, format?: string) =>
        oid === INT8_OID
          ? (value: string) => Number(value)
          : pg.types.getTypeParser(oid, format as "text"),
    },
  });
  const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
  return withMigrator(db, "postgres");
}

function withMigrator(db: Db, dialect: DialectName): Database {
  const migrations = migrationList({ idColumn: dialect === "sqlite" ? "integer" : "serial" });
  const migratorIn = (schema: string | undefined) =>
    new Migrator({
      db,
      provider: { getMigrations: async () => migrations },
      migrationTableName: "weeknight_migrations",
      migrationLockTableName: "weeknight_migrations_lock",
      migrationTableSchema: schema,
    });
  return {
    db,
    dialect,
    async migrate() {
      // Kysely looks for its table in every schema unless told which one; ours is the current one.
      const schema =
        dialect === "postgres"
          ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]
              ?.schema
          : undefined;
      const { error, results } = await migratorIn(schema).migrateToLatest();
      if (error) {
        const failed = results?.find((r) => r.status === "Error")?.migrationName ?? "unknown";
        throw new Error(`migration ${failed} failed: ${(error as Error).message}`, {
          cause: error,
        });
      }
      return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
    },
    close: () => db.destroy(),
  };
}
