import { Cron } from "croner";
import type { Selectable } from "kysely";
import type { MaintenanceWindow } from "../config/monitor-schema.js";
import type { Db } from "../db/database.js";
import type { SilencesTable } from "../db/db-tables.js";

/** "No alert notifications for this environment (or one monitor) until then, because…". */
export interface Silence {
  id: number;
  projectId: number;
  environment: string;
  /** Null silences every monitor of the environment. */
  monitor: string | null;
  reason: string;
  createdBy: string;
  createdAt: number;
  until: number;
}

export interface SilenceStore {
  add(silence: Omit<Silence, "id">): Promise<Silence>;
  /** Silences still in force at `now` (all projects, or one). */
  active(now: number, projectId?: number): Promise<Silence[]>;
  /** Ends a silence now; false when there is none with that id. */
  end(id: number, now: number): Promise<boolean>;
}

export function createSilenceSqlStore(db: Db): SilenceStore {
  return {
    async add(silence) {
      const row = await db
        .insertInto("silences")
        .values({
          project_id: silence.projectId,
          environment: silence.environment,
          monitor: silence.monitor,
          reason: silence.reason,
          created_by: silence.createdBy,
          created_at: silence.createdAt,
          until: silence.until,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toSilence(row);
    },
    async active(now, projectId) {
      let query = db.selectFrom("silences").selectAll().where("until", ">", now);
      if (projectId !== undefined) query = query.where("project_id", "=", projectId);
      return (await query.orderBy("id", "desc").execute()).map(toSilence);
    },
    async end(id, now) {
      const result = await db
        .updateTable("silences")
        .set({ until: now })
        .where("id", "=", id)
        .where("until", ">", now)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
  };
}

/** The silence covering an alert of `monitor` in `environment`, if any. */
export function silenceFor(
  silences: readonly Silence[],
  alert: { projectId: number; environment: string; monitor: string },
): Silence | null {
  return (
    silences.find(
      (s) =>
        s.projectId === alert.projectId &&
        s.environment === alert.environment &&
        (s.monitor === null || s.monitor === alert.monitor),
    ) ?? null
  );
}

/** The maintenance window `now` falls in, if any: one that started less than `duration` ago. */
export function maintenanceAt(
  windows: readonly MaintenanceWindow[],
  now: number,
): MaintenanceWindow | null {
  for (const window of windows) {
    const cron = new Cron(window.schedule, { timezone: window.timezone, paused: true });
    const start = cron.nextRun(new Date(now - window.duration));
    if (start && start.getTime() <= now) return window;
  }
  return null;
}

function toSilence(row: Selectable<SilencesTable>): Silence {
  return {
    id: row.id,
    projectId: row.project_id,
    environment: row.environment,
    monitor: row.monitor,
    reason: row.reason,
    createdBy: row.created_by,
    createdAt: row.created_at,
    until: row.until,
  };
}
