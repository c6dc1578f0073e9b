import { z } from "zod";
import type { AuditLog } from "../audit/audit-log.js";
import type { RoutesPlugin } from "../http/http-app.js";
import { principalOfRequest } from "../http/http-auth.js";
import type { IncidentService } from "./incident-service.js";
import { eventKinds, followUpKinds, incidentStates, severities } from "./incident-store.js";

const text = (what: string) => z.string().trim().min(1, `${what} is empty`).max(10_000);

export const incidentSummarySchema = z.object({
  id: z.number(),
  project: z.string(),
  environment: z.string(),
  title: z.string(),
  severity: z.enum(severities),
  state: z.enum(incidentStates),
  deploymentId: z.number().nullable().describe("the suspect deploy"),
  openedAt: z.number(),
  openedBy: z.string().describe("`weeknight` when an alert opened it"),
  resolvedAt: z.number().nullable(),
  rootCause: z.string().nullable(),
  resolution: z.string().nullable(),
});

export const followUpSchema = z.object({
  id: z.number(),
  kind: z.enum(followUpKinds),
  text: z.string(),
  owner: z.string(),
  done: z.boolean(),
  createdAt: z.number(),
  doneAt: z.number().nullable(),
});

export const incidentSchema = incidentSummarySchema.extend({
  timeline: z.array(
    z.object({
      id: z.number(),
      at: z.number(),
      kind: z.enum(eventKinds),
      text: z.string(),
      actor: z.string(),
      alertId: z.number().nullable(),
      monitor: z.string().nullable(),
      deploymentId: z.number().nullable(),
    }),
  ),
  followUps: z.array(followUpSchema),
  suspect: z
    .object({
      deploymentId: z.number(),
      releaseId: z.string(),
      step: z.string(),
      finishedAt: z.number().nullable(),
      build: z.object({ id: z.number(), sha: z.string(), branch: z.string() }),
      commits: z.array(
        z.object({
          sha: z.string(),
          author: z.string(),
          message: z.string(),
          committedAt: z.number(),
        }),
      ),
    })
    .nullable(),
});

const idParams = z.object({ id: z.coerce.number().int().positive() });
const tags = ["incidents"];

export function incidentRoutes(deps: {
  incidents: IncidentService;
  audit: AuditLog;
  /** Marks a build as fixing an incident (incident-fixes). */
  markFix: (incidentId: number, buildId: number, by: string) => Promise<void>;
}): RoutesPlugin {
  const { incidents, audit } = deps;
  const record = async (
    actor: string,
    action: string,
    id: number,
    details: Record<string, unknown> = {},
  ) => {
    const { project, environment } = await incidents.get(id);
    await audit.record({ actor, action, target: `incident:${id}`, project, environment, details });
  };

  return (app) => {
    app.get(
      "/incidents",
      {
        schema: {
          summary: "Incidents, newest first (page with `before`)",
          tags,
          querystring: z.object({
            project: z.string().optional(),
            state: z.enum(incidentStates).optional(),
            before: z.coerce.number().int().optional().describe("only incidents with a smaller id"),
            limit: z.coerce.number().int().min(1).max(500).default(50),
          }),
          response: { 200: z.array(incidentSummarySchema) },
        },
      },
      async (request) => {
        const { project, state, before, limit } = request.query;
        return incidents.list({
          project,
          states: state ? [state] : undefined,
          beforeId: before,
          limit,
        });
      },
    );
    app.get(
      "/incidents/:id",
      {
        schema: {
          summary: "An incident with its timeline, follow-ups and suspect deploy's commits",
          tags,
          params: idParams,
          response: { 200: incidentSchema },
        },
      },
      async (request) => incidents.get(request.params.id),
    );
    app.post(
      "/incidents",
      {
        config: { role: "deployer" },
        schema: {
          summary: "Open an incident by hand",
          tags,
          body: z.object({
            project: z.string(),
            environment: text("environment"),
            title: text("title"),
            severity: z.enum(severities).default("sev2"),
            deploymentId: z.number().int().positive().optional().describe("the suspect deploy"),
          }),
          response: { 201: incidentSchema },
        },
      },
      async (request, reply) => {
        const actor = principalOfRequest(request).username;
        const opened = await incidents.open({ ...request.body, actor });
        await record(actor, "incident.open", opened.id, { ...request.body });
        return reply.status(201).send(opened);
      },
    );
    app.post(
      "/incidents/:id/notes",
      {
        config: { role: "deployer" },
        schema: {
          summary: "Add a note to an incident's timeline",
          tags,
          params: idParams,
          body: z.object({ text: text("text") }),
          response: { 200: incidentSchema },
        },
      },
      async (request) => {
        const actor = principalOfRequest(request).username;
        const updated = await incidents.addNote(request.params.id, request.body.text, actor);
        await record(actor, "incident.note", updated.id);
        return updated;
      },
    );
    app.put(
      "/incidents/:id/root-cause",
      {
        config: { role: "deployer" },
        schema: {
          summary: "Set (or correct) an incident's root cause",
          tags,
          params: idParams,
          body: z.object({ rootCause: text("rootCause") }),
          response: { 200: incidentSchema },
        },
      },
      async (request) => {
        const actor = principalOfRequest(request).username;
        const updated = await incidents.setRootCause(
          request.params.id,
          request.body.rootCause,
          actor,
        );
        await record(actor, "incident.root-cause", updated.id, {
          rootCause: request.body.rootCause,
        });
        return updated;
      },
    );
    app.post(
      "/incidents/:id/follow-ups",
      {
        config: { role: "deployer" },
        schema: {
          summary: "Add a follow-up: a missing test, a missing monitor or a process change",
          tags,
          params: idParams,
          body: z.object({
            kind: z.enum(followUpKinds),
            text: text("text"),
            owner: z.string().describe("the username of who will do it"),
          }),
          response: { 201: incidentSchema },
        },
      },
      async (request, reply) => {
        const actor = principalOfRequest(request).username;
        const { followUp, incident } = await incidents.addFollowUp(
          request.params.id,
          request.body,
          actor,
        );
        await record(actor, "incident.follow-up", incident.id, {
          followUpId: followUp.id,
          ...request.body,
        });
        return reply.status(201).send(incident);
      },
    );
    app.patch(
      "/incidents/:id/follow-ups/:followUpId",
      {
        config: { role: "deployer" },
        schema: {
          summary: "Mark a follow-up done (or not done)",
          tags,
          params: idParams.extend({ followUpId: z.coerce.number().int().positive() }),
          body: z.object({ done: z.boolean() }),
          response: { 200: incidentSchema },
        },
      },
      async (request) => {
        const actor = principalOfRequest(request).username;
        const { id, followUpId } = request.params;
        const updated = await incidents.setFollowUpDone(id, followUpId, request.body.done, actor);
        await record(actor, "incident.follow-up.update", id, {
          followUpId,
          done: request.body.done,
        });
        return updated;
      },
    );
    app.post(
      "/incidents/:id/resolve",
      {
        config: { role: "deployer" },
        schema: {
          summary: "Resolve an incident (its root cause must be set first)",
          tags,
          params: idParams,
          body: z.object({ resolution: text("resolution") }),
          response: { 200: incidentSchema },
        },
      },
      async (request) => {
        const actor = principalOfRequest(request).username;
        const updated = await incidents.resolve(request.params.id, request.body.resolution, actor);
        await record(actor, "incident.resolve", updated.id, {
          resolution: request.body.resolution,
        });
        return updated;
      },
    );
    app.post(
      "/incidents/:id/fixes",
      {
        config: { role: "deployer" },
        schema: {
          summary: "Mark a build as fixing an incident, so defects-first lets it through",
          tags,
          params: idParams,
          body: z.object({ build: z.number().int().positive() }),
          response: { 201: z.object({ incident: z.number(), build: z.number() }) },
        },
      },
      async (request, reply) => {
        const actor = principalOfRequest(request).username;
        const { id } = request.params;
        await deps.markFix(id, request.body.build, actor);
        await record(actor, "incident.fix", id, { buildId: request.body.build });
        return reply.status(201).send({ incident: id, build: request.body.build });
      },
    );
  };
}
