import { z } from "zod";
import type { AuditLog } from "../audit/audit-log.js";
import { parseDuration } from "../config/config-schema.js";
import { InvalidInputError } from "../errors/domain-errors.js";
import type { EventBus } from "../events/event-bus.js";
import type { RoutesPlugin } from "../http/http-app.js";
import { principalOfRequest } from "../http/http-auth.js";
import type { ProjectService } from "./project-service.js";

export const projectSchema = z.object({
  id: z.number(),
  name: z.string(),
  repoUrl: z.string(),
  branch: z.string(),
  pollIntervalMs: z.number(),
  createdAt: z.number(),
  lastPolledAt: z.number().nullable(),
  lastSeenSha: z.string().nullable(),
});

const nameParams = z.object({ name: z.string() });

export function projectRoutes(deps: {
  projects: ProjectService;
  bus: EventBus;
  audit: AuditLog;
}): RoutesPlugin {
  const { projects, bus, audit } = deps;
  return (app) => {
    app.get(
      "/projects",
      {
        schema: {
          summary: "List projects",
          tags: ["projects"],
          response: { 200: z.array(projectSchema) },
        },
      },
      async () => projects.list(),
    );
    app.post(
      "/projects",
      {
        config: { role: "admin" },
        schema: {
          summary: "Register an app repository; the webhook secret is returned once",
          tags: ["projects"],
          body: z.object({
            name: z.string(),
            repoUrl: z.string(),
            branch: z.string().min(1).default("main"),
            poll: z
              .union([z.string(), z.number()])
              .default("60s")
              .describe('poll interval, e.g. "60s"; 0 turns polling off'),
          }),
          response: {
            201: z.object({
              project: projectSchema,
              webhookSecret: z.string(),
              head: z.string().nullable(),
            }),
          },
        },
      },
      async (request, reply) => {
        const { poll, ...rest } = request.body;
        const pollIntervalMs = poll === 0 || poll === "0" ? 0 : pollInterval(poll);
        const created = await projects.add({ ...rest, pollIntervalMs });
        bus.publish("project.added", { project: created.project.name });
        await audit.record({
          actor: principalOfRequest(request).username,
          action: "project.add",
          target: `project:${created.project.name}`,
          details: { repoUrl: created.project.repoUrl, branch: created.project.branch },
        });
        return reply.status(201).send(created);
      },
    );
    app.get(
      "/projects/:name",
      {
        schema: {
          summary: "One project",
          tags: ["projects"],
          params: nameParams,
          response: { 200: projectSchema },
        },
      },
      async (request) => projects.get(request.params.name),
    );
    app.delete(
      "/projects/:name",
      {
        config: { role: "admin" },
        schema: {
          summary: "Remove a project with its builds",
          tags: ["projects"],
          params: nameParams,
        },
      },
      async (request, reply) => {
        await projects.remove(request.params.name);
        bus.publish("project.removed", { project: request.params.name });
        await audit.record({
          actor: principalOfRequest(request).username,
          action: "project.remove",
          target: `project:${request.params.name}`,
        });
        return reply.status(204).send();
      },
    );
    app.get(
      "/projects/:name/webhook-secret",
      {
        config: { role: "admin" },
        schema: {
          summary: "The project's webhook secret",
          tags: ["projects"],
          params: nameParams,
          response: { 200: z.object({ webhookSecret: z.string() }) },
        },
      },
      async (request) => ({
        webhookSecret: await projects.webhookSecret(await projects.get(request.params.name)),
      }),
    );
    app.get(
      "/projects/:name/secrets",
      {
        config: { role: "admin" },
        schema: {
          summary: "Names of the project's secrets (values never leave the server)",
          tags: ["secrets"],
          params: nameParams,
          response: { 200: z.array(z.object({ name: z.string(), updatedAt: z.number() })) },
        },
      },
      async (request) => projects.listSecrets(request.params.name),
    );
    app.put(
      "/projects/:name/secrets/:secret",
      {
        config: { role: "admin" },
        schema: {
          summary: "Set a secret referenced as ${NAME} in weeknight.yml",
          tags: ["secrets"],
          params: z.object({ name: z.string(), secret: z.string() }),
          body: z.object({ value: z.string() }),
        },
      },
      async (request, reply) => {
        await projects.setSecret(request.params.name, request.params.secret, request.body.value);
        await audit.record({
          actor: principalOfRequest(request).username,
          action: "secret.set",
          target: `project:${request.params.name}/secret:${request.params.secret}`,
        });
        return reply.status(204).send();
      },
    );
    app.delete(
      "/projects/:name/secrets/:secret",
      {
        config: { role: "admin" },
        schema: {
          summary: "Delete a secret",
          tags: ["secrets"],
          params: z.object({ name: z.string(), secret: z.string() }),
        },
      },
      async (request, reply) => {
        await projects.deleteSecret(request.params.name, request.params.secret);
        await audit.record({
          actor: principalOfRequest(request).username,
          action: "secret.delete",
          target: `project:${request.params.name}/secret:${request.params.secret}`,
        });
        return reply.status(204).send();
      },
    );
  };
}

function pollInterval(value: string | number): number {
  try {
    return parseDuration(value);
  } catch (error) {
    throw new InvalidInputError(`poll: ${(error as Error).message}`);
  }
}
