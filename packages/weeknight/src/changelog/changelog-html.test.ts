import { describe, expect, it } from "vitest";
import { humanDate, renderChangelogHtml } from "./changelog-html.js";
import { hostilePage, shopPage } from "./test-support/changelog-samples.js";

/** The opening tags of one element type, e.g. every `<link …>`. */
const tags = (html: string, name: string) =>
  [...html.matchAll(new RegExp(`<${name}(\\s[^>]*)?>`, "g"))].map((m) => m[0]);

describe("renderChangelogHtml", () => {
  const html = renderChangelogHtml(shopPage());

  it("is a complete HTML5 document with a title and a description", () => {
    expect(html.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
    expect(html.trimEnd().endsWith("</html>")).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(html).toContain("<title>Shop: what&#39;s new</title>");
    expect(html).toContain(
      '<meta name="description" content="Release notes and announcements for shop.">',
    );
    expect(html).toContain("<h1>Shop: what&#39;s new</h1>");
  });

  it("advertises both feeds so readers and browsers find them", () => {
    const links = tags(html, "link");
    expect(links).toContain(
      '<link rel="alternate" type="application/atom+xml" title="Shop: what&#39;s new (Atom)" href="https://weeknight.example.com/changelog/shop/feed.atom">',
    );
    expect(links).toContain(
      '<link rel="alternate" type="application/feed+json" title="Shop: what&#39;s new (JSON Feed)" href="https://weeknight.example.com/changelog/shop/feed.json">',
    );
    expect(links).toContain(
      '<link rel="canonical" href="https://weeknight.example.com/changelog/shop">',
    );
  });

  it("runs no JavaScript and loads nothing else: one inline stylesheet, light and dark", () => {
    expect(tags(html, "script")).toEqual([]);
    expect(html).not.toMatch(/\son[a-z]+=/i);
    expect(tags(html, "style")).toHaveLength(1);
    expect(html).toContain("@media (prefers-color-scheme:dark)");
    expect(html).toContain("max-width:42rem");
    expect(html.length).toBeLessThan(8 * 1024);
  });

  it("shows each entry, newest first, as an article with a permalink, its date and its notes", () => {
    expect(tags(html, "article")).toEqual([
      '<article id="announcement-3" aria-labelledby="announcement-3-title">',
      '<article id="release-12" aria-labelledby="release-12-title">',
    ]);
    expect(html).toContain(
      '<h2 id="release-12-title"><a href="#release-12">Released 28 November 2026</a></h2>',
    );
    expect(html).toContain('<time datetime="2026-11-28T23:30:00.000Z">28 November 2026</time>');
    expect(html).toContain("<h3>Improvements</h3>");
    expect(html).toContain("<li>Faster search</li>");
    expect(html).toContain(
      'checkout lives at <a href="https://pay.example.com" rel="nofollow noopener">https://pay.example.com</a>',
    );
    // A link to the changelog's own site is not "someone else's".
    expect(html).toContain('<a href="https://weeknight.example.com/docs">Docs</a>');
  });

  it("badges announcements, not releases", () => {
    const [announcement, release] = html.split("<article").slice(1);
    expect(announcement).toContain('<span class="tag">Announcement</span>');
    expect(release).not.toContain("Announcement");
  });

  it("says so when nothing is published yet", () => {
    const empty = renderChangelogHtml({ ...shopPage(), entries: [] });
    expect(tags(empty, "article")).toEqual([]);
    expect(empty).toContain("Nothing published yet.");
    expect(tags(empty, "link").filter((l) => l.includes('rel="alternate"'))).toHaveLength(2);
  });

  it("escapes everything the page holds: project, titles, ids and notes", () => {
    const page = hostilePage();
    const evil = renderChangelogHtml(page);
    expect(tags(evil, "script")).toEqual([]);
    expect(evil).not.toMatch(/<img\s/);
    expect(evil).not.toMatch(/\shref="(?!https:|#)/);
    expect(evil).toContain(
      "<title>&quot;&gt;&lt;img src=x onerror=alert(&#39;page title&#39;)&gt;</title>",
    );
    expect(evil).toContain("for &lt;/title&gt;&lt;script&gt;alert(&#39;project&#39;)");
    expect(evil).toContain(
      '<article id="release-1&quot; onmouseover=&quot;alert(1)" aria-labelledby="release-1&quot; onmouseover=&quot;alert(1)-title">',
    );
    expect(evil).toContain('<a href="#release-1%22%20onmouseover%3D%22alert(1)">');
    expect(evil).toContain("&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;</a></h2>");
    expect(evil).toContain("<p>[click](javascript:alert(1))</p>");
  });
});

describe("humanDate", () => {
  it("names the day in UTC", () => {
    expect(humanDate(Date.parse("2026-11-28T23:59:59Z"))).toBe("28 November 2026");
    expect(humanDate(Date.parse("2027-01-01T00:00:00Z"))).toBe("1 January 2027");
  });
});
