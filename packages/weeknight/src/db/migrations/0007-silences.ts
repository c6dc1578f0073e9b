import type { Kysely } from "kysely";
import { type MigrationContext, tableWithId } from "./migration-context.js";

/** Silences: "no alert notifications for this environment (or monitor) until then, because…". */
export function migration0007(context: MigrationContext) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await tableWithId(db, context, "silences")
        .addColumn("project_id", "integer", (c) =>
          c.notNull().references("projects.id").onDelete("cascade"),
        )
        .addColumn("environment", "text", (c) => c.notNull())
        .addColumn("monitor", "text")
        .addColumn("reason", "text", (c) => c.notNull())
        .addColumn("created_by", "text", (c) => c.notNull())
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .addColumn("until", "bigint", (c) => c.notNull())
        .execute();
    },
  };
}
