import type { Db } from "../db/database.js";
import { ConflictError, InvalidInputError } from "../errors/domain-errors.js";

/** Builds a deployer marked as fixing an incident (besides commits saying `Fixes: INC-<n>`). */
export interface IncidentFixStore {
  /** False when the build was already marked as fixing it. */
  mark(fix: {
    incidentId: number;
    buildId: number;
    markedBy: string;
    createdAt: number;
  }): Promise<boolean>;
  /** The incidents a build was marked as fixing. */
  fixedBy(buildId: number): Promise<number[]>;
  /** The project's newest marked fix, if any. */
  latest(
    projectId: number,
  ): Promise<{ incidentId: number; buildId: number; createdAt: number } | null>;
}

export function createIncidentFixSqlStore(db: Db): IncidentFixStore {
  return {
    async mark(fix) {
      const row = await db
        .insertInto("incident_fixes")
        .values({
          incident_id: fix.incidentId,
          build_id: fix.buildId,
          marked_by: fix.markedBy,
          created_at: fix.createdAt,
        })
        .onConflict((oc) => oc.columns(["incident_id", "build_id"]).doNothing())
        .returning("id")
        .executeTakeFirst();
      return row !== undefined;
    },
    async fixedBy(buildId) {
      const rows = await db
        .selectFrom("incident_fixes")
        .select("incident_id")
        .where("build_id", "=", buildId)
        .execute();
      return rows.map((r) => r.incident_id);
    },
    async latest(projectId) {
      const row = await db
        .selectFrom("incident_fixes")
        .innerJoin("builds", "builds.id", "incident_fixes.build_id")
        .select([
          "incident_fixes.incident_id as incidentId",
          "incident_fixes.build_id as buildId",
          "incident_fixes.created_at as createdAt",
        ])
        .where("builds.project_id", "=", projectId)
        .orderBy("incident_fixes.created_at", "desc")
        .orderBy("incident_fixes.id", "desc")
        .limit(1)
        .executeTakeFirst();
      return row ?? null;
    },
  };
}

/** Marks a build as fixing an incident: both must exist, and belong to one project. */
export function createFixMarker(deps: {
  store: IncidentFixStore;
  incidents: { get(id: number): Promise<{ id: number; project: string; state: string }> };
  builds: { get(id: number): Promise<{ id: number; project: string }> };
  clock: { now(): number };
}) {
  return async (incidentId: number, buildId: number, by: string): Promise<void> => {
    const [incident, build] = await Promise.all([
      deps.incidents.get(incidentId),
      deps.builds.get(buildId),
    ]);
    if (incident.project !== build.project) {
      throw new InvalidInputError(
        `build ${buildId} is ${build.project}'s, but INC-${incidentId} is ${incident.project}'s`,
      );
    }
    if (incident.state !== "open")
      throw new ConflictError(`INC-${incidentId} is ${incident.state}: nothing to fix any more`);
    const added = await deps.store.mark({
      incidentId,
      buildId,
      markedBy: by,
      createdAt: deps.clock.now(),
    });
    if (!added)
      throw new ConflictError(`build ${buildId} is already marked as fixing INC-${incidentId}`);
  };
}
