import type { Clock } from "../clock.js";
import type { Db } from "../db/database.js";

export interface AuditEntry {
  id: number;
  at: number;
  actor: string;
  action: string;
  target: string;
  project: string | null;
  environment: string | null;
  details: Record<string, unknown>;
}

export interface AuditFilter {
  project?: string;
  environment?: string;
  action?: string;
  actor?: string;
  /** Exactly, e.g. `flag:new-checkout`. */
  target?: string;
  beforeId?: number;
  limit: number;
}

export interface AuditLog {
  record(entry: {
    actor: string;
    action: string;
    target: string;
    project?: string | null;
    environment?: string | null;
    details?: Record<string, unknown>;
  }): Promise<void>;
  /** Newest first. An `action` ending in `.` matches every action starting with it. */
  list(filter: AuditFilter): Promise<AuditEntry[]>;
}

/** Every change is written here: who did what to which thing. */
export function createAuditLog(deps: { db: Db; clock: Clock }): AuditLog {
  const { db, clock } = deps;
  return {
    async record(entry) {
      await db
        .insertInto("audit_log")
        .values({
          at: clock.now(),
          actor: entry.actor,
          action: entry.action,
          target: entry.target,
          project: entry.project ?? null,
          environment: entry.environment ?? null,
          details: JSON.stringify(entry.details ?? {}),
        })
        .execute();
    },
    async list(filter) {
      let query = db.selectFrom("audit_log").selectAll();
      if (filter.project !== undefined) query = query.where("project", "=", filter.project);
      if (filter.environment !== undefined)
        query = query.where("environment", "=", filter.environment);
      if (filter.action?.endsWith("."))
        query = query.where("action", "like", `${filter.action.replace(/[%_\\]/g, "")}%`);
      else if (filter.action !== undefined) query = query.where("action", "=", filter.action);
      if (filter.actor !== undefined) query = query.where("actor", "=", filter.actor);
      if (filter.target !== undefined) query = query.where("target", "=", filter.target);
      if (filter.beforeId !== undefined) query = query.where("id", "<", filter.beforeId);
      const rows = await query.orderBy("id", "desc").limit(filter.limit).execute();
      return rows.map((r) => ({ ...r, details: JSON.parse(r.details) as Record<string, unknown> }));
    },
  };
}
