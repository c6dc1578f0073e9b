import type { CreateTableBuilder, Kysely } from "kysely";
import type { MigrationContext } from "./migration-context.js";

export function migration0001({ idColumn }: MigrationContext) {
  const table = <T extends string>(db: Kysely<unknown>, name: T) =>
    db.schema
      .createTable(name)
      .addColumn("id", idColumn, (c) => c.primaryKey()) as CreateTableBuilder<T, "id">;
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await table(db, "users")
        .addColumn("username", "text", (c) => c.notNull().unique())
        .addColumn("password_hash", "text", (c) => c.notNull())
        .addColumn("role", "text", (c) => c.notNull())
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .execute();
      await table(db, "api_tokens")
        .addColumn("user_id", "integer", (c) =>
          c.notNull().references("users.id").onDelete("cascade"),
        )
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("token_hash", "text", (c) => c.notNull().unique())
        .addColumn("prefix", "text", (c) => c.notNull())
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .addColumn("last_used_at", "bigint")
        .execute();
      await table(db, "projects")
        .addColumn("name", "text", (c) => c.notNull().unique())
        .addColumn("repo_url", "text", (c) => c.notNull())
        .addColumn("branch", "text", (c) => c.notNull())
        .addColumn("poll_interval_ms", "bigint", (c) => c.notNull())
        .addColumn("webhook_secret", "text", (c) => c.notNull())
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .addColumn("last_polled_at", "bigint")
        .addColumn("last_seen_sha", "text")
        .execute();
      await table(db, "secrets")
        .addColumn("project_id", "integer", (c) =>
          c.notNull().references("projects.id").onDelete("cascade"),
        )
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("value", "text", (c) => c.notNull())
        .addColumn("updated_at", "bigint", (c) => c.notNull())
        .addUniqueConstraint("secrets_project_name", ["project_id", "name"])
        .execute();
      await table(db, "commits")
        .addColumn("project_id", "integer", (c) =>
          c.notNull().references("projects.id").onDelete("cascade"),
        )
        .addColumn("sha", "text", (c) => c.notNull())
        .addColumn("author_name", "text", (c) => c.notNull())
        .addColumn("author_email", "text", (c) => c.notNull())
        .addColumn("message", "text", (c) => c.notNull())
        .addColumn("committed_at", "bigint", (c) => c.notNull())
        .addUniqueConstraint("commits_project_sha", ["project_id", "sha"])
        .execute();
      await table(db, "builds")
        .addColumn("project_id", "integer", (c) =>
          c.notNull().references("projects.id").onDelete("cascade"),
        )
        .addColumn("sha", "text", (c) => c.notNull())
        .addColumn("branch", "text", (c) => c.notNull())
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("trigger", "text", (c) => c.notNull())
        .addColumn("commit_shas", "text", (c) => c.notNull())
        .addColumn("queued_at", "bigint", (c) => c.notNull())
        .addColumn("started_at", "bigint")
        .addColumn("finished_at", "bigint")
        .addColumn("error", "text")
        .addColumn("cancel_requested", "integer", (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema
        .createIndex("builds_project_id")
        .on("builds")
        .columns(["project_id", "id"])
        .execute();
      await db.schema.createIndex("builds_status").on("builds").columns(["status", "id"]).execute();
      await table(db, "build_stages")
        .addColumn("build_id", "integer", (c) =>
          c.notNull().references("builds.id").onDelete("cascade"),
        )
        .addColumn("position", "integer", (c) => c.notNull())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("started_at", "bigint")
        .addColumn("finished_at", "bigint")
        .addColumn("exit_code", "integer")
        .addColumn("message", "text")
        .addUniqueConstraint("build_stages_position", ["build_id", "position"])
        .execute();
      await table(db, "artifacts")
        .addColumn("build_id", "integer", (c) =>
          c.notNull().unique().references("builds.id").onDelete("cascade"),
        )
        .addColumn("sha256", "text", (c) => c.notNull())
        .addColumn("size", "bigint", (c) => c.notNull())
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .execute();
      await table(db, "deliveries")
        .addColumn("project_id", "integer", (c) =>
          c.notNull().references("projects.id").onDelete("cascade"),
        )
        .addColumn("build_id", "integer", (c) => c.references("builds.id").onDelete("cascade"))
        .addColumn("event", "text", (c) => c.notNull())
        .addColumn("channel", "text", (c) => c.notNull())
        .addColumn("target", "text", (c) => c.notNull())
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("attempts", "integer", (c) => c.notNull())
        .addColumn("last_error", "text")
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .addColumn("finished_at", "bigint")
        .execute();
      await table(db, "audit_log")
        .addColumn("at", "bigint", (c) => c.notNull())
        .addColumn("actor", "text", (c) => c.notNull())
        .addColumn("action", "text", (c) => c.notNull())
        .addColumn("target", "text", (c) => c.notNull())
        .addColumn("details", "text", (c) => c.notNull())
        .execute();
    },
  };
}
