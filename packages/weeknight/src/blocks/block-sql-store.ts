import type { Selectable } from "kysely";
import type { Db } from "../db/database.js";
import type { BlocksTable } from "../db/db-tables.js";
import type { Block, BlockKind, BlockStore } from "./block-store.js";

export function createBlockSqlStore(db: Db): BlockStore {
  const inForce = (now: number) =>
    db
      .selectFrom("blocks")
      .selectAll()
      .where("lifted_at", "is", null)
      .where((eb) => eb.or([eb("expires_at", "is", null), eb("expires_at", ">", now)]));
  return {
    async create(block) {
      const row = await db
        .insertInto("blocks")
        .values({
          project_id: block.projectId,
          environment: block.environment,
          build_id: block.buildId,
          sha: block.sha,
          kind: block.kind,
          reason: block.reason,
          created_by: block.createdBy,
          created_at: block.createdAt,
          expires_at: block.expiresAt,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toBlock(row);
    },
    async get(id) {
      const row = await db.selectFrom("blocks").selectAll().where("id", "=", id).executeTakeFirst();
      return row ? toBlock(row) : null;
    },
    async active(now, projectId) {
      let query = inForce(now);
      if (projectId !== undefined) query = query.where("project_id", "=", projectId);
      return (await query.orderBy("id", "desc").execute()).map(toBlock);
    },
    async history({ projectId, beforeId, limit }) {
      let query = db.selectFrom("blocks").selectAll();
      if (projectId !== undefined) query = query.where("project_id", "=", projectId);
      if (beforeId !== undefined) query = query.where("id", "<", beforeId);
      return (await query.orderBy("id", "desc").limit(limit).execute()).map(toBlock);
    },
    async lift(id, lift) {
      const row = await db
        .updateTable("blocks")
        .set({ lifted_by: lift.by, lifted_at: lift.at, lift_reason: lift.reason })
        .where("id", "=", id)
        .where("lifted_at", "is", null)
        .returningAll()
        .executeTakeFirst();
      return row ? toBlock(row) : null;
    },
  };
}

function toBlock(row: Selectable<BlocksTable>): Block {
  return {
    id: row.id,
    projectId: row.project_id,
    environment: row.environment,
    buildId: row.build_id,
    sha: row.sha,
    kind: row.kind as BlockKind,
    reason: row.reason,
    createdBy: row.created_by,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    liftedBy: row.lifted_by,
    liftedAt: row.lifted_at,
    liftReason: row.lift_reason,
  };
}
