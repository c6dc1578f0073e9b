import type { CreateTableBuilder, Kysely } from "kysely";
import type { MigrationContext } from "./migration-context.js";

export function migration0002({ idColumn }: MigrationContext) {
  const table = <T extends string>(db: Kysely<unknown>, name: T) =>
    db.schema
      .createTable(name)
      .addColumn("id", idColumn, (c) => c.primaryKey()) as CreateTableBuilder<T, "id">;
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await table(db, "deployments")
        .addColumn("project_id", "integer", (c) =>
          c.notNull().references("projects.id").onDelete("cascade"),
        )
        .addColumn("environment", "text", (c) => c.notNull())
        .addColumn("build_id", "integer", (c) =>
          c.notNull().references("builds.id").onDelete("cascade"),
        )
        .addColumn("release_id", "text", (c) => c.notNull())
        .addColumn("previous_deployment_id", "integer")
        .addColumn("step", "text", (c) => c.notNull())
        .addColumn("trigger", "text", (c) => c.notNull())
        .addColumn("reason", "text")
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .addColumn("updated_at", "bigint", (c) => c.notNull())
        .addColumn("finished_at", "bigint")
        .execute();
      await db.schema
        .createIndex("deployments_environment")
        .on("deployments")
        .columns(["project_id", "environment", "id"])
        .execute();
      await table(db, "deployment_steps")
        .addColumn("deployment_id", "integer", (c) =>
          c.notNull().references("deployments.id").onDelete("cascade"),
        )
        .addColumn("step", "text", (c) => c.notNull())
        .addColumn("detail", "text")
        .addColumn("at", "bigint", (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("deployment_steps_deployment")
        .on("deployment_steps")
        .columns(["deployment_id", "id"])
        .execute();
      await db.schema
        .createTable("environment_runs")
        .addColumn("project_id", "integer", (c) =>
          c.notNull().references("projects.id").onDelete("cascade"),
        )
        .addColumn("environment", "text", (c) => c.notNull())
        .addColumn("last_run_at", "bigint")
        .addColumn("last_skip_reason", "text")
        .addColumn("last_skip_at", "bigint")
        .addPrimaryKeyConstraint("environment_runs_pk", ["project_id", "environment"])
        .execute();
    },
  };
}
