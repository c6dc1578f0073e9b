import type { Selectable } from "kysely";
import type { Db } from "../db/database.js";
import type { ApprovalsTable } from "../db/db-tables.js";

/** One person's "yes" to one build going to one environment; a new candidate needs new ones. */
export interface Approval {
  id: number;
  projectId: number;
  environment: string;
  buildId: number;
  approvedBy: string;
  comment: string | null;
  createdAt: number;
}

export interface ApprovalStore {
  /** Records an approval; null when this person already approved this build here. */
  add(approval: Omit<Approval, "id">): Promise<Approval | null>;
  forBuild(projectId: number, environment: string, buildId: number): Promise<Approval[]>;
}

export function createApprovalSqlStore(db: Db): ApprovalStore {
  return {
    async add(approval) {
      const row = await db
        .insertInto("approvals")
        .values({
          project_id: approval.projectId,
          environment: approval.environment,
          build_id: approval.buildId,
          approved_by: approval.approvedBy,
          comment: approval.comment,
          created_at: approval.createdAt,
        })
        .onConflict((oc) =>
          oc.columns(["project_id", "environment", "build_id", "approved_by"]).doNothing(),
        )
        .returningAll()
        .executeTakeFirst();
      return row ? toApproval(row) : null;
    },
    async forBuild(projectId, environment, buildId) {
      const rows = await db
        .selectFrom("approvals")
        .selectAll()
        .where("project_id", "=", projectId)
        .where("environment", "=", environment)
        .where("build_id", "=", buildId)
        .orderBy("id")
        .execute();
      return rows.map(toApproval);
    },
  };
}

function toApproval(row: Selectable<ApprovalsTable>): Approval {
  return {
    id: row.id,
    projectId: row.project_id,
    environment: row.environment,
    buildId: row.build_id,
    approvedBy: row.approved_by,
    comment: row.comment,
    createdAt: row.created_at,
  };
}
