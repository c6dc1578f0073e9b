import { z } from "zod";
import type { ArtifactStore } from "../artifacts/artifact-store.js";
import type { AuditLog } from "../audit/audit-log.js";
import type { Clock } from "../clock.js";
import { NotFoundError } from "../errors/domain-errors.js";
import type { EventBus } from "../events/event-bus.js";
import { createEventJsonCache } from "../events/event-json-cache.js";
import type { RoutesPlugin } from "../http/http-app.js";
import { principalOfRequest } from "../http/http-auth.js";
import { streamSse } from "../http/http-sse.js";
import type { BuildLogs, LogLine } from "./build-log.js";
import type { BuildService } from "./build-service.js";
import { buildStatuses, stageStatuses } from "./build-store.js";

const stageSchema = z.object({
  position: z.number(),
  name: z.string(),
  status: z.enum(stageStatuses),
  startedAt: z.number().nullable(),
  finishedAt: z.number().nullable(),
  exitCode: z.number().nullable(),
  message: z.string().nullable(),
});

export const buildSchema = z.object({
  id: z.number(),
  project: z.string(),
  sha: z.string(),
  branch: z.string(),
  status: z.enum(buildStatuses),
  trigger: z.string(),
  queuedAt: z.number(),
  startedAt: z.number().nullable(),
  finishedAt: z.number().nullable(),
  error: z.string().nullable(),
  stages: z.array(stageSchema),
  artifact: z.object({ sha256: z.string(), size: z.number(), createdAt: z.number() }).nullable(),
  commits: z.array(
    z.object({
      sha: z.string(),
      authorName: z.string(),
      authorEmail: z.string(),
      message: z.string(),
      committedAt: z.number(),
    }),
  ),
  transition: z
    .enum(["broke", "fixed"])
    .nullable()
    .describe(
      "`broke`: failed after the project's previous finished build passed; `fixed`: the reverse",
    ),
});

const logLineSchema = z.object({
  n: z.number(),
  stage: z.string(),
  stream: z.enum(["stdout", "stderr", "system"]),
  at: z.number(),
  text: z.string(),
});

const idParams = z.object({ id: z.coerce.number().int().positive() });
const buildListSchema = z.array(buildSchema);
type BuildList = z.infer<typeof buildListSchema>;
const finished = new Set(["passed", "failed", "cancelled"]);

export function buildRoutes(deps: {
  builds: BuildService;
  logs: BuildLogs;
  artifacts: ArtifactStore;
  bus: EventBus;
  clock: Clock;
  audit: AuditLog;
}): RoutesPlugin {
  const { builds, logs, bus, audit } = deps;
  // Pages of builds are what every open project page asks for; they change only with events.
  const pages = createEventJsonCache({ bus, clock: deps.clock });
  return (app) => {
    app.get(
      "/builds",
      {
        schema: {
          summary: "Builds, newest first (page with `before`)",
          tags: ["builds"],
          querystring: z.object({
            project: z.string().optional(),
            status: z.enum(buildStatuses).optional(),
            before: z.coerce.number().int().optional().describe("only builds with a smaller id"),
            limit: z.coerce.number().int().min(1).max(200).default(20),
          }),
          response: { 200: buildListSchema },
        },
      },
      async (request, reply) => {
        const { project, status, before, limit } = request.query;
        const json = await pages.get(JSON.stringify([project, status, before, limit]), async () =>
          JSON.stringify(
            buildListSchema.parse(await builds.list({ project, status, beforeId: before, limit })),
          ),
        );
        // Checked against the schema when it was made; send the bytes as they are.
        return reply
          .type("application/json; charset=utf-8")
          .serializer(String)
          .send(json as unknown as BuildList);
      },
    );
    app.post(
      "/projects/:name/builds",
      {
        config: { role: "deployer" },
        schema: {
          summary: "Build the branch head (or a given commit) now",
          tags: ["builds"],
          params: z.object({ name: z.string() }),
          body: z
            .object({
              sha: z
                .string()
                .regex(/^[0-9a-f]{40}$/, "give the full 40-character sha (`git rev-parse <sha>`)")
                .optional(),
            })
            .nullish(),
          response: { 201: buildSchema },
        },
      },
      async (request, reply) => {
        const principal = principalOfRequest(request);
        const build = await builds.trigger(request.params.name, {
          sha: request.body?.sha,
          trigger: `manual:${principal.username}`,
        });
        await audit.record({
          actor: principal.username,
          action: "build.trigger",
          target: `build:${build.id}`,
        });
        return reply.status(201).send(await builds.get(build.id));
      },
    );
    app.get(
      "/builds/:id",
      {
        schema: {
          summary: "One build with stages, artifact and commits",
          tags: ["builds"],
          params: idParams,
          response: { 200: buildSchema },
        },
      },
      async (request) => builds.get(request.params.id),
    );
    app.post(
      "/builds/:id/cancel",
      {
        config: { role: "deployer" },
        schema: {
          summary: "Cancel a queued or running build (kills its whole process tree)",
          tags: ["builds"],
          params: idParams,
          response: { 200: buildSchema },
        },
      },
      async (request) => {
        await builds.cancel(request.params.id);
        // A running build's cancel request shows before its `build.cancelled` event.
        pages.clear();
        await audit.record({
          actor: principalOfRequest(request).username,
          action: "build.cancel",
          target: `build:${request.params.id}`,
        });
        return builds.get(request.params.id);
      },
    );
    app.get(
      "/builds/:id/log",
      {
        schema: {
          summary:
            "The build log as JSON lines; `follow=true` streams it as Server-Sent Events until the build ends",
          tags: ["builds"],
          params: idParams,
          querystring: z.object({
            after: z.coerce
              .number()
              .int()
              .min(0)
              .default(0)
              .describe("only lines numbered above this"),
            follow: z.enum(["true", "false"]).default("false"),
          }),
          response: { 200: z.array(logLineSchema) },
        },
      },
      async (request, reply) => {
        const build = await builds.get(request.params.id);
        if (request.query.follow === "false") return logs.read(build.id, request.query.after);
        followLog(request, reply, build.id, request.query.after);
        return reply;
      },
    );
    app.get(
      "/builds/:id/artifact",
      {
        schema: {
          summary:
            "Download the build's artifact (tar.gz); its sha256 is in the X-Weeknight-Sha256 header",
          tags: ["builds"],
          params: idParams,
        },
      },
      async (request, reply) => {
        const build = await builds.get(request.params.id);
        if (!build.artifact) {
          throw new NotFoundError(
            `build ${build.id} has no artifact (status ${build.status}): only passed builds keep one`,
          );
        }
        return reply
          .header("Content-Type", "application/gzip")
          .header("Content-Length", build.artifact.size)
          .header("X-Weeknight-Sha256", build.artifact.sha256)
          .header(
            "Content-Disposition",
            `attachment; filename="${build.project}-build-${build.id}.tar.gz"`,
          )
          .send(deps.artifacts.open(build.artifact.sha256));
      },
    );
  };

  function followLog(
    request: Parameters<typeof streamSse>[0],
    reply: Parameters<typeof streamSse>[1],
    buildId: number,
    after: number,
  ) {
    streamSse(request, reply, (send, end) => {
      let last = after;
      const emit = (lines: LogLine[]) => {
        const fresh = lines.filter((l) => l.n > last);
        if (fresh.length === 0) return;
        last = fresh.at(-1)?.n ?? last;
        send({ id: last, type: "log", data: fresh });
      };
      const finish = async () => {
        emit(await logs.read(buildId, last));
        send({ type: "end", data: await builds.get(buildId) });
        end();
      };
      // Subscribe before reading the file so no line falls between the two.
      const unsubscribe = bus.subscribe((event) => {
        if (event.data.buildId !== buildId) return;
        if (event.type === "build.log") emit(event.data.lines as LogLine[]);
        else if (["build.passed", "build.failed", "build.cancelled"].includes(event.type))
          void finish();
      });
      void (async () => {
        emit(await logs.read(buildId, last));
        const build = await builds.get(buildId);
        if (finished.has(build.status)) await finish();
      })();
      return unsubscribe;
    });
  }
}
