import type { Selectable } from "kysely";
import type { Db } from "../db/database.js";
import type { DeliveriesTable } from "../db/db-tables.js";
import { NotFoundError } from "../errors/domain-errors.js";
import {
  type DeliveryRecord,
  type DeliveryStore,
  isChannelType,
  isDeliveryEvent,
  isDeliveryStatus,
} from "./delivery-store.js";

/** The delivery log in SQLite or PostgreSQL; nothing here is dialect-specific. */
export function createDeliverySqlStore(deps: { db: Db }): DeliveryStore {
  const { db } = deps;
  return {
    async create(input) {
      const row = await db
        .insertInto("deliveries")
        .values({
          project_id: input.projectId,
          build_id: input.buildId,
          event: input.event,
          channel: input.channel,
          target: input.target,
          status: "pending",
          attempts: 0,
          last_error: null,
          created_at: input.createdAt,
          finished_at: null,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toRecord(row);
    },

    async update(id, patch) {
      const values = {
        ...(patch.status !== undefined && { status: patch.status }),
        ...(patch.attempts !== undefined && { attempts: patch.attempts }),
        ...(patch.lastError !== undefined && { last_error: patch.lastError }),
        ...(patch.finishedAt !== undefined && { finished_at: patch.finishedAt }),
      };
      const row =
        Object.keys(values).length === 0
          ? await db.selectFrom("deliveries").selectAll().where("id", "=", id).executeTakeFirst()
          : await db
              .updateTable("deliveries")
              .set(values)
              .where("id", "=", id)
              .returningAll()
              .executeTakeFirst();
      if (!row) throw new NotFoundError(`delivery ${id} does not exist`, { id });
      return toRecord(row);
    },

    async failPending(reason, at) {
      const result = await db
        .updateTable("deliveries")
        .set({ status: "failed", last_error: reason, finished_at: at })
        .where("status", "=", "pending")
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },

    async list(query) {
      let select = db.selectFrom("deliveries").selectAll();
      if (query.projectId !== undefined) select = select.where("project_id", "=", query.projectId);
      if (query.buildId !== undefined) select = select.where("build_id", "=", query.buildId);
      if (query.event !== undefined) select = select.where("event", "=", query.event);
      if (query.status !== undefined) select = select.where("status", "=", query.status);
      const rows = await select
        .orderBy("created_at", "desc")
        .orderBy("id", "desc")
        .limit(query.limit)
        .execute();
      return rows.map(toRecord);
    },
  };
}

function toRecord(row: Selectable<DeliveriesTable>): DeliveryRecord {
  const { event, channel, status } = row;
  if (!isDeliveryEvent(event) || !isChannelType(channel) || !isDeliveryStatus(status)) {
    throw new Error(
      `delivery ${row.id} has an unknown event/channel/status (${event}/${channel}/${status}); upgrade weeknight or fix the row`,
    );
  }
  return {
    id: row.id,
    projectId: row.project_id,
    buildId: row.build_id,
    event,
    channel,
    target: row.target,
    status,
    attempts: row.attempts,
    lastError: row.last_error,
    createdAt: row.created_at,
    finishedAt: row.finished_at,
  };
}
