import { createHash, timingSafeEqual } from "node:crypto";
import Fastify, { type FastifyInstance } from "fastify";
import { DomainError, InvalidInputError } from "../errors/domain-errors.js";
import { statusByCode } from "../http/http-errors.js";
import type { Agent } from "./agent-service.js";

const DEFAULT_TAIL = 200;
const MAX_TAIL = 10_000;

type AppParams = { project: string; environment: string };

/**
 * The agent's API under /agent/v1, every route behind the agent's own token. Apps are
 * addressed as `/apps/<project>/<environment>`: the app name with its slash.
 */
export function createAgentApi(deps: { agent: Agent; token: string }): FastifyInstance {
  const { agent } = deps;
  const app = Fastify({ logger: false, bodyLimit: 1024 * 1024 });
  const expected = digest(`Bearer ${deps.token}`);

  app.addHook("onRequest", async (request, reply) => {
    const given = request.headers.authorization ?? "";
    if (!timingSafeEqual(digest(given), expected)) {
      return reply.status(401).send({
        error: {
          code: "UNAUTHENTICATED",
          message:
            "missing or wrong agent token: send `Authorization: Bearer <token>` with the token the agent was started with (--token)",
        },
      });
    }
  });
  app.setErrorHandler((error, _request, reply) => {
    if (error instanceof DomainError) {
      return reply
        .status(statusByCode[error.code])
        .send({ error: { code: error.code, message: error.message, details: error.details } });
    }
    const status = (error as { statusCode?: number }).statusCode ?? 500;
    return reply.status(status).send({
      error: {
        code: status >= 500 ? "INTERNAL" : "BAD_REQUEST",
        message: (error as Error).message,
      },
    });
  });
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send({
      error: { code: "NOT_FOUND", message: `no agent route ${request.method} ${request.url}` },
    }),
  );

  const name = (params: AppParams) => `${params.project}/${params.environment}`;

  // Artifacts arrive as raw bytes, streamed to disk rather than held in memory.
  app.addContentTypeParser("application/octet-stream", (_request, payload, done) => {
    done(null, payload);
  });
  app.head<{ Params: { sha256: string } }>(
    "/agent/v1/artifacts/:sha256",
    async (request, reply) => {
      return reply.status(agent.artifacts.has(request.params.sha256) ? 200 : 404).send();
    },
  );
  app.put<{ Params: { sha256: string } }>("/agent/v1/artifacts/:sha256", async (request) => {
    const body = request.body as NodeJS.ReadableStream | undefined;
    if (!body || typeof body.pipe !== "function") {
      throw new InvalidInputError(
        "send the artifact as the body, with content-type application/octet-stream",
      );
    }
    const { size } = await agent.artifacts.store(request.params.sha256, body);
    return { sha256: request.params.sha256, size };
  });
  app.get("/agent/v1/health", async () => ({ status: "ok", apps: agent.listApps().length }));
  app.get("/agent/v1/apps", async () => ({ apps: agent.listApps() }));
  app.put<{ Params: AppParams }>("/agent/v1/apps/:project/:environment", async (request) =>
    agent.putApp(name(request.params), request.body),
  );
  app.get<{ Params: AppParams }>("/agent/v1/apps/:project/:environment", async (request) =>
    agent.getApp(name(request.params)),
  );
  app.post<{ Params: AppParams; Body: unknown }>(
    "/agent/v1/apps/:project/:environment/rollback",
    async (request) => {
      const to = (request.body as { to?: unknown } | undefined)?.to;
      if (typeof to !== "string" || to === "") {
        throw new InvalidInputError('body must be {"to": "<release id>"}');
      }
      return agent.rollback(name(request.params), to);
    },
  );
  app.get<{ Params: AppParams & { release: string }; Querystring: { tail?: string } }>(
    "/agent/v1/apps/:project/:environment/logs/:release",
    async (request) => {
      const tail = parseTail(request.query.tail);
      const lines = await agent.logs(name(request.params), request.params.release, tail);
      return { release: request.params.release, lines };
    },
  );
  return app;
}

function parseTail(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_TAIL;
  const tail = Number(raw);
  if (!Number.isInteger(tail) || tail < 1 || tail > MAX_TAIL) {
    throw new InvalidInputError(`tail must be a whole number from 1 to ${MAX_TAIL}, got ${raw}`);
  }
  return tail;
}

/** Hashing first gives equal lengths, which timingSafeEqual needs, whatever was sent. */
function digest(text: string): Buffer {
  return createHash("sha256").update(text).digest();
}
