import type { Selectable } from "kysely";
import type { Db } from "../db/database.js";
import type { BuildStagesTable, BuildsTable } from "../db/db-tables.js";
import type {
  Artifact,
  Build,
  BuildStatus,
  BuildStore,
  CommitRecord,
  Stage,
  StageStatus,
} from "./build-store.js";

const toBuild = (r: Selectable<BuildsTable>): Build => ({
  id: r.id,
  projectId: r.project_id,
  sha: r.sha,
  branch: r.branch,
  status: r.status as BuildStatus,
  trigger: r.trigger,
  commitShas: JSON.parse(r.commit_shas) as string[],
  queuedAt: r.queued_at,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
  error: r.error,
  cancelRequested: r.cancel_requested === 1,
});

const toStage = (r: Selectable<BuildStagesTable>): Stage => ({
  position: r.position,
  name: r.name,
  status: r.status as StageStatus,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
  exitCode: r.exit_code,
  message: r.message,
});

export function createBuildSqlStore(db: Db): BuildStore {
  const finishedBefore = (projectId: number, beforeId: number, statuses: BuildStatus[]) =>
    db
      .selectFrom("builds")
      .selectAll()
      .where("project_id", "=", projectId)
      .where("id", "<", beforeId)
      .where("status", "in", statuses)
      .orderBy("id", "desc")
      .limit(1)
      .executeTakeFirst();

  return {
    async create(input) {
      const row = await db
        .insertInto("builds")
        .values({
          project_id: input.projectId,
          sha: input.sha,
          branch: input.branch,
          status: "queued",
          trigger: input.trigger,
          commit_shas: JSON.stringify(input.commitShas),
          queued_at: input.queuedAt,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toBuild(row);
    },
    async get(id) {
      const row = await db.selectFrom("builds").selectAll().where("id", "=", id).executeTakeFirst();
      return row ? toBuild(row) : null;
    },
    async list(filter) {
      let query = db.selectFrom("builds").selectAll().orderBy("id", "desc").limit(filter.limit);
      if (filter.projectId !== undefined) query = query.where("project_id", "=", filter.projectId);
      if (filter.status) query = query.where("status", "=", filter.status);
      if (filter.beforeId !== undefined) query = query.where("id", "<", filter.beforeId);
      return (await query.execute()).map(toBuild);
    },
    async deployable(projectId, limit) {
      const rows = await db
        .selectFrom("builds")
        .selectAll("builds")
        .where("project_id", "=", projectId)
        .where("status", "=", "passed")
        .where((eb) =>
          eb.exists(
            eb
              .selectFrom("artifacts")
              .select("artifacts.id")
              .whereRef("artifacts.build_id", "=", "builds.id"),
          ),
        )
        .orderBy("id", "desc")
        .limit(limit)
        .execute();
      return rows.map(toBuild);
    },
    async oldestQueued() {
      const row = await db
        .selectFrom("builds")
        .selectAll()
        .where("status", "=", "queued")
        .orderBy("id")
        .limit(1)
        .executeTakeFirst();
      return row ? toBuild(row) : null;
    },
    async claim(id, at) {
      const result = await db
        .updateTable("builds")
        .set({ status: "running", started_at: at })
        .where("id", "=", id)
        .where("status", "=", "queued")
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async finish(id, status, at, error) {
      await db
        .updateTable("builds")
        .set({ status, finished_at: at, error })
        .where("id", "=", id)
        .execute();
    },
    async requestCancel(id) {
      await db.updateTable("builds").set({ cancel_requested: 1 }).where("id", "=", id).execute();
    },
    async requeueRunning() {
      const rows = await db
        .updateTable("builds")
        .set({ status: "queued", started_at: null })
        .where("status", "=", "running")
        .returning("id")
        .execute();
      const ids = rows.map((r) => r.id);
      if (ids.length > 0)
        await db.deleteFrom("build_stages").where("build_id", "in", ids).execute();
      return ids;
    },
    async previousFinished(projectId, beforeId) {
      const row = await finishedBefore(projectId, beforeId, ["passed", "failed"]);
      return row ? toBuild(row) : null;
    },
    async finishedStatusBefore(bounds) {
      if (bounds.length === 0) return [];
      // One round trip: a scalar subquery per project, each walking the (project_id, id) index
      // back from its bound to the first finished build.
      const row = await db
        .selectNoFrom((eb) =>
          bounds.map((bound, i) =>
            eb
              .selectFrom("builds")
              .select("status")
              .where("project_id", "=", bound.projectId)
              .where("id", "<", bound.beforeId)
              .where("status", "in", ["passed", "failed"])
              .orderBy("id", "desc")
              .limit(1)
              .as(`p${i}`),
          ),
        )
        .executeTakeFirst();
      const values = (row ?? {}) as Record<string, string | null>;
      return bounds.map((_, i) => (values[`p${i}`] as BuildStatus | null | undefined) ?? null);
    },
    async lastPassed(projectId, beforeId) {
      const row = await finishedBefore(projectId, beforeId, ["passed"]);
      return row ? toBuild(row) : null;
    },
    async setStages(buildId, names) {
      await db.deleteFrom("build_stages").where("build_id", "=", buildId).execute();
      if (names.length === 0) return;
      await db
        .insertInto("build_stages")
        .values(
          names.map((name, position) => ({ build_id: buildId, position, name, status: "pending" })),
        )
        .execute();
    },
    async updateStage(buildId, position, patch) {
      await db
        .updateTable("build_stages")
        .set({
          status: patch.status,
          started_at: patch.startedAt,
          finished_at: patch.finishedAt,
          exit_code: patch.exitCode,
          message: patch.message,
        })
        .where("build_id", "=", buildId)
        .where("position", "=", position)
        .execute();
    },
    async stages(buildId) {
      const rows = await db
        .selectFrom("build_stages")
        .selectAll()
        .where("build_id", "=", buildId)
        .orderBy("position")
        .execute();
      return rows.map(toStage);
    },
    async details(builds) {
      const ids = builds.map((b) => b.id);
      const result = new Map(
        ids.map((id) => [
          id,
          {
            stages: [] as Stage[],
            artifact: null as Artifact | null,
            commits: [] as CommitRecord[],
          },
        ]),
      );
      if (ids.length === 0) return result;
      const shas = [...new Set(builds.flatMap((b) => b.commitShas))];
      const [stages, artifacts, commits] = await Promise.all([
        db
          .selectFrom("build_stages")
          .selectAll()
          .where("build_id", "in", ids)
          .orderBy("build_id")
          .orderBy("position")
          .execute(),
        db
          .selectFrom("artifacts")
          .select(["build_id", "sha256", "size", "created_at"])
          .where("build_id", "in", ids)
          .execute(),
        shas.length === 0
          ? Promise.resolve([])
          : db
              .selectFrom("commits")
              .select([
                "project_id",
                "sha",
                "author_name",
                "author_email",
                "message",
                "committed_at",
              ])
              .where("project_id", "in", [...new Set(builds.map((b) => b.projectId))])
              .where("sha", "in", shas)
              .execute(),
      ]);
      for (const row of stages) result.get(row.build_id)?.stages.push(toStage(row));
      for (const row of artifacts) {
        const entry = result.get(row.build_id);
        if (entry)
          entry.artifact = { sha256: row.sha256, size: row.size, createdAt: row.created_at };
      }
      const byKey = new Map(commits.map((c) => [`${c.project_id}:${c.sha}`, c]));
      for (const build of builds) {
        const entry = result.get(build.id);
        for (const sha of build.commitShas) {
          const c = byKey.get(`${build.projectId}:${sha}`);
          if (c && entry) {
            entry.commits.push({
              sha,
              authorName: c.author_name,
              authorEmail: c.author_email,
              message: c.message,
              committedAt: c.committed_at,
            });
          }
        }
      }
      return result;
    },
    async saveArtifact(buildId, artifact) {
      await db
        .insertInto("artifacts")
        .values({
          build_id: buildId,
          sha256: artifact.sha256,
          size: artifact.size,
          created_at: artifact.createdAt,
        })
        .execute();
    },
    async artifact(buildId) {
      const row = await db
        .selectFrom("artifacts")
        .select(["sha256", "size", "created_at"])
        .where("build_id", "=", buildId)
        .executeTakeFirst();
      return row ? { sha256: row.sha256, size: row.size, createdAt: row.created_at } : null;
    },
    async saveCommits(projectId, commits) {
      if (commits.length === 0) return;
      await db
        .insertInto("commits")
        .values(
          commits.map((c) => ({
            project_id: projectId,
            sha: c.sha,
            author_name: c.authorName,
            author_email: c.authorEmail,
            message: c.message,
            committed_at: c.committedAt,
          })),
        )
        .onConflict((oc) => oc.columns(["project_id", "sha"]).doNothing())
        .execute();
    },
    async commits(projectId, shas) {
      if (shas.length === 0) return [];
      const rows = await db
        .selectFrom("commits")
        .select(["sha", "author_name", "author_email", "message", "committed_at"])
        .where("project_id", "=", projectId)
        .where("sha", "in", shas)
        .execute();
      const bySha = new Map(rows.map((r) => [r.sha, r]));
      return shas.flatMap((sha) => {
        const r = bySha.get(sha);
        return r
          ? [
              {
                sha,
                authorName: r.author_name,
                authorEmail: r.author_email,
                message: r.message,
                committedAt: r.committed_at,
              },
            ]
          : [];
      });
    },
  };
}
