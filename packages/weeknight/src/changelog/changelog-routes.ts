import { createHash } from "node:crypto";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { HttpApp } from "../http/http-app.js";
import { etagMatches } from "../http/http-etag.js";
import { renderAtom, renderJsonFeed } from "./changelog-feeds.js";
import { renderChangelogHtml } from "./changelog-html.js";
import type { ChangelogPage, ChangelogSource } from "./changelog-page.js";
import { escapeMarkup as e } from "./markdown.js";

export interface ChangelogRoutesDeps {
  source: ChangelogSource;
}

export const CHANGELOG_CONTENT_TYPES = {
  html: "text/html; charset=utf-8",
  atom: "application/atom+xml; charset=utf-8",
  json: "application/feed+json; charset=utf-8",
} as const;

// The page runs no script and loads only what its markdown links to. Inline styles are the
// page's own <style> and table alignment; framing is allowed, as the page has no actions.
const PAGE_SECURITY_POLICY = [
  "default-src 'none'",
  "style-src 'unsafe-inline'",
  "img-src https: http:",
  "base-uri 'none'",
  "form-action 'none'",
].join("; ");

type Format = keyof typeof CHANGELOG_CONTENT_TYPES;
type Request = FastifyRequest<{ Params: { project: string } }>;

const renderers: Record<Format, (page: ChangelogPage) => string> = {
  html: renderChangelogHtml,
  atom: renderAtom,
  json: (page) => JSON.stringify(renderJsonFeed(page)),
};

/**
 * The public changelog, unauthenticated at the root: `GET /changelog/:project` (HTML),
 * `/changelog/:project/feed.atom` and `/changelog/:project/feed.json`. Readers poll feeds, so
 * each answer carries an ETag and a short public cache lifetime, and `If-None-Match` gets a 304.
 */
export function changelogRoutes(deps: ChangelogRoutesDeps): (app: HttpApp) => void {
  const serve = (format: Format) => async (request: Request, reply: FastifyReply) => {
    const { project } = request.params;
    const page = await deps.source(project);
    if (page === null) return notFound(reply, format, project);
    const body = renderers[format](page);
    const etag = `"${createHash("sha256").update(body).digest("base64url").slice(0, 32)}"`;
    // Revalidate every time: a 304 is cheap, and a release or a fix shows at once.
    reply.header("etag", etag).header("cache-control", "public, no-cache");
    reply.header("x-content-type-options", "nosniff");
    if (format === "html") {
      reply.header("content-security-policy", PAGE_SECURITY_POLICY);
      reply.header("referrer-policy", "strict-origin-when-cross-origin");
    } else {
      // Public data: browser-based feed readers may fetch it from their own origin.
      reply.header("access-control-allow-origin", "*");
    }
    if (etagMatches(request.headers["if-none-match"], etag)) return reply.status(304).send();
    return reply.type(CHANGELOG_CONTENT_TYPES[format]).send(body);
  };

  return (app) => {
    const options = { schema: { hide: true } };
    app.get("/changelog/:project", options, serve("html"));
    app.get("/changelog/:project/feed.atom", options, serve("atom"));
    app.get("/changelog/:project/feed.json", options, serve("json"));
    // Without this the dashboard's page fallback would answer a trailing slash.
    app.get<{ Params: { project: string } }>("/changelog/:project/", options, (request, reply) =>
      reply.redirect(`/changelog/${encodeURIComponent(request.params.project)}`, 301),
    );
  };
}

function notFound(reply: FastifyReply, format: Format, project: string): FastifyReply {
  const message = `There is no public changelog for "${project}". If the project is yours, add \`changelog:\` to its weeknight.yml and deploy.`;
  reply.status(404).header("cache-control", "public, max-age=60");
  if (format !== "html") {
    return reply.type("application/json; charset=utf-8").send({
      error: { code: "NOT_FOUND", message },
    });
  }
  return reply
    .header("content-security-policy", PAGE_SECURITY_POLICY)
    .type(CHANGELOG_CONTENT_TYPES.html)
    .send(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>No changelog here</title>
<style>body{font:1.0625rem/1.6 system-ui,sans-serif;max-width:42rem;margin:3rem auto;padding:0 1.25rem}</style>
</head>
<body>
<main>
<h1>No changelog here</h1>
<p>${e(message)}</p>
</main>
</body>
</html>
`);
}
