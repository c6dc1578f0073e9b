import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { FlagDelivery } from "./flag-delivery.js";
import { flagCountsSchema, METRICS_MAX_BYTES, sdkCallers, sendWithEtag } from "./sdk-routes.js";

const name = z.string().min(1).max(200);

/** unleash-client sends JSON dates (ISO strings); epoch milliseconds are accepted too. */
const instant = z.union([z.number(), z.string().max(64)]).transform((value, ctx) => {
  const ms = typeof value === "number" ? value : Date.parse(value);
  if (Number.isFinite(ms) && ms >= 0) return Math.trunc(ms);
  ctx.addIssue({ code: "custom", message: "must be an ISO 8601 date or epoch milliseconds" });
  return z.NEVER;
});

const registerSchema = z.object({
  appName: name,
  instanceId: name,
  sdkVersion: z.string().max(200).default("unknown"),
  started: instant,
  interval: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0),
});

const metricsSchema = z.object({
  appName: name,
  instanceId: name,
  bucket: z.object({ start: instant, stop: instant, toggles: flagCountsSchema }),
});

/** unleash-client sends the key as the raw `Authorization` header; others send `Bearer <key>`. */
function unleashKey(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization?.trim();
  if (!header) return undefined;
  return /^Bearer\s+(\S+)$/i.exec(header)?.[1] ?? header;
}

/**
 * The part of Unleash's client API that unleash-client (and Unleash's other server SDKs) call,
 * so they can be pointed at Weeknight with `url: <weeknight>/api/` and an SDK key:
 * `GET /api/client/features` (ETag, 304; query filters are ignored: a key serves one
 * environment), `POST /api/client/register` and `POST /api/client/metrics` (202).
 */
export function unleashClientRoutes(deps: {
  delivery: FlagDelivery;
}): (app: FastifyInstance) => void {
  const { delivery } = deps;
  return (app) => {
    app.register(async (plain) => {
      const scoped = plain.withTypeProvider<ZodTypeProvider>();
      const auth = sdkCallers(
        delivery,
        unleashKey,
        "send the SDK key of the environment in the `Authorization` header (unleash-client: `customHeaders: { Authorization: key }`)",
      );
      scoped.addHook("onRequest", auth.hook);

      scoped.get("/api/client/features", { schema: { hide: true } }, async (request, reply) => {
        const snapshot = await delivery.snapshot(auth.callerOf(request));
        return sendWithEtag(request, reply, snapshot.etag, snapshot.unleash);
      });

      scoped.post(
        "/api/client/register",
        { bodyLimit: 64 * 1024, schema: { hide: true, body: registerSchema } },
        async (request, reply) => {
          await delivery.registerClient(auth.callerOf(request), request.body);
          return reply.status(202).send();
        },
      );

      scoped.post(
        "/api/client/metrics",
        { bodyLimit: METRICS_MAX_BYTES, schema: { hide: true, body: metricsSchema } },
        async (request, reply) => {
          const { appName, instanceId, bucket } = request.body;
          await delivery.recordEvaluations(auth.callerOf(request), {
            appName,
            instanceId,
            start: bucket.start,
            stop: bucket.stop,
            flags: bucket.toggles,
          });
          return reply.status(202).send();
        },
      );
    });
  };
}
