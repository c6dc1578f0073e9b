/** The few dialect differences a migration may need; everything else is shared. */
export interface MigrationContext {
  /** `integer` (SQLite rowid alias) or `serial` (PostgreSQL) for auto-incrementing keys. */
  idColumn: "integer" | "serial";
}
