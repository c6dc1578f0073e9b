import type { Selectable } from "kysely";
import type { Db } from "../db/database.js";
import type { FlagSdkKeysTable, FlagTables } from "./flag-tables.js";
import type { SdkKey, SdkKeyStore } from "./sdk-key-store.js";

export function createSdkKeySqlStore(database: Db): SdkKeyStore {
  const db = database.withTables<FlagTables>();
  return {
    async create(key) {
      const row = await db
        .insertInto("flag_sdk_keys")
        .values({
          project_id: key.projectId,
          environment: key.environment,
          name: key.name,
          token_hash: key.tokenHash,
          prefix: key.prefix,
          created_by: key.createdBy,
          created_at: key.createdAt,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toKey(row);
    },
    async byHash(tokenHash) {
      const row = await db
        .selectFrom("flag_sdk_keys")
        .selectAll()
        .where("token_hash", "=", tokenHash)
        .executeTakeFirst();
      return row ? toKey(row) : null;
    },
    async list(projectId) {
      const rows = await db
        .selectFrom("flag_sdk_keys")
        .selectAll()
        .where("project_id", "=", projectId)
        .orderBy("id")
        .execute();
      return rows.map(toKey);
    },
    async revoke(projectId, id, at) {
      const row = await db
        .updateTable("flag_sdk_keys")
        .set({ revoked_at: at })
        .where("id", "=", id)
        .where("project_id", "=", projectId)
        .where("revoked_at", "is", null)
        .returningAll()
        .executeTakeFirst();
      return row ? toKey(row) : null;
    },
    async touch(id, at) {
      await db
        .updateTable("flag_sdk_keys")
        .set({ last_used_at: at })
        .where("id", "=", id)
        .execute();
    },
  };
}

function toKey(row: Selectable<FlagSdkKeysTable>): SdkKey {
  return {
    id: row.id,
    projectId: row.project_id,
    environment: row.environment,
    name: row.name,
    prefix: row.prefix,
    createdBy: row.created_by,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}
