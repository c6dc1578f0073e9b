import type { Selectable } from "kysely";
import type { Db } from "../db/database.js";
import type { NoteStore, ReleaseNotes } from "./note-store.js";
import type { NoteTables, ReleaseNotesTable } from "./note-tables.js";

export function createNoteSqlStore(database: Db): NoteStore {
  const db = database.withTables<NoteTables>();
  const byId = async (id: number) =>
    db.selectFrom("release_notes").selectAll().where("id", "=", id).executeTakeFirst();
  const byBuild = (projectId: number, environment: string, buildId: number) =>
    db
      .selectFrom("release_notes")
      .selectAll()
      .where("project_id", "=", projectId)
      .where("environment", "=", environment)
      .where("build_id", "=", buildId);

  return {
    async draft(notes, now) {
      const generated = {
        from_sha: notes.fromSha,
        to_sha: notes.toSha,
        entries: JSON.stringify(notes.entries),
        updated_at: now,
      };
      const markdown = { internal_md: notes.internal, customer_md: notes.customer };
      const existing = await byBuild(
        notes.projectId,
        notes.environment,
        notes.buildId,
      ).executeTakeFirst();
      if (existing) {
        // A person's words win over regenerated ones.
        const set = existing.edited_at === null ? { ...generated, ...markdown } : generated;
        await db.updateTable("release_notes").set(set).where("id", "=", existing.id).execute();
        return toNotes((await byId(existing.id)) ?? existing);
      }
      const row = await db
        .insertInto("release_notes")
        .values({
          project_id: notes.projectId,
          environment: notes.environment,
          build_id: notes.buildId,
          ...generated,
          ...markdown,
          created_at: now,
        })
        .onConflict((oc) => oc.columns(["project_id", "environment", "build_id"]).doNothing())
        .returningAll()
        .executeTakeFirst();
      if (row) return toNotes(row);
      // Drafted at the same moment elsewhere: that draft stands.
      const raced = await byBuild(
        notes.projectId,
        notes.environment,
        notes.buildId,
      ).executeTakeFirstOrThrow();
      return toNotes(raced);
    },
    async get(id) {
      const row = await byId(id);
      return row ? toNotes(row) : null;
    },
    async find(projectId, environment, buildId) {
      const row = await byBuild(projectId, environment, buildId).executeTakeFirst();
      return row ? toNotes(row) : null;
    },
    async list({ projectId, environment, beforeId, limit }) {
      let query = db.selectFrom("release_notes").selectAll().where("project_id", "=", projectId);
      if (environment !== undefined) query = query.where("environment", "=", environment);
      if (beforeId !== undefined) query = query.where("id", "<", beforeId);
      return (await query.orderBy("id", "desc").limit(limit).execute()).map(toNotes);
    },
    async update(id, patch, now) {
      const set = {
        updated_at: now,
        ...(patch.deploymentId !== undefined && { deployment_id: patch.deploymentId }),
        ...(patch.internal !== undefined && { internal_md: patch.internal }),
        ...(patch.customer !== undefined && { customer_md: patch.customer }),
        ...(patch.editedBy !== undefined && { edited_by: patch.editedBy }),
        ...(patch.editedAt !== undefined && { edited_at: patch.editedAt }),
        ...(patch.deployedAt !== undefined && { deployed_at: patch.deployedAt }),
        ...(patch.publishedAt !== undefined && { published_at: patch.publishedAt }),
        ...(patch.withdrawnAt !== undefined && { withdrawn_at: patch.withdrawnAt }),
      };
      await db.updateTable("release_notes").set(set).where("id", "=", id).execute();
      const row = await byId(id);
      if (!row) throw new Error(`release notes ${id} vanished while being updated`);
      return toNotes(row);
    },
    async published(projectId, { since, limit }) {
      let query = db
        .selectFrom("release_notes")
        .selectAll()
        .where("project_id", "=", projectId)
        .where("published_at", "is not", null)
        .where("withdrawn_at", "is", null)
        .where("customer_md", "!=", "");
      if (since !== undefined) query = query.where("published_at", ">", since);
      return (await query.orderBy("published_at", "desc").limit(limit).execute()).map(toNotes);
    },
  };
}

function toNotes(row: Selectable<ReleaseNotesTable>): ReleaseNotes {
  return {
    id: row.id,
    projectId: row.project_id,
    environment: row.environment,
    buildId: row.build_id,
    deploymentId: row.deployment_id,
    fromSha: row.from_sha,
    toSha: row.to_sha,
    entries: JSON.parse(row.entries),
    internal: row.internal_md,
    customer: row.customer_md,
    editedBy: row.edited_by,
    editedAt: row.edited_at,
    deployedAt: row.deployed_at,
    publishedAt: row.published_at,
    withdrawnAt: row.withdrawn_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
