import type { FastifyInstance, FastifyRequest } from "fastify";
import type { SourceLine } from "./file-tail.js";
import {
  LOKI_PUSH_MAX_BYTES,
  type PushProblem,
  PushRejectedError,
  parseLokiPush,
} from "./loki-push.js";

export interface LokiPushDeps {
  /** Whether the request carries a valid bearer token; checked before the body is read. */
  authenticate: (request: FastifyRequest) => Promise<boolean>;
  /** Receives each stream's lines with its labels (see `pushSelectorMatches`). */
  ingest: (labels: Record<string, string>, lines: SourceLine[]) => void;
  /** Largest body, compressed or decompressed (default 10 MiB). */
  maxBytes?: number;
}

const STATUS: Record<PushProblem, number> = { invalid: 400, "too-large": 413, unsupported: 415 };

/**
 * `POST /loki/api/v1/push`, so that log shippers which speak Loki (promtail, Alloy, Vector,
 * Fluent Bit) can send to Weeknight unchanged. Answers 204 like Loki.
 */
export function lokiPushRoute(deps: LokiPushDeps): (app: FastifyInstance) => void {
  const maxBytes = deps.maxBytes ?? LOKI_PUSH_MAX_BYTES;
  return (app) => {
    app.register(async (scoped) => {
      // The body may be gzip: it stays raw bytes until parseLokiPush decodes it.
      scoped.removeAllContentTypeParsers();
      scoped.addContentTypeParser(
        "*",
        { parseAs: "buffer", bodyLimit: maxBytes },
        (_r, body, done) => done(null, body),
      );
      scoped.addHook("onRequest", async (request, reply) => {
        if (await deps.authenticate(request)) return;
        return reply
          .status(401)
          .header("www-authenticate", 'Bearer realm="weeknight"')
          .send({
            error: {
              code: "UNAUTHENTICATED",
              message:
                "missing or invalid token: send `Authorization: Bearer <token>` with a Weeknight API token (promtail: `bearer_token`)",
            },
          });
      });
      scoped.post("/loki/api/v1/push", { schema: { hide: true } }, async (request, reply) => {
        const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        let streams: Awaited<ReturnType<typeof parseLokiPush>>;
        try {
          streams = await parseLokiPush(
            body,
            {
              contentType: request.headers["content-type"],
              contentEncoding: request.headers["content-encoding"],
            },
            maxBytes,
          );
        } catch (error) {
          if (!(error instanceof PushRejectedError)) throw error;
          return reply
            .status(STATUS[error.problem])
            .send({ error: { code: error.code, message: error.message } });
        }
        for (const stream of streams) {
          if (stream.lines.length > 0) deps.ingest(stream.labels, stream.lines);
        }
        return reply.status(204).send();
      });
    });
  };
}

/** A monitor's `push` selector matches a stream whose labels include all of its labels. */
export function pushSelectorMatches(
  selector: Record<string, string>,
  labels: Record<string, string>,
): boolean {
  for (const [name, value] of Object.entries(selector)) {
    if (labels[name] !== value) return false;
  }
  return true;
}
