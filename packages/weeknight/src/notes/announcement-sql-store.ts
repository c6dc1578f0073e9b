import type { Selectable } from "kysely";
import type { Db } from "../db/database.js";
import type { Announcement, AnnouncementStore } from "./announcement-store.js";
import type { AnnouncementsTable, NoteTables } from "./note-tables.js";

export function createAnnouncementSqlStore(database: Db): AnnouncementStore {
  const db = database.withTables<NoteTables>();
  const byId = (id: number) =>
    db.selectFrom("announcements").selectAll().where("id", "=", id).executeTakeFirst();
  return {
    async create(a) {
      const row = await db
        .insertInto("announcements")
        .values({
          project_id: a.projectId,
          title: a.title,
          body_md: a.body,
          since: a.since,
          gathered: JSON.stringify(a.gathered),
          created_by: a.createdBy,
          created_at: a.createdAt,
          updated_by: a.createdBy,
          updated_at: a.createdAt,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toAnnouncement(row);
    },
    async get(id) {
      const row = await byId(id);
      return row ? toAnnouncement(row) : null;
    },
    async list(projectId, { published, limit }) {
      let query = db.selectFrom("announcements").selectAll().where("project_id", "=", projectId);
      if (published === true) query = query.where("published_at", "is not", null);
      if (published === false) query = query.where("published_at", "is", null);
      return (await query.orderBy("id", "desc").limit(limit).execute()).map(toAnnouncement);
    },
    async update(id, patch) {
      const set = {
        ...(patch.title !== undefined && { title: patch.title }),
        ...(patch.body !== undefined && { body_md: patch.body }),
        ...(patch.updatedBy !== undefined && { updated_by: patch.updatedBy }),
        ...(patch.updatedAt !== undefined && { updated_at: patch.updatedAt }),
        ...(patch.publishedBy !== undefined && { published_by: patch.publishedBy }),
        ...(patch.publishedAt !== undefined && { published_at: patch.publishedAt }),
      };
      if (Object.keys(set).length > 0) {
        await db.updateTable("announcements").set(set).where("id", "=", id).execute();
      }
      const row = await byId(id);
      if (!row) throw new Error(`announcement ${id} vanished while being updated`);
      return toAnnouncement(row);
    },
    async deleteDraft(id) {
      const result = await db
        .deleteFrom("announcements")
        .where("id", "=", id)
        .where("published_at", "is", null)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
  };
}

function toAnnouncement(row: Selectable<AnnouncementsTable>): Announcement {
  return {
    id: row.id,
    projectId: row.project_id,
    title: row.title,
    body: row.body_md,
    since: row.since,
    gathered: JSON.parse(row.gathered),
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedBy: row.updated_by,
    updatedAt: row.updated_at,
    publishedBy: row.published_by,
    publishedAt: row.published_at,
  };
}
