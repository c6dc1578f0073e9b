import type { FlagType } from "@weeknight/flags-sdk";
import type { Selectable } from "kysely";
import type { Db } from "../db/database.js";
import type { FlagEnvironment, FlagRecord, FlagStore } from "./flag-store.js";
import type { FlagEnvironmentsTable, FlagsTable, FlagTables } from "./flag-tables.js";

export function createFlagSqlStore(database: Db): FlagStore {
  const db = database.withTables<FlagTables>();

  async function withEnvironments(rows: Selectable<FlagsTable>[]): Promise<FlagRecord[]> {
    if (rows.length === 0) return [];
    const envRows = await db
      .selectFrom("flag_environments")
      .selectAll()
      .where(
        "flag_id",
        "in",
        rows.map((r) => r.id),
      )
      .orderBy("environment")
      .execute();
    const byFlag = new Map<number, FlagEnvironment[]>();
    for (const row of envRows) {
      const list = byFlag.get(row.flag_id) ?? [];
      list.push(toEnvironment(row));
      byFlag.set(row.flag_id, list);
    }
    return rows.map((row) => toFlag(row, byFlag.get(row.id) ?? []));
  }

  return {
    async create(flag) {
      const row = await db
        .insertInto("flags")
        .values({
          project_id: flag.projectId,
          key: flag.key,
          type: flag.type,
          description: flag.description,
          created_by: flag.createdBy,
          created_at: flag.createdAt,
        })
        .onConflict((oc) => oc.columns(["project_id", "key"]).doNothing())
        .returningAll()
        .executeTakeFirst();
      return row ? toFlag(row, []) : null;
    },
    async get(projectId, key) {
      const row = await db
        .selectFrom("flags")
        .selectAll()
        .where("project_id", "=", projectId)
        .where("key", "=", key)
        .executeTakeFirst();
      return row ? ((await withEnvironments([row]))[0] ?? null) : null;
    },
    async list(projectId, options = {}) {
      let query = db.selectFrom("flags").selectAll().where("project_id", "=", projectId);
      if (!options.archived) query = query.where("archived_at", "is", null);
      return withEnvironments(await query.orderBy("key").execute());
    },
    async active() {
      const rows = await db
        .selectFrom("flags")
        .selectAll()
        .where("archived_at", "is", null)
        .orderBy("id")
        .execute();
      return withEnvironments(rows);
    },
    async update(id, patch) {
      const set = {
        ...(patch.type !== undefined && { type: patch.type }),
        ...(patch.description !== undefined && { description: patch.description }),
        ...(patch.archivedAt !== undefined && { archived_at: patch.archivedAt }),
        ...(patch.staleNotifiedAt !== undefined && { stale_notified_at: patch.staleNotifiedAt }),
      };
      if (Object.keys(set).length === 0) return;
      await db.updateTable("flags").set(set).where("id", "=", id).execute();
    },
    async saveEnvironment(flagId, env) {
      const values = {
        enabled: env.enabled ? 1 : 0,
        rules: JSON.stringify(env.rules),
        variants: JSON.stringify(env.variants),
        ramp: env.ramp ? JSON.stringify(env.ramp) : null,
        released_at: env.releasedAt,
        updated_by: env.updatedBy,
        updated_at: env.updatedAt,
      };
      await db
        .insertInto("flag_environments")
        .values({ flag_id: flagId, environment: env.environment, ...values })
        .onConflict((oc) => oc.columns(["flag_id", "environment"]).doUpdateSet(values))
        .execute();
    },
    async segments(projectId) {
      const rows = await db
        .selectFrom("flag_segments")
        .selectAll()
        .where("project_id", "=", projectId)
        .orderBy("name")
        .execute();
      return rows.map((row) => ({
        name: row.name,
        description: row.description,
        constraints: JSON.parse(row.constraints),
        updatedBy: row.updated_by,
        updatedAt: row.updated_at,
      }));
    },
    async saveSegment(projectId, segment) {
      const values = {
        description: segment.description,
        constraints: JSON.stringify(segment.constraints),
        updated_by: segment.updatedBy,
        updated_at: segment.updatedAt,
      };
      await db
        .insertInto("flag_segments")
        .values({ project_id: projectId, name: segment.name, ...values })
        .onConflict((oc) => oc.columns(["project_id", "name"]).doUpdateSet(values))
        .execute();
    },
    async deleteSegment(projectId, name) {
      const result = await db
        .deleteFrom("flag_segments")
        .where("project_id", "=", projectId)
        .where("name", "=", name)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
  };
}

function toFlag(row: Selectable<FlagsTable>, environments: FlagEnvironment[]): FlagRecord {
  return {
    id: row.id,
    projectId: row.project_id,
    key: row.key,
    type: row.type as FlagType,
    description: row.description,
    createdBy: row.created_by,
    createdAt: row.created_at,
    archivedAt: row.archived_at,
    staleNotifiedAt: row.stale_notified_at,
    environments,
  };
}

function toEnvironment(row: Selectable<FlagEnvironmentsTable>): FlagEnvironment {
  return {
    environment: row.environment,
    enabled: row.enabled === 1,
    rules: JSON.parse(row.rules),
    variants: JSON.parse(row.variants),
    ramp: row.ramp === null ? null : JSON.parse(row.ramp),
    releasedAt: row.released_at,
    updatedBy: row.updated_by,
    updatedAt: row.updated_at,
  };
}
