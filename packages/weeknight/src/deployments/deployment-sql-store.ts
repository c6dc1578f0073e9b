import type { Selectable } from "kysely";
import type { Db } from "../db/database.js";
import type { DeploymentsTable } from "../db/db-tables.js";
import type { DeploymentStep } from "../targets/target.js";
import { type Deployment, type DeploymentStore, finishedSteps } from "./deployment-store.js";

const toDeployment = (r: Selectable<DeploymentsTable>): Deployment => ({
  id: r.id,
  projectId: r.project_id,
  environment: r.environment,
  buildId: r.build_id,
  releaseId: r.release_id,
  previousDeploymentId: r.previous_deployment_id,
  step: r.step as DeploymentStep,
  trigger: r.trigger,
  reason: r.reason,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  finishedAt: r.finished_at,
});

export function createDeploymentSqlStore(db: Db): DeploymentStore {
  return {
    async create(input) {
      return db.transaction().execute(async (tx) => {
        const row = await tx
          .insertInto("deployments")
          .values({
            project_id: input.projectId,
            environment: input.environment,
            build_id: input.buildId,
            release_id: "",
            previous_deployment_id: input.previousDeploymentId,
            step: "pending",
            trigger: input.trigger,
            created_at: input.createdAt,
            updated_at: input.createdAt,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        // The release id names build and deployment, so two deploys of one build never collide.
        const updated = await tx
          .updateTable("deployments")
          .set({ release_id: input.releaseId ?? `b${input.buildId}-d${row.id}` })
          .where("id", "=", row.id)
          .returningAll()
          .executeTakeFirstOrThrow();
        await tx
          .insertInto("deployment_steps")
          .values({ deployment_id: row.id, step: "pending", detail: null, at: input.createdAt })
          .execute();
        return toDeployment(updated);
      });
    },
    async get(id) {
      const row = await db
        .selectFrom("deployments")
        .selectAll()
        .where("id", "=", id)
        .executeTakeFirst();
      return row ? toDeployment(row) : null;
    },
    async list(filter) {
      let query = db
        .selectFrom("deployments")
        .selectAll()
        .orderBy("id", "desc")
        .limit(filter.limit);
      if (filter.projectId !== undefined) query = query.where("project_id", "=", filter.projectId);
      if (filter.environment !== undefined)
        query = query.where("environment", "=", filter.environment);
      if (filter.beforeId !== undefined) query = query.where("id", "<", filter.beforeId);
      return (await query.execute()).map(toDeployment);
    },
    async setStep(id, step, at, detail = null) {
      const finished = finishedSteps.includes(step);
      await db.transaction().execute(async (tx) => {
        await tx
          .updateTable("deployments")
          .set({
            step,
            updated_at: at,
            ...(finished ? { finished_at: at, reason: detail } : {}),
          })
          .where("id", "=", id)
          .execute();
        await tx
          .insertInto("deployment_steps")
          .values({ deployment_id: id, step, detail, at })
          .execute();
      });
    },
    async steps(id) {
      const rows = await db
        .selectFrom("deployment_steps")
        .select(["step", "detail", "at"])
        .where("deployment_id", "=", id)
        .orderBy("id")
        .execute();
      return rows.map((r) => ({ step: r.step as DeploymentStep, detail: r.detail, at: r.at }));
    },
    async unfinished() {
      const rows = await db
        .selectFrom("deployments")
        .selectAll()
        .where("step", "not in", [...finishedSteps])
        .orderBy("id")
        .execute();
      return rows.map(toDeployment);
    },
    async live(projectId, environment) {
      const row = await db
        .selectFrom("deployments")
        .selectAll()
        .where("project_id", "=", projectId)
        .where("environment", "=", environment)
        .where("step", "=", "succeeded")
        .orderBy("finished_at", "desc")
        .orderBy("id", "desc")
        .limit(1)
        .executeTakeFirst();
      return row ? toDeployment(row) : null;
    },
    async lastRollback(projectId) {
      const row = await db
        .selectFrom("deployments")
        .selectAll()
        .where("project_id", "=", projectId)
        .where((eb) =>
          eb.or([
            eb("step", "=", "rolled-back"),
            eb.and([eb("step", "=", "succeeded"), eb("trigger", "like", "rollback:%")]),
          ]),
        )
        .orderBy("finished_at", "desc")
        .orderBy("id", "desc")
        .limit(1)
        .executeTakeFirst();
      return row ? toDeployment(row) : null;
    },
    async succeededBuilds(projectId, environment) {
      const rows = await db
        .selectFrom("deployments")
        .select("build_id")
        .distinct()
        .where("project_id", "=", projectId)
        .where("environment", "=", environment)
        .where("step", "=", "succeeded")
        .execute();
      return rows.map((r) => r.build_id);
    },
    async finishedSince(projectId, environment, since) {
      const rows = await db
        .selectFrom("deployments")
        .selectAll()
        .where("project_id", "=", projectId)
        .where("environment", "=", environment)
        .where("finished_at", ">=", since)
        .orderBy("finished_at")
        .orderBy("id")
        .execute();
      return rows.map(toDeployment);
    },
    async recordRun(projectId, environment, at, skipReason) {
      const values =
        skipReason === null
          ? { last_run_at: at }
          : { last_skip_reason: skipReason, last_skip_at: at };
      await db
        .insertInto("environment_runs")
        .values({ project_id: projectId, environment, ...values })
        .onConflict((oc) => oc.columns(["project_id", "environment"]).doUpdateSet(values))
        .execute();
    },
    async lastRun(projectId, environment) {
      const row = await db
        .selectFrom("environment_runs")
        .selectAll()
        .where("project_id", "=", projectId)
        .where("environment", "=", environment)
        .executeTakeFirst();
      return row
        ? {
            lastRunAt: row.last_run_at,
            lastSkipReason: row.last_skip_reason,
            lastSkipAt: row.last_skip_at,
          }
        : null;
    },
  };
}
