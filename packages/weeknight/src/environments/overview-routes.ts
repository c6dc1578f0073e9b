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
  // Computed once and shared: every open dashboard asks for it. After a change (an event, or
  // MAX_AGE_MS for schedules' next runs) callers get the last value while a fresh one is made,
  // so no request waits for the whole overview to be rebuilt — except the very first.
  let latest: { at: number; value: Overview; json: string } | null = null;
  let stale = true;
  let pending: Promise<Overview> | null = null;
  deps.bus.subscribe((event) => {
    if (!event.type.endsWith(".log")) stale = true;
  });
  const refresh = (): Promise<Overview> => {
    pending ??= (async () => {
      stale = false;
      const startedAt = deps.clock.now();
      try {
        const value = await compute();
        // Serialized once too: checking and stringifying it per request costs more than serving it.
        latest = { at: startedAt, value, json: JSON.stringify(overviewSchema.parse(value)) };
        return value;
      } catch (error) {
        stale = true;
        throw error;
      } finally {
        pending = null;
      }
    })();
    return pending;
  };
  const overviewJson = async (): Promise<string> => {
    if (!latest) await refresh();
    else if (stale || deps.clock.now() - latest.at > MAX_AGE_MS) void refresh().catch(() => {});
    return latest?.json ?? "[]";
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
