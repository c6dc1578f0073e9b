import type { Clock } from "../clock.js";
import type { Db } from "../db/database.js";

export interface AuditEntry {
  id: number;
  at: number;
  actor: string;
  action: string;
  target: string;
  details: Record<string, unknown>;
}

export interface AuditLog {
  record(entry: {
    actor: string;
    action: string;
    target: string;
    details?: Record<string, unknown>;
  }): Promise<void>;
  list(options: { limit: number }): Promise<AuditEntry[]>;
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
          details: JSON.stringify(entry.details ?? {}),
        })
        .execute();
    },
    async list({ limit }) {
      const rows = await db
        .selectFrom("audit_log")
        .selectAll()
        .orderBy("id", "desc")
        .limit(limit)
        .execute();
      return rows.map((r) => ({ ...r, details: JSON.parse(r.details) as Record<string, unknown> }));
    },
  };
}
