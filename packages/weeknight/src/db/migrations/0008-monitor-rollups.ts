import type { Kysely } from "kysely";

/** Monitor results rolled up per minute and per hour once raw results are dropped. */
export function migration0008() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable("monitor_rollups")
        .addColumn("project_id", "integer", (c) =>
          c.notNull().references("projects.id").onDelete("cascade"),
        )
        .addColumn("environment", "text", (c) => c.notNull())
        .addColumn("monitor", "text", (c) => c.notNull())
        .addColumn("period", "text", (c) => c.notNull())
        .addColumn("start", "bigint", (c) => c.notNull())
        .addColumn("runs", "integer", (c) => c.notNull())
        .addColumn("passes", "integer", (c) => c.notNull())
        .addColumn("failures", "integer", (c) => c.notNull())
        .addColumn("inconclusive", "integer", (c) => c.notNull())
        .addColumn("duration_sum", "bigint", (c) => c.notNull())
        .addColumn("duration_max", "integer", (c) => c.notNull())
        .addPrimaryKeyConstraint("monitor_rollups_pk", [
          "project_id",
          "environment",
          "monitor",
          "period",
          "start",
        ])
        .execute();
    },
  };
}
