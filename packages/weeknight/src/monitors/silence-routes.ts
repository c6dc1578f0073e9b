import { z } from "zod";
import type { AuditLog } from "../audit/audit-log.js";
import type { Clock } from "../clock.js";
import { parseDuration } from "../config/config-schema.js";
import { NotFoundError } from "../errors/domain-errors.js";
import type { RoutesPlugin } from "../http/http-app.js";
import { principalOfRequest } from "../http/http-auth.js";
import type { ProjectService } from "../projects/project-service.js";
import type { SilenceStore } from "./silences.js";

export const silenceSchema = z.object({
  id: z.number(),
  project: z.string(),
  environment: z.string(),
  monitor: z.string().nullable().describe("null: every monitor of the environment"),
  reason: z.string(),
  createdBy: z.string(),
  createdAt: z.number(),
  until: z.number(),
});

/** Silences: anyone who may deploy can hold alert notifications back for a while, with a reason. */
export function silenceRoutes(deps: {
  silences: SilenceStore;
  projects: ProjectService;
  audit: AuditLog;
  clock: Clock;
}): RoutesPlugin {
  const { silences, projects, audit, clock } = deps;
  return (app) => {
    app.get(
      "/silences",
      {
        schema: {
          summary: "Silences in force now",
          tags: ["monitors"],
          querystring: z.object({ project: z.string().optional() }),
          response: { 200: z.array(silenceSchema) },
        },
      },
      async (request) => {
        const project = request.query.project
          ? await projects.get(request.query.project)
          : undefined;
        const active = await silences.active(clock.now(), project?.id);
        const names = new Map((await projects.list()).map((p) => [p.id, p.name]));
        return active.map(({ projectId, ...s }) => ({ ...s, project: names.get(projectId) ?? "" }));
      },
    );
    app.post(
      "/silences",
      {
        config: { role: "deployer" },
        schema: {
          summary: "Hold back an environment's (or one monitor's) alert notifications for a while",
          tags: ["monitors"],
          body: z.object({
            project: z.string().min(1),
            environment: z.string().min(1),
            monitor: z.string().min(1).optional(),
            for: z.union([z.string(), z.number()]).describe('how long, e.g. "2h" (at most 7 days)'),
            reason: z.string().min(1).max(500),
          }),
          response: { 201: silenceSchema },
        },
      },
      async (request, reply) => {
        const { project: name, environment, monitor, reason } = request.body;
        const project = await projects.get(name);
        const length = Math.min(parseDuration(request.body.for), 7 * 24 * 3_600_000);
        const actor = principalOfRequest(request).username;
        const silence = await silences.add({
          projectId: project.id,
          environment,
          monitor: monitor ?? null,
          reason,
          createdBy: actor,
          createdAt: clock.now(),
          until: clock.now() + length,
        });
        await audit.record({
          actor,
          action: "silence.add",
          target: `project:${name}/env:${environment}`,
          details: { silenceId: silence.id, monitor: monitor ?? null, until: silence.until },
        });
        const { projectId: _, ...rest } = silence;
        return reply.status(201).send({ ...rest, project: name });
      },
    );
    app.delete(
      "/silences/:id",
      {
        config: { role: "deployer" },
        schema: {
          summary: "End a silence now",
          tags: ["monitors"],
          params: z.object({ id: z.coerce.number().int().positive() }),
        },
      },
      async (request, reply) => {
        if (!(await silences.end(request.params.id, clock.now()))) {
          throw new NotFoundError(
            `no silence ${request.params.id} in force: see \`weeknight silence list\``,
          );
        }
        await audit.record({
          actor: principalOfRequest(request).username,
          action: "silence.end",
          target: `silence:${request.params.id}`,
        });
        return reply.status(204).send();
      },
    );
  };
}
