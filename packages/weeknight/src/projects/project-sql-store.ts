import type { Db } from "../db/database.js";
import type { Project, ProjectStore } from "./project-store.js";

const columns = [
  "id",
  "name",
  "repo_url",
  "branch",
  "poll_interval_ms",
  "created_at",
  "last_polled_at",
  "last_seen_sha",
] as const;

type Row = {
  id: number;
  name: string;
  repo_url: string;
  branch: string;
  poll_interval_ms: number;
  created_at: number;
  last_polled_at: number | null;
  last_seen_sha: string | null;
};

const toProject = (r: Row): Project => ({
  id: r.id,
  name: r.name,
  repoUrl: r.repo_url,
  branch: r.branch,
  pollIntervalMs: r.poll_interval_ms,
  createdAt: r.created_at,
  lastPolledAt: r.last_polled_at,
  lastSeenSha: r.last_seen_sha,
});

export function createProjectSqlStore(db: Db): ProjectStore {
  return {
    async create(input) {
      const row = await db
        .insertInto("projects")
        .values({
          name: input.name,
          repo_url: input.repoUrl,
          branch: input.branch,
          poll_interval_ms: input.pollIntervalMs,
          webhook_secret: input.webhookSecret,
          created_at: input.createdAt,
        })
        .returning(columns)
        .executeTakeFirstOrThrow();
      return toProject(row);
    },
    async get(name) {
      const row = await db
        .selectFrom("projects")
        .select(columns)
        .where("name", "=", name)
        .executeTakeFirst();
      return row ? toProject(row) : null;
    },
    async getById(id) {
      const row = await db
        .selectFrom("projects")
        .select(columns)
        .where("id", "=", id)
        .executeTakeFirst();
      return row ? toProject(row) : null;
    },
    async list() {
      return (await db.selectFrom("projects").select(columns).orderBy("name").execute()).map(
        toProject,
      );
    },
    async remove(id) {
      await db.deleteFrom("projects").where("id", "=", id).execute();
    },
    async webhookSecret(id) {
      const row = await db
        .selectFrom("projects")
        .select("webhook_secret")
        .where("id", "=", id)
        .executeTakeFirstOrThrow();
      return row.webhook_secret;
    },
    async markPolled(id, at) {
      await db.updateTable("projects").set({ last_polled_at: at }).where("id", "=", id).execute();
    },
    async advanceHead(id, from, to) {
      const result = await db
        .updateTable("projects")
        .set({ last_seen_sha: to })
        .where("id", "=", id)
        .where((eb) =>
          from === null ? eb("last_seen_sha", "is", null) : eb("last_seen_sha", "=", from),
        )
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async setSecret(projectId, name, value, at) {
      await db
        .insertInto("secrets")
        .values({ project_id: projectId, name, value, updated_at: at })
        .onConflict((oc) =>
          oc.columns(["project_id", "name"]).doUpdateSet({ value, updated_at: at }),
        )
        .execute();
    },
    async deleteSecret(projectId, name) {
      const result = await db
        .deleteFrom("secrets")
        .where("project_id", "=", projectId)
        .where("name", "=", name)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
    async listSecrets(projectId) {
      const rows = await db
        .selectFrom("secrets")
        .select(["name", "updated_at"])
        .where("project_id", "=", projectId)
        .orderBy("name")
        .execute();
      return rows.map((r) => ({ name: r.name, updatedAt: r.updated_at }));
    },
    async secretValues(projectId) {
      const rows = await db
        .selectFrom("secrets")
        .select(["name", "value"])
        .where("project_id", "=", projectId)
        .execute();
      return Object.fromEntries(rows.map((r) => [r.name, r.value]));
    },
  };
}
