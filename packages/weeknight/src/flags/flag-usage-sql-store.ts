import { sql } from "kysely";
import type { Db } from "../db/database.js";
import type { FlagTables } from "./flag-tables.js";
import type { FlagUsageStore } from "./flag-usage-store.js";

export function createFlagUsageSqlStore(database: Db): FlagUsageStore {
  const db = database.withTables<FlagTables>();
  return {
    async add(projectId, environment, counts) {
      if (counts.length === 0) return;
      await db.transaction().execute(async (tx) => {
        for (const count of counts) {
          await tx
            .insertInto("flag_evaluations")
            .values({
              project_id: projectId,
              environment,
              flag_key: count.flagKey,
              variant: count.variant,
              hour: count.hour,
              yes: count.yes,
              no: count.no,
            })
            .onConflict((oc) =>
              oc.columns(["project_id", "environment", "flag_key", "variant", "hour"]).doUpdateSet({
                yes: sql`flag_evaluations.yes + ${count.yes}`,
                no: sql`flag_evaluations.no + ${count.no}`,
              }),
            )
            .execute();
        }
      });
    },
    async counts({ projectId, environment, flagKey, since }) {
      let query = db
        .selectFrom("flag_evaluations")
        .select(["environment", "flag_key", "variant", "hour", "yes", "no"])
        .where("project_id", "=", projectId)
        .where("hour", ">=", since);
      if (environment !== undefined) query = query.where("environment", "=", environment);
      if (flagKey !== undefined) query = query.where("flag_key", "=", flagKey);
      const rows = await query.orderBy("hour").orderBy("flag_key").orderBy("variant").execute();
      return rows.map((row) => ({
        environment: row.environment,
        flagKey: row.flag_key,
        variant: row.variant,
        hour: Number(row.hour),
        yes: Number(row.yes),
        no: Number(row.no),
      }));
    },
    async seen(projectId, client) {
      await db
        .insertInto("flag_clients")
        .values({
          project_id: projectId,
          environment: client.environment,
          app_name: client.appName,
          instance_id: client.instanceId,
          sdk_version: client.sdkVersion,
          started_at: client.startedAt,
          last_seen_at: client.lastSeenAt,
        })
        .onConflict((oc) =>
          oc
            .columns(["project_id", "environment", "app_name", "instance_id"])
            // Metrics reports carry no SDK version; keep the one it registered with.
            .doUpdateSet({
              last_seen_at: client.lastSeenAt,
              ...(client.sdkVersion !== "" && { sdk_version: client.sdkVersion }),
            }),
        )
        .execute();
    },
    async clients(projectId, since) {
      const rows = await db
        .selectFrom("flag_clients")
        .selectAll()
        .where("project_id", "=", projectId)
        .where("last_seen_at", ">=", since)
        .orderBy("last_seen_at", "desc")
        .execute();
      return rows.map((row) => ({
        environment: row.environment,
        appName: row.app_name,
        instanceId: row.instance_id,
        sdkVersion: row.sdk_version,
        startedAt: row.started_at,
        lastSeenAt: row.last_seen_at,
      }));
    },
  };
}
