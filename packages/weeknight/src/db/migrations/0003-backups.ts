import type { Kysely } from "kysely";
import type { MigrationContext } from "./migration-context.js";

export function migration0003({ idColumn }: MigrationContext) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable("backups")
        .addColumn("id", idColumn, (c) => c.primaryKey())
        .addColumn("project_id", "integer", (c) =>
          c.notNull().references("projects.id").onDelete("cascade"),
        )
        .addColumn("environment", "text", (c) => c.notNull())
        // No foreign key: the deployments table lands in a sibling migration.
        .addColumn("deployment_id", "integer")
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("file", "text", (c) => c.notNull())
        .addColumn("size", "bigint", (c) => c.notNull())
        .addColumn("sha256", "text", (c) => c.notNull())
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("error", "text")
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .addColumn("verified_at", "bigint")
        .addColumn("verify_error", "text")
        .execute();
      await db.schema
        .createIndex("backups_project_environment")
        .on("backups")
        .columns(["project_id", "environment", "id"])
        .execute();
    },
  };
}
