import { z } from "zod";
import type { RoutesPlugin } from "../http/http-app.js";
import type { ProjectService } from "../projects/project-service.js";
import type { DeliveryStore } from "./delivery-store.js";

export const deliverySchema = z.object({
  id: z.number(),
  projectId: z.number(),
  buildId: z.number().nullable(),
  event: z.string(),
  channel: z.string(),
  target: z.string(),
  status: z.enum(["pending", "delivered", "failed"]),
  attempts: z.number(),
  lastError: z.string().nullable(),
  createdAt: z.number(),
  finishedAt: z.number().nullable(),
});

export function deliveryRoutes(deps: {
  store: DeliveryStore;
  projects: ProjectService;
}): RoutesPlugin {
  return (app) => {
    app.get(
      "/deliveries",
      {
        schema: {
          summary: "The notification delivery log, newest first",
          tags: ["notifications"],
          querystring: z.object({
            project: z.string().optional(),
            build: z.coerce.number().int().optional(),
            limit: z.coerce.number().int().min(1).max(500).default(50),
          }),
          response: { 200: z.array(deliverySchema) },
        },
      },
      async (request) => {
        const { project, build, limit } = request.query;
        const projectId = project ? (await deps.projects.get(project)).id : undefined;
        return deps.store.list({ projectId, buildId: build, limit });
      },
    );
  };
}
