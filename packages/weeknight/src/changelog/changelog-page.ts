/** One entry of a project's public changelog: a release's customer notes or an announcement. */
export interface ChangelogEntry {
  /** Stable and linkable: `release-12` (release notes id 12) or `announcement-3`. */
  id: string;
  kind: "release" | "announcement";
  /** e.g. "Released 28 November 2026" or the announcement's title. */
  title: string;
  /** Customer-facing markdown, written by people (from commits or by hand): render it safely. */
  markdown: string;
  publishedAt: number;
  updatedAt: number;
}

/** What the public changelog page and its feeds show. */
export interface ChangelogPage {
  project: string;
  /** From weeknight.yml `changelog.title`, e.g. "Shop: what's new". */
  title: string;
  /** Absolute URL of the changelog page, e.g. https://weeknight.example.com/changelog/shop */
  url: string;
  /** Newest first. */
  entries: ChangelogEntry[];
}

/** Reads a project's public changelog; null when the project publishes none (or is unknown). */
export type ChangelogSource = (project: string) => Promise<ChangelogPage | null>;
