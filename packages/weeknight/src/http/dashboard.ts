import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";

/** Where `npm run build` puts the dashboard (packages/web builds into this package's dist/web). */
export const builtDashboardDir = fileURLToPath(new URL("../../dist/web/", import.meta.url));

/** Answers a request no route matched with the dashboard's page, or returns false to 404. */
export type PageFallback = (request: FastifyRequest, reply: FastifyReply) => boolean;

// Only what the page itself loads; the API is on the same origin, so nothing else is needed.
// Styles allow inline attributes: the log view colours ANSI output with them.
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "img-src 'self' data:",
  "style-src 'self' 'unsafe-inline'",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join("; ");

/**
 * Serves the dashboard at /: hashed assets cached for good, and index.html for every other page
 * URL (deep links such as /builds/12), so the browser's router takes over. API and other paths
 * keep their JSON 404s.
 */
export async function registerDashboard(
  app: FastifyInstance,
  dir: string = builtDashboardDir,
): Promise<PageFallback> {
  const indexPath = join(dir, "index.html");
  if (!existsSync(indexPath)) {
    return (request, reply) => {
      if (!wantsPage(request)) return false;
      void reply
        .status(503)
        .type("text/plain; charset=utf-8")
        .send(
          "The dashboard is not built: run `npm run build` in the Weeknight checkout, then restart the server.\nThe API is at /api/v1 (see /api/v1/openapi.json).\n",
        );
      return true;
    };
  }
  const index = readFileSync(indexPath);
  await app.register(fastifyStatic, {
    root: dir,
    wildcard: false,
    index: false,
    setHeaders(response, path) {
      response.header("x-content-type-options", "nosniff");
      if (path.includes(`${join(dir, "assets")}`)) {
        response.header("cache-control", "public, max-age=31536000, immutable");
      }
    },
  });
  return (request, reply) => {
    if (!wantsPage(request)) return false;
    void reply
      .type("text/html; charset=utf-8")
      .header("cache-control", "no-cache")
      .header("content-security-policy", CONTENT_SECURITY_POLICY)
      .header("x-content-type-options", "nosniff")
      .header("referrer-policy", "same-origin")
      .send(index);
    return true;
  };
}

function wantsPage(request: FastifyRequest): boolean {
  if (request.method !== "GET" && request.method !== "HEAD") return false;
  const path = request.url.split("?")[0] ?? "/";
  if (path.startsWith("/api/") || path === "/metrics" || path === "/healthz") return false;
  // A file that is not there (a stale asset, a typo) is a 404, not the page.
  return !/\.[a-z0-9]+$/i.test(path);
}
