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
  // Computed once and shared: every open dashboard asks for it. After an event, the next
  // callers wait for one fresh computation (the dashboard refetches because of that event and
  // must see it). Past MAX_AGE_MS without events (schedules' next runs move on their own),
  // callers get the last value while a fresh one is made in the background.
  let latest: { at: number; version: number; json: string } | null = null;
  let version = 0;
  let pending: { version: number; done: Promise<void> } | null = null;
  deps.bus.subscribe((event) => {
    if (!event.type.endsWith(".log")) version++;
  });
  const refresh = (): Promise<void> => {
    if (pending?.version === version) return pending.done;
    const computing = { version, startedAt: deps.clock.now() };
    const done = (async () => {
      try {
        const value = await compute();
        // Serialized once too: checking and stringifying it per request costs more than serving it.
        const json = JSON.stringify(overviewSchema.parse(value));
        if (!latest || latest.version <= computing.version) {
          latest = { at: computing.startedAt, version: computing.version, json };
        }
      } finally {
        if (pending?.version === computing.version) pending = null;
      }
    })();
    pending = { version, done };
    return done;
  };
  const overviewJson = async (): Promise<string> => {
    if (!latest || latest.version !== version) await refresh();
    else if (deps.clock.now() - latest.at > MAX_AGE_MS) void refresh().catch(() => {});
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
