import type { CreateTableBuilder, Kysely } from "kysely";

/** The few dialect differences a migration may need; everything else is shared. */
export interface MigrationContext {
  /** `integer` (SQLite rowid alias) or `serial` (PostgreSQL) for auto-incrementing keys. */
  idColumn: "integer" | "serial";
}

/** A new table whose first column is the auto-incrementing `id` primary key. */
export function tableWithId<T extends string>(
  db: Kysely<unknown>,
  { idColumn }: MigrationContext,
  name: T,
): CreateTableBuilder<T, "id"> {
  return db.schema
    .createTable(name)
    .addColumn("id", idColumn, (c) => c.primaryKey()) as CreateTableBuilder<T, "id">;
}
