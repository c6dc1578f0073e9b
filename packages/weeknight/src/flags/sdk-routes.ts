import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { UnauthenticatedError } from "../errors/domain-errors.js";
import type { RoutesPlugin, ZodApp } from "../http/http-app.js";
import { bearerToken } from "../http/http-auth.js";
import { etagMatches } from "../http/http-etag.js";
import { streamSse } from "../http/http-sse.js";
import type { FlagDelivery, FlagSnapshot, SdkCaller } from "./flag-delivery.js";

/** Largest evaluation report accepted, and its parts: SDKs report at most a few thousand flags. */
export const METRICS_MAX_BYTES = 1024 * 1024;
const MAX_FLAGS_PER_REPORT = 5000;
const MAX_VARIANTS_PER_FLAG = 100;

const count = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const name = z.string().min(1).max(200);
const atMost = (limit: number, what: string) => ({
  check: (record: object) => Object.keys(record).length <= limit,
  message: `at most ${limit} ${what}: send the counts in several reports`,
});
const variants = atMost(MAX_VARIANTS_PER_FLAG, "variants per flag");
const flags = atMost(MAX_FLAGS_PER_REPORT, "flags per report");

/** `{ key: { yes, no, variants: { name: n } } }`: what Weeknight's SDK and unleash-client count. */
export const flagCountsSchema = z
  .record(
    name,
    z.object({
      yes: count,
      no: count,
      variants: z
        .record(name, count)
        .default({})
        .refine(variants.check, { message: variants.message }),
    }),
  )
  .refine(flags.check, { message: flags.message });

const sdkMetricsSchema = z
  .object({
    appName: name,
    instanceId: name,
    start: z.number().int().min(0).describe("epoch ms"),
    stop: z.number().int().min(0).describe("epoch ms"),
    flags: flagCountsSchema,
  })
  .refine((report) => report.stop >= report.start, {
    message: "stop must not be before start",
    path: ["stop"],
  });

const serialized = new WeakMap<object, string>();

/**
 * Sends `body` as JSON with its ETag, or 304 when the client has it. Snapshots never change, so
 * each body is serialized once however many SDKs poll it.
 */
export function sendWithEtag(
  request: FastifyRequest,
  reply: FastifyReply,
  etag: string,
  body: object,
): FastifyReply {
  reply.header("etag", etag).header("cache-control", "private, no-cache");
  if (etagMatches(request.headers["if-none-match"], etag)) return reply.status(304).send();
  let json = serialized.get(body);
  if (json === undefined) {
    json = JSON.stringify(body);
    serialized.set(body, json);
  }
  return reply.type("application/json; charset=utf-8").send(json);
}

/** The SDK key of a request, however its protocol sends it. */
export type SdkKeyReader = (request: FastifyRequest) => string | undefined;

export interface SdkCallers {
  /** An `onRequest` hook: resolves the key before the body is read, or answers 401. */
  hook(request: FastifyRequest, reply: FastifyReply): Promise<void>;
  /** The caller the hook resolved for this request. */
  callerOf(request: FastifyRequest): SdkCaller;
}

/** SDK-key authentication for a group of routes; `howTo` tells a refused caller what to send. */
export function sdkCallers(delivery: FlagDelivery, keyOf: SdkKeyReader, howTo: string): SdkCallers {
  const callers = new WeakMap<FastifyRequest, SdkCaller>();
  return {
    async hook(request, reply) {
      const key = keyOf(request);
      const caller = key ? await delivery.authenticate(key) : null;
      if (caller) {
        callers.set(request, caller);
        return;
      }
      reply.header("www-authenticate", 'Bearer realm="weeknight-sdk"');
      throw new UnauthenticatedError(
        key ? `unknown or revoked SDK key: ${howTo}` : `missing SDK key: ${howTo}`,
      );
    },
    callerOf(request) {
      const caller = callers.get(request);
      if (!caller) throw new UnauthenticatedError("the SDK key was not checked for this route");
      return caller;
    },
  };
}

const tags = ["flags sdk"];

/**
 * The endpoints Weeknight's own SDK uses: the environment's flag set (polled with ETags or
 * streamed), and evaluation counts. An SDK key, not a user token, authenticates them.
 */
export function sdkRoutes(deps: { delivery: FlagDelivery }): RoutesPlugin {
  const { delivery } = deps;
  return (app) => {
    app.register(async (scoped: ZodApp) => {
      const auth = sdkCallers(
        delivery,
        bearerToken,
        "send `Authorization: Bearer <sdk key>` with an SDK key of the environment (flag settings → SDK keys)",
      );
      scoped.addHook("onRequest", auth.hook);

      scoped.get(
        "/sdk/flags",
        {
          config: { role: "public" },
          schema: {
            summary: "The SDK key's environment's flags (ETag; If-None-Match answers 304)",
            tags,
          },
        },
        async (request, reply) => {
          const snapshot = await delivery.snapshot(auth.callerOf(request));
          return sendWithEtag(request, reply, snapshot.etag, snapshot.set);
        },
      );

      scoped.get(
        "/sdk/flags/stream",
        {
          config: { role: "public" },
          schema: {
            summary: "Server-Sent Events: `flags` with the whole flag set now and on every change",
            tags,
          },
        },
        async (request, reply) => {
          const caller = auth.callerOf(request);
          streamSse(request, reply, (send, end) =>
            streamFlags(delivery, caller, send, (error) => {
              request.log.error(error);
              end();
            }),
          );
        },
      );

      scoped.post(
        "/sdk/metrics",
        {
          config: { role: "public" },
          bodyLimit: METRICS_MAX_BYTES,
          schema: {
            summary: "Evaluation counts for a time window (202)",
            tags,
            body: sdkMetricsSchema,
          },
        },
        async (request, reply) => {
          await delivery.recordEvaluations(auth.callerOf(request), request.body);
          return reply.status(202).send();
        },
      );
    });
  };
}

type Send = Parameters<Parameters<typeof streamSse>[2]>[0];

/**
 * Subscribes before reading the first snapshot, so a change in between is not lost; a change
 * that arrives first is newer than that snapshot and is sent instead of it. When the first
 * snapshot cannot be read the stream ends and the SDK reconnects.
 */
function streamFlags(
  delivery: FlagDelivery,
  caller: SdkCaller,
  send: Send,
  fail: (error: unknown) => void,
): () => void {
  let id = 0;
  let lastEtag: string | undefined;
  let pending: FlagSnapshot | undefined;
  let started = false;
  const emit = (snapshot: FlagSnapshot) => {
    if (snapshot.etag === lastEtag) return;
    lastEtag = snapshot.etag;
    send({ id: ++id, type: "flags", data: snapshot.set });
  };
  const unsubscribe = delivery.subscribe(caller, (snapshot) => {
    if (started) emit(snapshot);
    else pending = snapshot;
  });
  delivery.snapshot(caller).then((snapshot) => {
    started = true;
    emit(pending ?? snapshot);
  }, fail);
  return unsubscribe;
}
