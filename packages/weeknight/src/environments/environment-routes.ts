import { z } from "zod";
import type { AuditLog } from "../audit/audit-log.js";
import type { RoutesPlugin } from "../http/http-app.js";
import { principalOfRequest } from "../http/http-auth.js";
import type { DataRefresh } from "./data-refresh.js";
import type { EnvironmentService } from "./environment-service.js";

export const environmentSchema = z.object({
  name: z.string(),
  deploy: z.union([
    z.enum(["on-green", "manual"]),
    z.object({ schedule: z.string(), timezone: z.string() }),
  ]),
  requires: z.array(z.string()),
  target: z.string(),
  live: z
    .object({
      deploymentId: z.number(),
      buildId: z.number(),
      releaseId: z.string(),
      sha: z.string(),
      since: z.number().nullable(),
    })
    .nullable(),
  candidate: z.object({ buildId: z.number(), sha: z.string() }).nullable(),
  waiting: z.array(z.object({ sha: z.string(), author: z.string(), message: z.string() })),
  lastDeployment: z.object({ id: z.number(), step: z.string(), buildId: z.number() }).nullable(),
  nextRunAt: z.number().nullable(),
  lastSkipReason: z.string().nullable(),
  lastSkipAt: z.number().nullable(),
});

export function environmentRoutes(deps: { environments: EnvironmentService }): RoutesPlugin {
  return (app) => {
    app.get(
      "/projects/:name/environments",
      {
        schema: {
          summary:
            "A project's environments: live release, candidate, what is waiting, next run, last skip",
          tags: ["environments"],
          params: z.object({ name: z.string() }),
          response: { 200: z.array(environmentSchema) },
        },
      },
      async (request) => deps.environments.list(request.params.name),
    );
    app.get(
      "/projects/:name/environments/:env",
      {
        schema: {
          summary: "One environment",
          tags: ["environments"],
          params: z.object({ name: z.string(), env: z.string() }),
          response: { 200: environmentSchema },
        },
      },
      async (request) => deps.environments.show(request.params.name, request.params.env),
    );
  };
}

export function dataRefreshRoutes(deps: { refresh: DataRefresh; audit: AuditLog }): RoutesPlugin {
  return (app) => {
    app.post(
      "/projects/:name/environments/:env/data/refresh",
      {
        config: { role: "admin" },
        schema: {
          summary:
            "Restore the latest backup of `data.refresh_from` into this environment, then run `data.scrub`",
          tags: ["environments"],
          params: z.object({ name: z.string(), env: z.string() }),
          response: {
            200: z.object({
              environment: z.string(),
              from: z.string(),
              backupId: z.number(),
              scrubMs: z.number(),
            }),
          },
        },
      },
      async (request) => {
        const { name, env } = request.params;
        const result = await deps.refresh(name, env);
        await deps.audit.record({
          actor: principalOfRequest(request).username,
          action: "data.refresh",
          target: `project:${name}/env:${env}`,
          details: { from: result.from, backupId: result.backupId },
        });
        return result;
      },
    );
  };
}
