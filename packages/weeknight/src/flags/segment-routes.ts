import { z } from "zod";
import type { RoutesPlugin } from "../http/http-app.js";
import { principalOfRequest } from "../http/http-auth.js";
import { constraintSchema, segmentSchema } from "./flag-schema.js";
import type { SegmentService } from "./segment-service.js";

const tags = ["flags"];
const params = z.object({ name: z.string(), segment: z.string() });

/** Segments: named constraints flags' rules share, e.g. `admins` or `pilot-customers`. */
export function segmentRoutes(deps: { segments: SegmentService }): RoutesPlugin {
  const { segments } = deps;
  return (app) => {
    app.get(
      "/projects/:name/segments",
      {
        schema: {
          summary: "A project's segments",
          tags,
          params: z.object({ name: z.string() }),
          response: { 200: z.array(segmentSchema) },
        },
      },
      async (request) => segments.list(request.params.name),
    );
    app.put(
      "/projects/:name/segments/:segment",
      {
        config: { role: "deployer" },
        schema: {
          summary: "Create or redefine a segment (every flag using it changes at once)",
          tags,
          params,
          body: z.object({
            description: z.string().max(500).default(""),
            constraints: z.array(constraintSchema).min(1).max(50),
          }),
          response: { 200: segmentSchema },
        },
      },
      async (request) =>
        segments.save(
          request.params.name,
          { name: request.params.segment, ...request.body },
          principalOfRequest(request).username,
        ),
    );
    app.delete(
      "/projects/:name/segments/:segment",
      {
        config: { role: "deployer" },
        schema: { summary: "Delete a segment no flag uses", tags, params },
      },
      async (request, reply) => {
        await segments.remove(
          request.params.name,
          request.params.segment,
          principalOfRequest(request).username,
        );
        return reply.status(204).send();
      },
    );
  };
}
