import { z } from "zod";
import type { BuildService } from "../builds/build-service.js";
import { buildStatuses } from "../builds/build-store.js";
import type { RoutesPlugin } from "../http/http-app.js";
import type { ProjectService } from "../projects/project-service.js";
import { environmentSchema } from "./environment-routes.js";
import type { EnvironmentService } from "./environment-service.js";

const overviewSchema = z.array(
  z.object({
    project: z.string(),
    lastBuild: z
      .object({
        id: z.number(),
        status: z.enum(buildStatuses),
        sha: z.string(),
        finishedAt: z.number().nullable(),
      })
      .nullable(),
    environments: z.array(environmentSchema),
  }),
);

/** The page a team keeps open: every project, its newest build, and each environment's state. */
export function overviewRoutes(deps: {
  projects: ProjectService;
  builds: BuildService;
  environments: EnvironmentService;
}): RoutesPlugin {
  return (app) => {
    app.get(
      "/overview",
      {
        schema: {
          summary:
            "Projects × environments: newest build, live release, candidate, what is waiting, next run",
          tags: ["environments"],
          response: { 200: overviewSchema },
        },
      },
      async () => {
        const projects = await deps.projects.list();
        return Promise.all(
          projects.map(async (project) => {
            const [last] = await deps.builds.list({ project: project.name, limit: 1 });
            return {
              project: project.name,
              lastBuild: last
                ? { id: last.id, status: last.status, sha: last.sha, finishedAt: last.finishedAt }
                : null,
              environments: await deps.environments.list(project.name),
            };
          }),
        );
      },
    );
  };
}
