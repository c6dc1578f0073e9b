import type { Kysely } from "kysely";
import { type MigrationContext, tableWithId } from "./migration-context.js";

/** Incidents (at most one per suspect deployment), their timelines and follow-ups. */
export function migration0006(context: MigrationContext) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await tableWithId(db, context, "incidents")
        .addColumn("project_id", "integer", (c) =>
          c.notNull().references("projects.id").onDelete("cascade"),
        )
        .addColumn("environment", "text", (c) => c.notNull())
        .addColumn("title", "text", (c) => c.notNull())
        .addColumn("severity", "text", (c) => c.notNull())
        .addColumn("state", "text", (c) => c.notNull())
        .addColumn("deployment_id", "integer")
        .addColumn("opened_at", "bigint", (c) => c.notNull())
        .addColumn("opened_by", "text", (c) => c.notNull())
        .addColumn("resolved_at", "bigint")
        .addColumn("root_cause", "text")
        .addColumn("resolution", "text")
        .execute();
      await db.schema
        .createIndex("incidents_project")
        .on("incidents")
        .columns(["project_id", "id"])
        .execute();
      // One incident per suspect deployment (NULLs, incidents with no suspect, may repeat).
      await db.schema
        .createIndex("incidents_deployment")
        .on("incidents")
        .column("deployment_id")
        .unique()
        .execute();
      await tableWithId(db, context, "incident_events")
        .addColumn("incident_id", "integer", (c) =>
          c.notNull().references("incidents.id").onDelete("cascade"),
        )
        .addColumn("at", "bigint", (c) => c.notNull())
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("text", "text", (c) => c.notNull())
        .addColumn("actor", "text", (c) => c.notNull())
        .addColumn("alert_id", "integer")
        .addColumn("monitor", "text")
        .addColumn("deployment_id", "integer")
        .execute();
      await db.schema
        .createIndex("incident_events_incident")
        .on("incident_events")
        .columns(["incident_id", "id"])
        .execute();
      await tableWithId(db, context, "incident_follow_ups")
        .addColumn("incident_id", "integer", (c) =>
          c.notNull().references("incidents.id").onDelete("cascade"),
        )
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("text", "text", (c) => c.notNull())
        .addColumn("owner", "text", (c) => c.notNull())
        .addColumn("done", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .addColumn("done_at", "bigint")
        .execute();
      await db.schema
        .createIndex("incident_follow_ups_incident")
        .on("incident_follow_ups")
        .columns(["incident_id", "id"])
        .execute();
    },
  };
}
