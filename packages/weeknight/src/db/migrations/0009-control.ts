import type { Kysely } from "kysely";
import { type MigrationContext, tableWithId } from "./migration-context.js";

/**
 * Risk and control: blocks ("stop deploys to X, because…"), approvals of a candidate, builds
 * marked as fixing an incident, and the audit log filterable by project and environment.
 */
export function migration0009(context: MigrationContext) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await tableWithId(db, context, "blocks")
        .addColumn("project_id", "integer", (c) =>
          c.notNull().references("projects.id").onDelete("cascade"),
        )
        // NULL environment: the whole project; build or sha: only that build or commit.
        .addColumn("environment", "text")
        .addColumn("build_id", "integer")
        .addColumn("sha", "text")
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("reason", "text", (c) => c.notNull())
        .addColumn("created_by", "text", (c) => c.notNull())
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .addColumn("expires_at", "bigint")
        .addColumn("lifted_by", "text")
        .addColumn("lifted_at", "bigint")
        .addColumn("lift_reason", "text")
        .execute();
      await db.schema
        .createIndex("blocks_project")
        .on("blocks")
        .columns(["project_id", "lifted_at"])
        .execute();
      await tableWithId(db, context, "approvals")
        .addColumn("project_id", "integer", (c) =>
          c.notNull().references("projects.id").onDelete("cascade"),
        )
        .addColumn("environment", "text", (c) => c.notNull())
        .addColumn("build_id", "integer", (c) => c.notNull())
        .addColumn("approved_by", "text", (c) => c.notNull())
        .addColumn("comment", "text")
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("approvals_unique")
        .on("approvals")
        .columns(["project_id", "environment", "build_id", "approved_by"])
        .unique()
        .execute();
      await tableWithId(db, context, "incident_fixes")
        .addColumn("incident_id", "integer", (c) =>
          c.notNull().references("incidents.id").onDelete("cascade"),
        )
        .addColumn("build_id", "integer", (c) => c.notNull())
        .addColumn("marked_by", "text", (c) => c.notNull())
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("incident_fixes_unique")
        .on("incident_fixes")
        .columns(["incident_id", "build_id"])
        .unique()
        .execute();
      await db.schema.alterTable("audit_log").addColumn("project", "text").execute();
      await db.schema.alterTable("audit_log").addColumn("environment", "text").execute();
      await db.schema
        .createIndex("audit_log_project")
        .on("audit_log")
        .columns(["project", "environment", "id"])
        .execute();
    },
  };
}
