import type { Kysely, Selectable, Transaction } from "kysely";
import type { Db } from "../db/database.js";
import type {
  IncidentEventsTable,
  IncidentFollowUpsTable,
  IncidentsTable,
  Tables,
} from "../db/db-tables.js";
import type {
  EventKind,
  FollowUp,
  FollowUpKind,
  Incident,
  IncidentEvent,
  IncidentState,
  IncidentStore,
  NewEvent,
  Severity,
} from "./incident-store.js";

export function createIncidentSqlStore(db: Db): IncidentStore {
  async function append(trx: Kysely<Tables> | Transaction<Tables>, id: number, events: NewEvent[]) {
    if (events.length === 0) return;
    await trx
      .insertInto("incident_events")
      .values(
        events.map((e) => ({
          incident_id: id,
          at: e.at,
          kind: e.kind,
          text: e.text,
          actor: e.actor,
          alert_id: e.alertId ?? null,
          monitor: e.monitor ?? null,
          deployment_id: e.deploymentId ?? null,
        })),
      )
      .execute();
  }

  return {
    async create(incident, events) {
      return db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto("incidents")
          .values({
            project_id: incident.projectId,
            environment: incident.environment,
            title: incident.title,
            severity: incident.severity,
            state: incident.state,
            deployment_id: incident.deploymentId,
            opened_at: incident.openedAt,
            opened_by: incident.openedBy,
            resolved_at: incident.resolvedAt,
            root_cause: incident.rootCause,
            resolution: incident.resolution,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        await append(trx, row.id, events);
        return toIncident(row);
      });
    },
    async get(id) {
      const row = await db
        .selectFrom("incidents")
        .selectAll()
        .where("id", "=", id)
        .executeTakeFirst();
      return row ? toIncident(row) : null;
    },
    async byDeployment(deploymentId) {
      const row = await db
        .selectFrom("incidents")
        .selectAll()
        .where("deployment_id", "=", deploymentId)
        .executeTakeFirst();
      return row ? toIncident(row) : null;
    },
    async list(filter) {
      let query = db.selectFrom("incidents").selectAll();
      if (filter.projectId !== undefined) query = query.where("project_id", "=", filter.projectId);
      if (filter.environment !== undefined)
        query = query.where("environment", "=", filter.environment);
      if (filter.states?.length) query = query.where("state", "in", filter.states);
      if (filter.beforeId !== undefined) query = query.where("id", "<", filter.beforeId);
      const rows = await query.orderBy("id", "desc").limit(filter.limit).execute();
      return rows.map(toIncident);
    },
    async update(id, patch, events) {
      await db.transaction().execute(async (trx) => {
        const set: Partial<Selectable<IncidentsTable>> = {};
        if (patch.state !== undefined) set.state = patch.state;
        if (patch.severity !== undefined) set.severity = patch.severity;
        if (patch.resolvedAt !== undefined) set.resolved_at = patch.resolvedAt;
        if (patch.rootCause !== undefined) set.root_cause = patch.rootCause;
        if (patch.resolution !== undefined) set.resolution = patch.resolution;
        if (Object.keys(set).length > 0)
          await trx.updateTable("incidents").set(set).where("id", "=", id).execute();
        await append(trx, id, events);
      });
    },
    async events(incidentId) {
      const rows = await db
        .selectFrom("incident_events")
        .selectAll()
        .where("incident_id", "=", incidentId)
        .orderBy("at")
        .orderBy("id")
        .execute();
      return rows.map(toEvent);
    },
    async followUps(incidentId) {
      const rows = await db
        .selectFrom("incident_follow_ups")
        .selectAll()
        .where("incident_id", "=", incidentId)
        .orderBy("id")
        .execute();
      return rows.map(toFollowUp);
    },
    async addFollowUp(followUp, event) {
      return db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto("incident_follow_ups")
          .values({
            incident_id: followUp.incidentId,
            kind: followUp.kind,
            text: followUp.text,
            owner: followUp.owner,
            done: 0,
            created_at: followUp.createdAt,
            done_at: null,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        await append(trx, followUp.incidentId, [event]);
        return toFollowUp(row);
      });
    },
    async setFollowUpDone(id, done, at, event) {
      await db.transaction().execute(async (trx) => {
        const row = await trx
          .updateTable("incident_follow_ups")
          .set({ done: done ? 1 : 0, done_at: done ? at : null })
          .where("id", "=", id)
          .returning("incident_id")
          .executeTakeFirstOrThrow();
        await append(trx, row.incident_id, [event]);
      });
    },
  };
}

function toIncident(row: Selectable<IncidentsTable>): Incident {
  return {
    id: row.id,
    projectId: row.project_id,
    environment: row.environment,
    title: row.title,
    severity: row.severity as Severity,
    state: row.state as IncidentState,
    deploymentId: row.deployment_id,
    openedAt: row.opened_at,
    openedBy: row.opened_by,
    resolvedAt: row.resolved_at,
    rootCause: row.root_cause,
    resolution: row.resolution,
  };
}

function toEvent(row: Selectable<IncidentEventsTable>): IncidentEvent {
  return {
    id: row.id,
    incidentId: row.incident_id,
    at: row.at,
    kind: row.kind as EventKind,
    text: row.text,
    actor: row.actor,
    alertId: row.alert_id,
    monitor: row.monitor,
    deploymentId: row.deployment_id,
  };
}

function toFollowUp(row: Selectable<IncidentFollowUpsTable>): FollowUp {
  return {
    id: row.id,
    incidentId: row.incident_id,
    kind: row.kind as FollowUpKind,
    text: row.text,
    owner: row.owner,
    done: Number(row.done) === 1,
    createdAt: row.created_at,
    doneAt: row.done_at,
  };
}
