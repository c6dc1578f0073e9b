import { z } from "zod";
import { auditEntrySchema } from "../audit/audit-routes.js";
import type { RoutesPlugin } from "../http/http-app.js";
import { principalOfRequest } from "../http/http-auth.js";
import {
  evaluationSchema,
  FLAG_TYPES,
  flagConfigSchema,
  flagKeySchema,
  flagSchema,
} from "./flag-schema.js";
import type { FlagService } from "./flag-service.js";
import type { FlagUsageStore } from "./flag-usage-store.js";

const tags = ["flags"];
export const flagParams = z.object({ name: z.string(), key: z.string() });
export const envParams = flagParams.extend({ environment: z.string() });
const deployer = { role: "deployer" as const };
const HOUR = 60 * 60_000;

/** Flags: create, move through the lifecycle per environment, preview, history, counts. */
export function flagRoutes(deps: {
  flags: FlagService;
  usage: FlagUsageStore;
  projectId: (project: string) => Promise<number>;
  now: () => number;
}): RoutesPlugin {
  const { flags } = deps;
  return (app) => {
    app.get(
      "/projects/:name/flags",
      {
        schema: {
          summary: "A project's flags with their state in every environment",
          tags,
          params: z.object({ name: z.string() }),
          querystring: z.object({
            stale: z.enum(["true", "false"]).default("false").describe("only stale flags"),
            archived: z.enum(["true", "false"]).default("false").describe("archived ones too"),
          }),
          response: { 200: z.array(flagSchema) },
        },
      },
      async (request) =>
        flags.list(request.params.name, {
          stale: request.query.stale === "true",
          archived: request.query.archived === "true",
        }),
    );
    app.post(
      "/projects/:name/flags",
      {
        config: deployer,
        schema: {
          summary: "Create a flag (off everywhere until you turn it on)",
          tags,
          params: z.object({ name: z.string() }),
          body: z.object({
            key: flagKeySchema,
            type: z.enum(FLAG_TYPES).default("release"),
            description: z.string().max(1000).optional(),
          }),
          response: { 201: flagSchema },
        },
      },
      async (request, reply) => {
        const by = principalOfRequest(request).username;
        const created = await flags.create({ project: request.params.name, ...request.body, by });
        return reply.status(201).send(created);
      },
    );
    app.get(
      "/projects/:name/flags/:key",
      { schema: { summary: "One flag", tags, params: flagParams, response: { 200: flagSchema } } },
      async (request) => flags.get(request.params.name, request.params.key),
    );
    app.patch(
      "/projects/:name/flags/:key",
      {
        config: deployer,
        schema: {
          summary: "Change a flag's type or description",
          tags,
          params: flagParams,
          body: z.object({
            type: z.enum(FLAG_TYPES).optional(),
            description: z.string().max(1000).optional(),
          }),
          response: { 200: flagSchema },
        },
      },
      async (request) =>
        flags.edit(
          request.params.name,
          request.params.key,
          request.body,
          principalOfRequest(request).username,
        ),
    );
    app.delete(
      "/projects/:name/flags/:key",
      {
        config: deployer,
        schema: {
          summary: "Archive a flag: SDKs stop seeing it (delete it from the code first)",
          tags,
          params: flagParams,
          response: { 200: flagSchema },
        },
      },
      async (request) =>
        flags.archive(
          request.params.name,
          request.params.key,
          principalOfRequest(request).username,
        ),
    );
    app.put(
      "/projects/:name/flags/:key/environments/:environment",
      {
        config: deployer,
        schema: {
          summary: "Replace a flag's rules in one environment",
          tags,
          params: envParams,
          body: flagConfigSchema,
          response: { 200: flagSchema },
        },
      },
      async (request) => {
        const { name, key, environment } = request.params;
        return flags.configure(
          name,
          key,
          environment,
          request.body,
          principalOfRequest(request).username,
        );
      },
    );
    app.post(
      "/projects/:name/flags/:key/evaluate",
      {
        config: { role: "viewer" },
        schema: {
          summary: "Who gets it: the decision for one context, rule by rule",
          tags,
          params: flagParams,
          body: z.object({
            environment: z.string(),
            context: z.record(z.string(), z.union([z.string(), z.record(z.string(), z.string())])),
          }),
          response: { 200: evaluationSchema },
        },
      },
      async (request) =>
        flags.evaluate(
          request.params.name,
          request.params.key,
          request.body.environment,
          request.body.context,
        ),
    );
    app.get(
      "/projects/:name/flags/:key/history",
      {
        schema: {
          summary: "Every change to the flag, newest first",
          tags,
          params: flagParams,
          querystring: z.object({
            before: z.coerce.number().int().optional().describe("only entries with a smaller id"),
            limit: z.coerce.number().int().min(1).max(500).default(100),
          }),
          response: { 200: z.array(auditEntrySchema) },
        },
      },
      async (request) =>
        flags.history(request.params.name, request.params.key, {
          beforeId: request.query.before,
          limit: request.query.limit,
        }),
    );
    app.get(
      "/projects/:name/flags/:key/metrics",
      {
        schema: {
          summary: "Evaluation counts SDKs reported, per hour, environment and variant",
          tags,
          params: flagParams,
          querystring: z.object({
            hours: z.coerce
              .number()
              .int()
              .min(1)
              .max(24 * 30)
              .default(24),
          }),
          response: {
            200: z.array(
              z.object({
                environment: z.string(),
                hour: z.number(),
                variant: z.string().describe("'' = the flag's yes/no counts"),
                yes: z.number(),
                no: z.number(),
              }),
            ),
          },
        },
      },
      async (request) => {
        await flags.get(request.params.name, request.params.key);
        const since = Math.floor(deps.now() / HOUR) * HOUR - (request.query.hours - 1) * HOUR;
        const counts = await deps.usage.counts({
          projectId: await deps.projectId(request.params.name),
          flagKey: request.params.key,
          since,
        });
        return counts.map(({ flagKey: _, ...c }) => c);
      },
    );
  };
}
