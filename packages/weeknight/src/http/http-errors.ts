import type { FastifyInstance } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { DomainError, type DomainErrorCode } from "../errors/domain-errors.js";
import type { PageFallback } from "./dashboard.js";

/** The HTTP status of each domain error code, for every HTTP surface (server and agent). */
export const statusByCode: Record<DomainErrorCode, number> = {
  NOT_FOUND: 404,
  CONFLICT: 409,
  INVALID_INPUT: 400,
  NOT_ALLOWED: 403,
  UNAUTHENTICATED: 401,
};

/** The one place domain errors become HTTP responses: `{ error: { code, message, details? } }`. */
export function registerErrorHandler(app: FastifyInstance, page?: PageFallback): void {
  app.setErrorHandler((error, request, reply) => {
    if (error instanceof DomainError) {
      return reply.status(statusByCode[error.code]).send({
        error: { code: error.code, message: error.message, details: error.details },
      });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const problems = error.validation.map((v) => {
        const where = v.instancePath ? v.instancePath.slice(1).replaceAll("/", ".") : "";
        return `${error.validationContext ?? "request"}${where ? `.${where}` : ""}: ${v.message}`;
      });
      return reply.status(400).send({
        error: { code: "INVALID_INPUT", message: problems.join("; "), details: problems },
      });
    }
    const status = (error as { statusCode?: number }).statusCode ?? 500;
    if (status >= 500) request.log.error(error);
    return reply.status(status).send({
      error: {
        code: (error as { code?: string }).code ?? "INTERNAL",
        message: status >= 500 ? "internal error: see the server log" : (error as Error).message,
      },
    });
  });
  app.setNotFoundHandler((request, reply) => {
    if (page?.(request, reply)) return reply;
    return reply.status(404).send({
      error: {
        code: "NOT_FOUND",
        message: `no route ${request.method} ${request.url.split("?")[0]}: see /api/v1/openapi.json`,
      },
    });
  });
}
