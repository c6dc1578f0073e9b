import { z } from "zod";
import type { BuildService } from "../builds/build-service.js";
import { buildStatuses } from "../builds/build-store.js";
import type { Clock } from "../clock.js";
import type { EventBus } from "../events/event-bus.js";
import { createEventJsonCache } from "../events/event-json-cache.js";
import type { RoutesPlugin } from "../http/http-app.js";
import type { ProjectService } from "../projects/project-service.js";
import { environmentSchema } from "./environment-routes.js";
import type { EnvironmentService } from "./environment-service.js";

/** Also refreshed this often, for schedules' next run times, which change without an event. */
const MAX_AGE_MS = 5_000;
const OVERVIEW_CONCURRENCY = 4;

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
  // Every open dashboard asks for it: computed once per change and shared.
  const cache = createEventJsonCache({ bus: deps.bus, clock: deps.clock, maxAgeMs: MAX_AGE_MS });
  // Checked against the schema and serialized once: doing that per request costs more than serving it.
  const overviewJson = () =>
    cache.get("overview", async () => JSON.stringify(overviewSchema.parse(await compute())));
  const compute = async (): Promise<Overview> => {
    const projects = await deps.projects.list();
    // A few projects at a time: a refresh runs in the background, and must leave database
    // connections for people's requests.
    return mapFew(projects, OVERVIEW_CONCURRENCY, async (project) => {
      const [last] = await deps.builds.list({ project: project.name, limit: 1 });
      return {
        project: project.name,
        lastBuild: last
          ? { id: last.id, status: last.status, sha: last.sha, finishedAt: last.finishedAt }
          : null,
        environments: await deps.environments.list(project.name),
      };
    });
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
      async (_request, reply) => {
        const json = await overviewJson();
        // Already checked against the schema when it was made; send the bytes as they are.
        return reply
          .type("application/json; charset=utf-8")
          .serializer(String)
          .send(json as unknown as Overview);
      },
    );
  };
}

/** Like `Promise.all(items.map(fn))`, with at most `limit` calls running at once; keeps the order. */
async function mapFew<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
