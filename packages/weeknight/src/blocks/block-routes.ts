import { z } from "zod";
import type { RoutesPlugin } from "../http/http-app.js";
import { hasRole, principalOfRequest } from "../http/http-auth.js";
import type { BlockService } from "./block-service.js";

export const blockSchema = z.object({
  id: z.number(),
  project: z.string(),
  environment: z.string().nullable().describe("null: every environment of the project"),
  buildId: z.number().nullable().describe("set: only this build is held back"),
  sha: z.string().nullable().describe("set: any change containing this commit is held back"),
  kind: z.enum(["manual", "rollback"]),
  reason: z.string(),
  createdBy: z.string(),
  createdAt: z.number(),
  expiresAt: z.number().nullable().describe("null: until someone lifts it"),
  liftedBy: z.string().nullable(),
  liftedAt: z.number().nullable(),
  liftReason: z.string().nullable(),
});

const tags = ["blocks"];

/** Blocks: "stop deploys to X, because…". Anyone signed in may place one. */
export function blockRoutes(deps: { blocks: BlockService }): RoutesPlugin {
  const { blocks } = deps;
  return (app) => {
    app.get(
      "/blocks",
      {
        schema: {
          summary: "Blocks in force now (all=true: every block, lifted and expired too)",
          tags,
          querystring: z.object({
            project: z.string().optional(),
            all: z.enum(["true", "false"]).default("false"),
            before: z.coerce
              .number()
              .int()
              .optional()
              .describe("with all=true: only blocks with a smaller id"),
            limit: z.coerce.number().int().min(1).max(200).default(50).describe("with all=true"),
          }),
          response: { 200: z.array(blockSchema) },
        },
      },
      async (request) => {
        const { project, all, before, limit } = request.query;
        if (all === "true") return blocks.history({ project, beforeId: before, limit });
        return blocks.active(project);
      },
    );
    app.post(
      "/projects/:name/blocks",
      {
        config: { role: "viewer" },
        schema: {
          summary: "Stop deploys to an environment (or the whole project, or one build or commit)",
          tags,
          params: z.object({ name: z.string() }),
          body: z.object({
            environment: z.string().min(1).optional().describe("none: every environment"),
            build: z.number().int().positive().optional().describe("only this build"),
            sha: z.string().min(1).optional().describe("any change containing this commit"),
            reason: z.string().max(500),
            for: z.string().optional().describe('how long, e.g. "2h"'),
            until: z.number().int().optional().describe("until when, epoch ms"),
          }),
          response: { 201: blockSchema },
        },
      },
      async (request, reply) => {
        const { build, ...body } = request.body;
        const placed = await blocks.place({
          ...body,
          project: request.params.name,
          buildId: build,
          by: principalOfRequest(request).username,
        });
        return reply.status(201).send(placed);
      },
    );
    app.post(
      "/blocks/:id/lift",
      {
        config: { role: "viewer" },
        schema: {
          summary: "Lift a block: its author may, and so may any deployer",
          tags,
          params: z.object({ id: z.coerce.number().int().positive() }),
          body: z.object({ reason: z.string().max(500).optional() }).nullish(),
          response: { 200: blockSchema },
        },
      },
      async (request) => {
        const principal = principalOfRequest(request);
        return blocks.lift(request.params.id, {
          by: principal.username,
          mayLiftAny: hasRole(principal, "deployer"),
          reason: request.body?.reason,
        });
      },
    );
  };
}
