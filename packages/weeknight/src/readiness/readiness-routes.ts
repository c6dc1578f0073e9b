import { z } from "zod";
import type { RoutesPlugin } from "../http/http-app.js";
import { readinessSchema } from "./readiness-schema.js";
import type { ReadinessService } from "./readiness-service.js";

export function readinessRoutes(deps: { readiness: ReadinessService }): RoutesPlugin {
  return (app) => {
    app.get(
      "/projects/:name/readiness",
      {
        schema: {
          summary:
            "The continuous-deployment readiness checklist and adoption level, computed from weeknight.yml and history",
          tags: ["readiness"],
          params: z.object({ name: z.string() }),
          response: { 200: readinessSchema },
        },
      },
      async (request) => deps.readiness.report(request.params.name),
    );
  };
}
