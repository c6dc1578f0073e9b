import type { ChangelogEntry, ChangelogPage } from "../changelog-page.js";

const at = (iso: string) => Date.parse(iso);

/** A project with a release and an announcement, newest first. */
export function shopPage(): ChangelogPage {
  return {
    project: "shop",
    title: "Shop: what's new",
    url: "https://weeknight.example.com/changelog/shop",
    entries: [
      {
        id: "announcement-3",
        kind: "announcement",
        title: "Checkout moves to a new domain",
        markdown: "From **1 December** checkout lives at https://pay.example.com.",
        publishedAt: at("2026-11-29T09:00:00Z"),
        updatedAt: at("2026-11-29T09:30:00Z"),
      },
      {
        id: "release-12",
        kind: "release",
        title: "Released 28 November 2026",
        markdown:
          "## Improvements\n\n- Faster search\n- [Docs](https://weeknight.example.com/docs)",
        // 23:30 in New York is already the 29th in UTC: the page must say the 28th.
        publishedAt: at("2026-11-28T23:30:00Z"),
        updatedAt: at("2026-11-28T23:30:00Z"),
      },
    ],
  };
}

/** Markdown that tries to run script in every way a changelog author (or a commit) might. */
export const XSS_MARKDOWN = [
  "<script>alert(1)</script>",
  '<img src=x onerror="alert(1)">',
  "[click](javascript:alert(1))",
  "[click](&#106;avascript:alert(1))",
  "<javascript:alert(1)>",
  "![pic](javascript:alert(1))",
  "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
].join("\n\n");

/** A page where every field a person typed is an attack. */
export function hostilePage(): ChangelogPage {
  const entry: ChangelogEntry = {
    id: 'release-1" onmouseover="alert(1)',
    kind: "release",
    title: "<script>alert('title')</script>",
    markdown: XSS_MARKDOWN,
    publishedAt: at("2026-01-02T03:04:05Z"),
    updatedAt: at("2026-01-02T03:04:05Z"),
  };
  return {
    project: "</title><script>alert('project')</script>",
    title: "\"><img src=x onerror=alert('page title')>",
    url: "https://weeknight.example.com/changelog/evil",
    entries: [entry],
  };
}
