import type { Kysely } from "kysely";

/** Browser sessions for the dashboard: a cookie names the session, stored hashed. */
export function migration0004() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable("sessions")
        .addColumn("id_hash", "text", (c) => c.primaryKey())
        .addColumn("user_id", "integer", (c) =>
          c.notNull().references("users.id").onDelete("cascade"),
        )
        .addColumn("csrf_token", "text", (c) => c.notNull())
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .addColumn("expires_at", "bigint", (c) => c.notNull())
        .execute();
    },
  };
}
