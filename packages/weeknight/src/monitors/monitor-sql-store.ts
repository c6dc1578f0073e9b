import { type Selectable, sql } from "kysely";
import type { Db } from "../db/database.js";
import type { AlertsTable, MonitorResultsTable, MonitorStatesTable } from "../db/db-tables.js";
import type {
  Alert,
  AlertState,
  MonitorResult,
  MonitorState,
  MonitorStore,
} from "./monitor-store.js";
import type { CheckStatus } from "./monitor-types.js";

/** Rolling up into a bucket that has rows already adds to them (SQLite and PostgreSQL alike). */
const addToExisting = sql`
  ON CONFLICT (project_id, environment, monitor, period, start) DO UPDATE SET
    runs = monitor_rollups.runs + excluded.runs,
    passes = monitor_rollups.passes + excluded.passes,
    failures = monitor_rollups.failures + excluded.failures,
    inconclusive = monitor_rollups.inconclusive + excluded.inconclusive,
    duration_sum = monitor_rollups.duration_sum + excluded.duration_sum,
    duration_max = CASE WHEN excluded.duration_max > monitor_rollups.duration_max
      THEN excluded.duration_max ELSE monitor_rollups.duration_max END`;

export function createMonitorSqlStore(db: Db): MonitorStore {
  return {
    async record(result, state) {
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto("monitor_results")
          .values({
            project_id: result.projectId,
            environment: result.environment,
            monitor: result.monitor,
            at: result.at,
            status: result.status,
            duration_ms: Math.round(result.durationMs),
            message: result.message,
            release: result.release,
          })
          .execute();
        const row = {
          status: state.status,
          failures: state.failures,
          failing_since: state.failingSince,
          last_at: state.lastAt,
          message: state.message,
          duration_ms: Math.round(state.durationMs),
          release: state.release,
        };
        await trx
          .insertInto("monitor_states")
          .values({
            project_id: state.projectId,
            environment: state.environment,
            monitor: state.monitor,
            ...row,
          })
          .onConflict((oc) => oc.columns(["project_id", "environment", "monitor"]).doUpdateSet(row))
          .execute();
      });
    },
    async states(projectId, environment) {
      const rows = await db
        .selectFrom("monitor_states")
        .selectAll()
        .where("project_id", "=", projectId)
        .where("environment", "=", environment)
        .execute();
      return rows.map(toState);
    },
    async results(filter) {
      let query = db
        .selectFrom("monitor_results")
        .selectAll()
        .where("project_id", "=", filter.projectId)
        .where("environment", "=", filter.environment)
        .where("monitor", "=", filter.monitor);
      if (filter.beforeId !== undefined) query = query.where("id", "<", filter.beforeId);
      const rows = await query.orderBy("id", "desc").limit(filter.limit).execute();
      return rows.map(toResult);
    },
    async compact({ rawBefore, minuteBefore, hourBefore }) {
      await db.transaction().execute(async (trx) => {
        await sql`
          INSERT INTO monitor_rollups (project_id, environment, monitor, period, start, runs,
            passes, failures, inconclusive, duration_sum, duration_max)
          SELECT project_id, environment, monitor, 'minute', (at / 60000) * 60000, count(*),
            sum(CASE WHEN status = 'pass' THEN 1 ELSE 0 END),
            sum(CASE WHEN status = 'fail' THEN 1 ELSE 0 END),
            sum(CASE WHEN status = 'inconclusive' THEN 1 ELSE 0 END),
            sum(duration_ms), max(duration_ms)
          FROM monitor_results WHERE at < ${rawBefore}
          GROUP BY project_id, environment, monitor, (at / 60000) * 60000
          ${addToExisting}`.execute(trx);
        await trx.deleteFrom("monitor_results").where("at", "<", rawBefore).execute();
      });
      await db.transaction().execute(async (trx) => {
        await sql`
          INSERT INTO monitor_rollups (project_id, environment, monitor, period, start, runs,
            passes, failures, inconclusive, duration_sum, duration_max)
          SELECT project_id, environment, monitor, 'hour', (start / 3600000) * 3600000,
            sum(runs), sum(passes), sum(failures), sum(inconclusive), sum(duration_sum),
            max(duration_max)
          FROM monitor_rollups WHERE period = 'minute' AND start < ${minuteBefore}
          GROUP BY project_id, environment, monitor, (start / 3600000) * 3600000
          ${addToExisting}`.execute(trx);
        await trx
          .deleteFrom("monitor_rollups")
          .where("period", "=", "minute")
          .where("start", "<", minuteBefore)
          .execute();
        await trx
          .deleteFrom("monitor_rollups")
          .where("period", "=", "hour")
          .where("start", "<", hourBefore)
          .execute();
      });
    },
    async history(filter) {
      const rows = await db
        .selectFrom("monitor_rollups")
        .selectAll()
        .where("project_id", "=", filter.projectId)
        .where("environment", "=", filter.environment)
        .where("monitor", "=", filter.monitor)
        .where("period", "=", filter.period)
        .where("start", ">=", filter.from)
        .where("start", "<", filter.to)
        .orderBy("start")
        .limit(10_000)
        .execute();
      return rows.map((row) => ({
        start: row.start,
        runs: row.runs,
        passes: row.passes,
        failures: row.failures,
        inconclusive: row.inconclusive,
        durationAvgMs: row.runs > 0 ? Math.round(Number(row.duration_sum) / row.runs) : 0,
        durationMaxMs: row.duration_max,
      }));
    },
    async openAlert(alert) {
      const row = await db
        .insertInto("alerts")
        .values({
          project_id: alert.projectId,
          environment: alert.environment,
          monitor: alert.monitor,
          state: alert.state,
          message: alert.message,
          release: alert.release,
          deployment_id: alert.deploymentId,
          started_at: alert.startedAt,
          fired_at: alert.firedAt,
          resolved_at: alert.resolvedAt,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toAlert(row);
    },
    async updateAlert(id, patch) {
      const set: Partial<Selectable<AlertsTable>> = {};
      if (patch.state !== undefined) set.state = patch.state;
      if (patch.message !== undefined) set.message = patch.message;
      if (patch.firedAt !== undefined) set.fired_at = patch.firedAt;
      if (patch.resolvedAt !== undefined) set.resolved_at = patch.resolvedAt;
      if (Object.keys(set).length === 0) return;
      await db.updateTable("alerts").set(set).where("id", "=", id).execute();
    },
    async alerts(filter) {
      let query = db.selectFrom("alerts").selectAll();
      if (filter.projectId !== undefined) query = query.where("project_id", "=", filter.projectId);
      if (filter.environment !== undefined)
        query = query.where("environment", "=", filter.environment);
      if (filter.states?.length) query = query.where("state", "in", filter.states);
      if (filter.beforeId !== undefined) query = query.where("id", "<", filter.beforeId);
      const rows = await query.orderBy("id", "desc").limit(filter.limit).execute();
      return rows.map(toAlert);
    },
  };
}

function toResult(row: Selectable<MonitorResultsTable>): MonitorResult {
  return {
    id: row.id,
    projectId: row.project_id,
    environment: row.environment,
    monitor: row.monitor,
    at: row.at,
    status: row.status as CheckStatus,
    durationMs: row.duration_ms,
    message: row.message,
    release: row.release,
  };
}

function toState(row: Selectable<MonitorStatesTable>): MonitorState {
  return {
    projectId: row.project_id,
    environment: row.environment,
    monitor: row.monitor,
    status: row.status as CheckStatus,
    failures: row.failures,
    failingSince: row.failing_since,
    lastAt: row.last_at,
    message: row.message,
    durationMs: row.duration_ms,
    release: row.release,
  };
}

function toAlert(row: Selectable<AlertsTable>): Alert {
  return {
    id: row.id,
    projectId: row.project_id,
    environment: row.environment,
    monitor: row.monitor,
    state: row.state as AlertState,
    message: row.message,
    release: row.release,
    deploymentId: row.deployment_id,
    startedAt: row.started_at,
    firedAt: row.fired_at,
    resolvedAt: row.resolved_at,
  };
}
