import type { FastifyInstance, FastifyRequest } from "fastify";
import { UnauthenticatedError } from "../errors/domain-errors.js";
import { bearerToken } from "../http/http-auth.js";
import { etagMatches } from "../http/http-etag.js";
import type { FlagDelivery } from "./flag-delivery.js";
import {
  bulkEtag,
  createOfrepEvaluation,
  type Failure,
  OfrepError,
  type Success,
  toContext,
} from "./ofrep-evaluation.js";
import { sdkCallers } from "./sdk-routes.js";

/** A context is a few hundred bytes; this leaves room for large ones and refuses abuse. */
export const OFREP_MAX_BODY_BYTES = 64 * 1024;

const sdkKey = (request: FastifyRequest) => {
  const apiKey = request.headers["x-api-key"];
  return bearerToken(request) ?? (typeof apiKey === "string" && apiKey ? apiKey : undefined);
};

/**
 * The OpenFeature Remote Evaluation Protocol (OFREP v1), so any OpenFeature SDK's OFREP provider
 * evaluates Weeknight flags on the server: `POST /ofrep/v1/evaluate/flags/{key}` and the bulk
 * `POST /ofrep/v1/evaluate/flags` (ETag, 304). Errors are OFREP's `{key, errorCode, errorDetails}`.
 */
export function ofrepRoutes(deps: { delivery: FlagDelivery }): (app: FastifyInstance) => void {
  const { delivery } = deps;
  const { factsOf, evaluate } = createOfrepEvaluation();
  return (app) => {
    app.register(async (scoped) => {
      const auth = sdkCallers(
        delivery,
        sdkKey,
        "send `Authorization: Bearer <sdk key>` or `X-API-Key: <sdk key>` with an SDK key of the environment",
      );
      scoped.addHook("onRequest", auth.hook);
      // Any content type is JSON (curl -d sends a form type); an empty body is an empty context.
      scoped.removeAllContentTypeParsers();
      scoped.addContentTypeParser(
        "*",
        { parseAs: "string", bodyLimit: OFREP_MAX_BODY_BYTES },
        (_request, body, done) => {
          const text = String(body);
          if (text.trim() === "") return done(null, undefined);
          try {
            done(null, JSON.parse(text));
          } catch (error) {
            done(
              new OfrepError("PARSE_ERROR", `the body is not JSON: ${(error as Error).message}`),
            );
          }
        },
      );
      scoped.setErrorHandler((error, request, reply) => {
        const key = (request.params as { key?: string } | undefined)?.key;
        if (error instanceof UnauthenticatedError) {
          return reply.status(401).send({ errorDetails: error.message });
        }
        if (error instanceof OfrepError) {
          return reply
            .status(400)
            .send({ key, errorCode: error.errorCode, errorDetails: error.message });
        }
        if ((error as { code?: string }).code === "FST_ERR_CTP_BODY_TOO_LARGE") {
          return reply.status(400).send({
            key,
            errorCode: "INVALID_CONTEXT",
            errorDetails: `the request is over ${OFREP_MAX_BODY_BYTES / 1024} KiB: send only the attributes your flags test`,
          });
        }
        const status = (error as { statusCode?: number }).statusCode ?? 500;
        if (status >= 500) request.log.error(error);
        return reply.status(status >= 500 ? 500 : 400).send({
          key,
          errorCode: "GENERAL",
          errorDetails:
            status >= 500
              ? "internal error: see the server log"
              : `${(error as Error).message}: send a JSON body {"context": {…}} with Content-Type: application/json`,
        });
      });

      scoped.post<{ Params: { key: string } }>(
        "/ofrep/v1/evaluate/flags/:key",
        { schema: { hide: true } },
        async (request, reply) => {
          const context = toContext(request.body);
          const caller = auth.callerOf(request);
          const snapshot = await delivery.snapshot(caller);
          const result = evaluate(snapshot, factsOf(snapshot), request.params.key, context);
          if (!("errorCode" in result)) return result;
          if (result.errorCode !== "FLAG_NOT_FOUND") return reply.status(400).send(result);
          result.errorDetails += ` in ${caller.project}/${caller.environment}: check the key and the SDK key's environment, or create the flag there`;
          return reply.status(404).send(result);
        },
      );

      scoped.post(
        "/ofrep/v1/evaluate/flags",
        { schema: { hide: true } },
        async (request, reply) => {
          const context = toContext(request.body);
          const snapshot = await delivery.snapshot(auth.callerOf(request));
          const etag = bulkEtag(snapshot, context);
          reply.header("etag", etag).header("cache-control", "private, no-cache");
          if (etagMatches(request.headers["if-none-match"], etag)) return reply.status(304).send();
          const facts = factsOf(snapshot);
          const flags: (Success | Failure)[] = [];
          for (const key of facts.keys()) flags.push(evaluate(snapshot, facts, key, context));
          return { flags };
        },
      );
    });
  };
}
