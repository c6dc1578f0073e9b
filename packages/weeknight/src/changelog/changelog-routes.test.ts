import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHttpApp, type HttpApp } from "../http/http-app.js";
import { etagMatches } from "../http/http-etag.js";
import type { ChangelogPage, ChangelogSource } from "./changelog-page.js";
import { changelogRoutes } from "./changelog-routes.js";
import { shopPage } from "./test-support/changelog-samples.js";

/** A source over a map the test can change, like a project publishing a new release. */
function sampleSource(): { source: ChangelogSource; pages: Map<string, ChangelogPage> } {
  const pages = new Map<string, ChangelogPage>([["shop", shopPage()]]);
  return { pages, source: async (project) => pages.get(project) ?? null };
}

function appWith(source: ChangelogSource, dashboardDir: string | null): Promise<HttpApp> {
  return createHttpApp({
    version: "test",
    authenticator: { authenticate: async () => null },
    routes: [],
    rootRoutes: [changelogRoutes({ source })],
    dashboardDir,
  });
}

describe("changelog routes", () => {
  const { source, pages } = sampleSource();
  let app: HttpApp;
  beforeAll(async () => {
    app = await appWith(source, null);
  });
  afterAll(() => app.close());

  it.each([
    ["/changelog/shop", "text/html; charset=utf-8", "<title>Shop: what&#39;s new</title>"],
    ["/changelog/shop/feed.atom", "application/atom+xml; charset=utf-8", "<feed xmlns="],
    ["/changelog/shop/feed.json", "application/feed+json; charset=utf-8", '"version":"https://'],
  ])("GET %s answers %s without a token, cacheable for a minute", async (url, type, text) => {
    const response = await app.inject({ method: "GET", url });
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe(type);
    expect(response.headers["cache-control"]).toBe("public, no-cache");
    expect(response.headers.etag).toMatch(/^"[A-Za-z0-9_-]{32}"$/);
    expect(response.body).toContain(text);
  });

  it("serves the JSON Feed as JSON a reader can parse", async () => {
    const feed = (await app.inject({ method: "GET", url: "/changelog/shop/feed.json" })).json();
    expect(feed.items).toHaveLength(2);
    expect(feed.feed_url).toBe("https://weeknight.example.com/changelog/shop/feed.json");
  });

  it("forbids scripts on the page", async () => {
    const response = await app.inject({ method: "GET", url: "/changelog/shop" });
    expect(response.headers["content-security-policy"]).toContain("default-src 'none'");
    expect(response.headers["content-security-policy"]).not.toContain("script-src");
    expect(response.headers["x-content-type-options"]).toBe("nosniff");
  });

  it.each(["/changelog/shop", "/changelog/shop/feed.atom", "/changelog/shop/feed.json"])(
    "answers a poll of %s with 304 until the changelog changes",
    async (url) => {
      const first = await app.inject({ method: "GET", url });
      const etag = String(first.headers.etag);
      const again = await app.inject({ method: "GET", url, headers: { "if-none-match": etag } });
      expect(again.statusCode).toBe(304);
      expect(again.body).toBe("");
      expect(again.headers.etag).toBe(etag);
      expect(again.headers["cache-control"]).toBe("public, no-cache");
      const weak = await app.inject({
        method: "GET",
        url,
        headers: { "if-none-match": `"other", W/${etag}` },
      });
      expect(weak.statusCode).toBe(304);

      const [, release] = shopPage().entries;
      if (!release) throw new Error("the sample page has lost its release");
      pages.set("shop", { ...shopPage(), entries: [{ ...release, id: "release-13" }] });
      try {
        const changed = await app.inject({
          method: "GET",
          url,
          headers: { "if-none-match": etag },
        });
        expect(changed.statusCode).toBe(200);
        expect(changed.headers.etag).not.toBe(etag);
        expect(changed.body).toContain("release-13");
      } finally {
        pages.set("shop", shopPage());
      }
    },
  );

  it("answers an unknown project with a small HTML page, and its feeds with JSON", async () => {
    const page = await app.inject({ method: "GET", url: "/changelog/%3Cb%3Enope" });
    expect(page.statusCode).toBe(404);
    expect(page.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(page.body).toContain("<h1>No changelog here</h1>");
    expect(page.body).toContain("no public changelog for &quot;&lt;b&gt;nope&quot;");
    for (const feed of ["feed.atom", "feed.json"]) {
      const response = await app.inject({ method: "GET", url: `/changelog/nope/${feed}` });
      expect(response.statusCode).toBe(404);
      expect(response.json()).toEqual({
        error: { code: "NOT_FOUND", message: expect.stringContaining('"nope"') },
      });
    }
  });

  it("answers HEAD like GET, without a body", async () => {
    const response = await app.inject({ method: "HEAD", url: "/changelog/shop/feed.atom" });
    expect(response.statusCode).toBe(200);
    expect(response.headers.etag).toMatch(/^"/);
    expect(response.body).toBe("");
  });

  it("redirects a trailing slash to the page", async () => {
    const response = await app.inject({ method: "GET", url: "/changelog/shop/" });
    expect(response.statusCode).toBe(301);
    expect(response.headers.location).toBe("/changelog/shop");
  });

  it("serves real HTTP clients, conditional GET included", async () => {
    const listening = await appWith(source, null);
    try {
      const address = await listening.listen({ host: "127.0.0.1", port: 0 });
      const first = await fetch(`${address}/changelog/shop/feed.atom`);
      expect(first.status).toBe(200);
      expect(first.headers.get("content-type")).toBe("application/atom+xml; charset=utf-8");
      expect(await first.text()).toContain("<id>https://weeknight.example.com/changelog/shop</id>");
      const etag = first.headers.get("etag") ?? "";
      const second = await fetch(`${address}/changelog/shop/feed.atom`, {
        headers: { "if-none-match": etag },
      });
      expect(second.status).toBe(304);
    } finally {
      await listening.close();
    }
  });
});

describe("changelog routes beside the dashboard", () => {
  const dir = mkdtempSync(join(tmpdir(), "weeknight-dashboard-"));
  let app: HttpApp;
  beforeAll(async () => {
    writeFileSync(join(dir, "index.html"), "<!doctype html><title>Dashboard</title>");
    app = await appWith(sampleSource().source, dir);
  });
  afterAll(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("keeps /changelog from falling back to the dashboard's page", async () => {
    // The fallback is live: a dashboard deep link gets the page.
    expect((await app.inject({ method: "GET", url: "/builds/12" })).body).toContain("Dashboard");
    for (const url of [
      "/changelog/shop",
      "/changelog/shop/feed.atom",
      "/changelog/shop/feed.json",
    ]) {
      const response = await app.inject({ method: "GET", url });
      expect(response.statusCode).toBe(200);
      expect(response.body).not.toContain("<title>Dashboard</title>");
    }
    const unknown = await app.inject({ method: "GET", url: "/changelog/nope" });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toContain("No changelog here");
    const slash = await app.inject({ method: "GET", url: "/changelog/shop/" });
    expect(slash.statusCode).toBe(301);
  });
});

describe("etagMatches", () => {
  it("matches exact, weak, listed and wildcard tags, and nothing else", () => {
    expect(etagMatches('"a"', '"a"')).toBe(true);
    expect(etagMatches('W/"a"', '"a"')).toBe(true);
    expect(etagMatches('"b", "a"', '"a"')).toBe(true);
    expect(etagMatches("*", '"a"')).toBe(true);
    expect(etagMatches('"b"', '"a"')).toBe(false);
    expect(etagMatches(undefined, '"a"')).toBe(false);
  });
});
