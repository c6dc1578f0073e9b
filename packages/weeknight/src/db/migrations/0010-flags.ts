import type { ColumnDefinitionBuilder, Kysely } from "kysely";
import { type MigrationContext, tableWithId } from "./migration-context.js";

/**
 * Feature flags: flags per project with per-environment rules (JSON), named segments, SDK keys
 * (stored hashed), evaluation counts per hour from SDKs, and the SDK instances seen.
 */
export function migration0010(context: MigrationContext) {
  const projectId = (c: ColumnDefinitionBuilder) =>
    c.notNull().references("projects.id").onDelete("cascade");
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await tableWithId(db, context, "flags")
        .addColumn("project_id", "integer", projectId)
        .addColumn("key", "text", (c) => c.notNull())
        .addColumn("type", "text", (c) => c.notNull())
        .addColumn("description", "text", (c) => c.notNull())
        .addColumn("created_by", "text", (c) => c.notNull())
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .addColumn("archived_at", "bigint")
        .addColumn("stale_notified_at", "bigint")
        .execute();
      await db.schema
        .createIndex("flags_key")
        .on("flags")
        .columns(["project_id", "key"])
        .unique()
        .execute();
      await tableWithId(db, context, "flag_environments")
        .addColumn("flag_id", "integer", (c) =>
          c.notNull().references("flags.id").onDelete("cascade"),
        )
        .addColumn("environment", "text", (c) => c.notNull())
        .addColumn("enabled", "integer", (c) => c.notNull())
        // JSON: Rule[] and Variant[] as the SDK reads them; ramp: the scheduled steps, or NULL.
        .addColumn("rules", "text", (c) => c.notNull())
        .addColumn("variants", "text", (c) => c.notNull())
        .addColumn("ramp", "text")
        .addColumn("released_at", "bigint")
        .addColumn("updated_by", "text", (c) => c.notNull())
        .addColumn("updated_at", "bigint", (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("flag_environments_unique")
        .on("flag_environments")
        .columns(["flag_id", "environment"])
        .unique()
        .execute();
      await tableWithId(db, context, "flag_segments")
        .addColumn("project_id", "integer", projectId)
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("description", "text", (c) => c.notNull())
        .addColumn("constraints", "text", (c) => c.notNull())
        .addColumn("updated_by", "text", (c) => c.notNull())
        .addColumn("updated_at", "bigint", (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("flag_segments_name")
        .on("flag_segments")
        .columns(["project_id", "name"])
        .unique()
        .execute();
      await tableWithId(db, context, "flag_sdk_keys")
        .addColumn("project_id", "integer", projectId)
        .addColumn("environment", "text", (c) => c.notNull())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("token_hash", "text", (c) => c.notNull().unique())
        .addColumn("prefix", "text", (c) => c.notNull())
        .addColumn("created_by", "text", (c) => c.notNull())
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .addColumn("last_used_at", "bigint")
        .addColumn("revoked_at", "bigint")
        .execute();
      await tableWithId(db, context, "flag_evaluations")
        .addColumn("project_id", "integer", projectId)
        .addColumn("environment", "text", (c) => c.notNull())
        .addColumn("flag_key", "text", (c) => c.notNull())
        // '' counts yes/no of the flag; a variant name counts that variant.
        .addColumn("variant", "text", (c) => c.notNull())
        .addColumn("hour", "bigint", (c) => c.notNull())
        .addColumn("yes", "bigint", (c) => c.notNull())
        .addColumn("no", "bigint", (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("flag_evaluations_unique")
        .on("flag_evaluations")
        .columns(["project_id", "environment", "flag_key", "variant", "hour"])
        .unique()
        .execute();
      await tableWithId(db, context, "flag_clients")
        .addColumn("project_id", "integer", projectId)
        .addColumn("environment", "text", (c) => c.notNull())
        .addColumn("app_name", "text", (c) => c.notNull())
        .addColumn("instance_id", "text", (c) => c.notNull())
        .addColumn("sdk_version", "text", (c) => c.notNull())
        .addColumn("started_at", "bigint", (c) => c.notNull())
        .addColumn("last_seen_at", "bigint", (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("flag_clients_unique")
        .on("flag_clients")
        .columns(["project_id", "environment", "app_name", "instance_id"])
        .unique()
        .execute();
    },
  };
}
