import type { Kysely } from "kysely";
import { type MigrationContext, tableWithId } from "./migration-context.js";

/** Monitor results (raw, with the release that was serving), each monitor's streak, alerts. */
export function migration0005(context: MigrationContext) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await tableWithId(db, context, "monitor_results")
        .addColumn("project_id", "integer", (c) =>
          c.notNull().references("projects.id").onDelete("cascade"),
        )
        .addColumn("environment", "text", (c) => c.notNull())
        .addColumn("monitor", "text", (c) => c.notNull())
        .addColumn("at", "bigint", (c) => c.notNull())
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("duration_ms", "integer", (c) => c.notNull())
        .addColumn("message", "text", (c) => c.notNull())
        .addColumn("release", "text")
        .execute();
      await db.schema
        .createIndex("monitor_results_monitor")
        .on("monitor_results")
        .columns(["project_id", "environment", "monitor", "id"])
        .execute();
      await db.schema
        .createTable("monitor_states")
        .addColumn("project_id", "integer", (c) =>
          c.notNull().references("projects.id").onDelete("cascade"),
        )
        .addColumn("environment", "text", (c) => c.notNull())
        .addColumn("monitor", "text", (c) => c.notNull())
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("failures", "integer", (c) => c.notNull())
        .addColumn("failing_since", "bigint")
        .addColumn("last_at", "bigint", (c) => c.notNull())
        .addColumn("message", "text", (c) => c.notNull())
        .addColumn("duration_ms", "integer", (c) => c.notNull())
        .addColumn("release", "text")
        .addPrimaryKeyConstraint("monitor_states_pk", ["project_id", "environment", "monitor"])
        .execute();
      await tableWithId(db, context, "alerts")
        .addColumn("project_id", "integer", (c) =>
          c.notNull().references("projects.id").onDelete("cascade"),
        )
        .addColumn("environment", "text", (c) => c.notNull())
        .addColumn("monitor", "text", (c) => c.notNull())
        .addColumn("state", "text", (c) => c.notNull())
        .addColumn("message", "text", (c) => c.notNull())
        .addColumn("release", "text")
        .addColumn("deployment_id", "integer")
        .addColumn("started_at", "bigint", (c) => c.notNull())
        .addColumn("fired_at", "bigint")
        .addColumn("resolved_at", "bigint")
        .execute();
      await db.schema
        .createIndex("alerts_environment")
        .on("alerts")
        .columns(["project_id", "environment", "id"])
        .execute();
    },
  };
}
