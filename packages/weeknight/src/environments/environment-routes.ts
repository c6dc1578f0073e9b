import { z } from "zod";
import type { AuditLog } from "../audit/audit-log.js";
import type { RoutesPlugin } from "../http/http-app.js";
import { principalOfRequest } from "../http/http-auth.js";
import { controlSchema } from "../risk/control-routes.js";
import type { DataRefresh } from "./data-refresh.js";
import { environmentHealths } from "./environment-health.js";
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
      author: z.string(),
      message: z.string().describe("first line of the live build's commit message"),
      since: z.number().nullable(),
    })
    .nullable(),
  candidate: z
    .object({ buildId: z.number(), sha: z.string(), author: z.string(), message: z.string() })
    .nullable(),
  waiting: z.array(
    z.object({
      sha: z.string(),
      author: z.string(),
      message: z.string(),
      additions: z.number().describe("lines added by the commit, against its first parent"),
      deletions: z.number(),
      files: z.number().describe("files the commit changed"),
    }),
  ),
  lastDeployment: z.object({ id: z.number(), step: z.string(), buildId: z.number() }).nullable(),
  nextRunAt: z.number().nullable(),
  lastSkipReason: z.string().nullable(),
  lastSkipAt: z.number().nullable(),
  health: z
    .enum(environmentHealths)
    .describe(
      "`deploying` while a deployment runs; else from the target's last polled status and the last deployment's outcome",
    ),
  healthDetail: z.string().nullable().describe("why, in one sentence"),
  control: controlSchema.nullable(),
});

const environmentStatusSchema = z.object({
  live: z.string().nullable().describe("the release serving now"),
  warm: z.string().nullable().describe("the release kept warm for an instant rollback"),
  healthy: z.boolean(),
  detail: z.string(),
  routing: z
    .object({ active: z.string().nullable(), canary: z.string().nullable(), percent: z.number() })
    .nullable()
    .describe("how traffic is split; null for targets without a proxy (ssh, command)"),
  releases: z
    .array(
      z.object({
        id: z.string(),
        role: z.enum(["active", "canary", "warm", "none"]),
        state: z.string(),
        requests: z.number(),
        errors5xx: z.number(),
        p50Ms: z.number().nullable(),
        p95Ms: z.number().nullable(),
      }),
    )
    .describe("per-release traffic counted by the agent's proxy during canary and bake"),
  events: z.array(
    z.object({
      at: z.number(),
      release: z.string().nullable(),
      kind: z.string(),
      message: z.string(),
    }),
  ),
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
    app.get(
      "/projects/:name/environments/:env/status",
      {
        schema: {
          summary:
            "The target's status read now: releases, traffic split and per-release request counts",
          tags: ["environments"],
          params: z.object({ name: z.string(), env: z.string() }),
          response: { 200: environmentStatusSchema },
        },
      },
      async (request) => deps.environments.status(request.params.name, request.params.env),
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
