import { z } from "zod";
import type { BuildService } from "../builds/build-service.js";
import { buildStatuses } from "../builds/build-store.js";
import type { Clock } from "../clock.js";
import type { EventBus } from "../events/event-bus.js";
import type { RoutesPlugin } from "../http/http-app.js";
import type { ProjectService } from "../projects/project-service.js";
import { environmentSchema } from "./environment-routes.js";
import type { EnvironmentService } from "./environment-service.js";

/** Also refreshed this often, for schedules' next run times, which change without an event. */
const MAX_AGE_MS = 5_000;

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

type Overview = z.infer<typeof overviewSchema>;

/** The page a team keeps open: every project, its newest build, and each environment's state. */
export function overviewRoutes(deps: {
  projects: ProjectService;
  builds: BuildService;
  environments: EnvironmentService;
  bus: EventBus;
  clock: Clock;
}): RoutesPlugin {
  // Computed once and shared until something changes: every open dashboard polls it.
  let cached: { at: number; value: Promise<Overview> } | null = null;
  deps.bus.subscribe((event) => {
    if (!event.type.endsWith(".log")) cached = null;
  });
  const overview = () => {
    if (!cached || deps.clock.now() - cached.at > MAX_AGE_MS) {
      const value = compute();
      cached = { at: deps.clock.now(), value };
      value.catch(() => {
        cached = null;
      });
    }
    return cached.value;
  };
  const compute = async (): Promise<Overview> => {
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
  };

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
      () => overview(),
    );
  };
}
