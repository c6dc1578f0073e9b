import type { FastifyInstance, FastifyRequest } from "fastify";
import { NotAllowedError, UnauthenticatedError } from "../errors/domain-errors.js";

export const roles = ["viewer", "deployer", "admin"] as const;
export type Role = (typeof roles)[number];

export interface Principal {
  userId: number;
  username: string;
  role: Role;
}

/** Resolves the bearer token of a request to a principal, or null when it is unknown. */
export interface Authenticator {
  authenticate(token: string): Promise<Principal | null>;
}

declare module "fastify" {
  interface FastifyContextConfig {
    /** Least role that may call the route; `public` routes need no token (they verify their own way). */
    role?: Role | "public";
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
}

export function hasRole(principal: Principal, role: Role): boolean {
  return roles.indexOf(principal.role) >= roles.indexOf(role);
}

/**
 * Every /api/v1 route needs a token unless it says `public`. Reads need `viewer`;
 * anything else needs `admin` unless the route names a lower role, so a route that
 * forgets to say fails closed.
 */
export function registerAuth(app: FastifyInstance, authenticator: Authenticator): void {
  app.decorateRequest("principal", null);
  // onRequest, before the body is read: a caller without a token learns nothing about the route.
  app.addHook("onRequest", async (request) => {
    // Unmatched URLs fall through to the 404 handler, which reveals nothing.
    if (!request.url.startsWith("/api/v1/") || request.routeOptions.url === undefined) return;
    const declared = request.routeOptions.config?.role;
    if (declared === "public") return;
    const required: Role = declared ?? (request.method === "GET" ? "viewer" : "admin");
    const principal = await principalOf(request, authenticator);
    if (!principal) {
      throw new UnauthenticatedError(
        "missing or invalid API token: send `Authorization: Bearer <token>` (create one with `weeknight login`)",
      );
    }
    if (!hasRole(principal, required)) {
      throw new NotAllowedError(
        `${request.method} ${request.routeOptions.url} needs the ${required} role; ${principal.username} is ${principal.role}`,
      );
    }
    request.principal = principal;
  });
}

async function principalOf(
  request: FastifyRequest,
  authenticator: Authenticator,
): Promise<Principal | null> {
  const header = request.headers.authorization;
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  const token = match?.[1];
  return token ? authenticator.authenticate(token) : null;
}

/** The caller of an authenticated route (the auth hook guarantees it is set). */
export function principalOfRequest(request: FastifyRequest): Principal {
  if (!request.principal) throw new UnauthenticatedError("not signed in");
  return request.principal;
}
