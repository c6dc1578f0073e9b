import type { ColumnDefinitionBuilder, Kysely } from "kysely";
import { type MigrationContext, tableWithId } from "./migration-context.js";

/**
 * Telling people: release notes per environment and build (drafted before the deploy, kept
 * after it), and announcements that marketing publishes on its own schedule.
 */
export function migration0011(context: MigrationContext) {
  const projectId = (c: ColumnDefinitionBuilder) =>
    c.notNull().references("projects.id").onDelete("cascade");
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await tableWithId(db, context, "release_notes")
        .addColumn("project_id", "integer", projectId)
        .addColumn("environment", "text", (c) => c.notNull())
        .addColumn("build_id", "integer", (c) => c.notNull())
        .addColumn("deployment_id", "integer")
        // The live release's commit when drafted (NULL: the first deploy), and the build's.
        .addColumn("from_sha", "text")
        .addColumn("to_sha", "text", (c) => c.notNull())
        // JSON: the commits as note entries; the markdown is generated from them until edited.
        .addColumn("entries", "text", (c) => c.notNull())
        .addColumn("internal_md", "text", (c) => c.notNull())
        .addColumn("customer_md", "text", (c) => c.notNull())
        .addColumn("edited_by", "text")
        .addColumn("edited_at", "bigint")
        .addColumn("deployed_at", "bigint")
        .addColumn("published_at", "bigint")
        .addColumn("withdrawn_at", "bigint")
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .addColumn("updated_at", "bigint", (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("release_notes_build")
        .on("release_notes")
        .columns(["project_id", "environment", "build_id"])
        .unique()
        .execute();
      await db.schema
        .createIndex("release_notes_published")
        .on("release_notes")
        .columns(["project_id", "published_at"])
        .execute();
      await tableWithId(db, context, "announcements")
        .addColumn("project_id", "integer", projectId)
        .addColumn("title", "text", (c) => c.notNull())
        .addColumn("body_md", "text", (c) => c.notNull())
        // What the draft gathered: released flags and customer entries published after `since`.
        .addColumn("since", "bigint", (c) => c.notNull())
        .addColumn("gathered", "text", (c) => c.notNull())
        .addColumn("created_by", "text", (c) => c.notNull())
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .addColumn("updated_by", "text", (c) => c.notNull())
        .addColumn("updated_at", "bigint", (c) => c.notNull())
        .addColumn("published_by", "text")
        .addColumn("published_at", "bigint")
        .execute();
    },
  };
}
