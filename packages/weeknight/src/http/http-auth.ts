import { timingSafeEqual } from "node:crypto";
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
  /** A browser's session cookie: its user and the CSRF token its mutating requests must echo. */
  authenticateSession?(cookie: string): Promise<{ principal: Principal; csrfToken: string } | null>;
}

export const SESSION_COOKIE = "weeknight_session";
export const CSRF_HEADER = "x-csrf-token";
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

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

/** The token of an `Authorization: Bearer <token>` header, if the request has one. */
export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  return (header ? /^Bearer\s+(\S+)$/i.exec(header) : null)?.[1];
}

async function principalOf(
  request: FastifyRequest,
  authenticator: Authenticator,
): Promise<Principal | null> {
  const token = bearerToken(request);
  if (token) return authenticator.authenticate(token);
  const cookie = request.cookies?.[SESSION_COOKIE];
  const session = cookie ? await authenticator.authenticateSession?.(cookie) : null;
  if (!session) return null;
  // A cookie rides along on any site's request; only our own page can read the CSRF token.
  if (
    !SAFE_METHODS.has(request.method) &&
    !sameSecret(request.headers[CSRF_HEADER], session.csrfToken)
  ) {
    throw new NotAllowedError(
      `missing or wrong ${CSRF_HEADER} header: send the csrfToken from GET /api/v1/auth/session with every change`,
    );
  }
  return session.principal;
}

function sameSecret(given: string | string[] | undefined, expected: string): boolean {
  if (typeof given !== "string") return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The caller of an authenticated route (the auth hook guarantees it is set). */
export function principalOfRequest(request: FastifyRequest): Principal {
  if (!request.principal) throw new UnauthenticatedError("not signed in");
  return request.principal;
}
