import type { Answer } from "../api/answers.js";
import type { Tone } from "./flag-format.js";

/** One deploy's release notes as the API reports them. */
export type ReleaseNotes = Answer<"/api/v1/notes/{id}">;
export type NoteEntry = ReleaseNotes["entries"][number];
export type Announcement = Answer<"/api/v1/announcements/{id}">;

const enc = encodeURIComponent;

/** The public changelog (served by the server, not the dashboard: plain links, no router). */
export function changelogUrls(project: string) {
  const page = `/changelog/${enc(project)}`;
  return { page, atom: `${page}/feed.atom`, json: `${page}/feed.json` };
}

/** The permalink of a release's notes on the public changelog. */
export function releasePermalink(project: string, notesId: number): string {
  return `${changelogUrls(project).page}#release-${notesId}`;
}

export function announcementPermalink(project: string, id: number): string {
  return `${changelogUrls(project).page}#announcement-${id}`;
}

/** The dashboard's Changelog tab and an announcement's editor. */
export const changelogTabPath = (project: string) => `/projects/${enc(project)}/changelog`;
export const announcementPath = (project: string, id: number) =>
  `/projects/${enc(project)}/announcements/${id}`;

const typeTones: Record<string, Tone> = {
  feat: "good",
  fix: "busy",
  perf: "busy",
  revert: "warn",
};

/** A commit's Conventional Commits type as a badge; breaking changes get their own. */
export function entryBadge(entry: Pick<NoteEntry, "type">): { label: string; tone: Tone } {
  return { label: entry.type, tone: typeTones[entry.type] ?? "idle" };
}

/** Where a deploy's notes stand: on the public changelog, taken off it, or never on it. */
export function noteState(notes: ReleaseNotes): { label: string; tone: Tone; hint: string } {
  if (notes.withdrawnAt !== null) {
    return {
      label: "withdrawn",
      tone: "bad",
      hint: "The deploy was rolled back: its notes left the public changelog.",
    };
  }
  if (notes.publishedAt !== null) {
    return { label: "published", tone: "good", hint: "On the public changelog and its feeds." };
  }
  if (notes.deployedAt !== null) {
    return {
      label: "live",
      tone: "idle",
      hint:
        notes.customer.trim() === ""
          ? "Live, with nothing for customers."
          : "Live; this environment does not publish to the public changelog.",
    };
  }
  if (notes.deploymentId !== null) {
    return { label: "not live", tone: "idle", hint: "Its deployment has not gone live." };
  }
  return { label: "draft", tone: "idle", hint: "Drafted for a build that has not been deployed." };
}

/** Notes of deploys (not the draft of what goes out next), newest first. */
export function deployedNotes(list: readonly ReleaseNotes[], nextId: number | null) {
  return list.filter((notes) => notes.deploymentId !== null && notes.id !== nextId);
}

/** "3 commits · 1 breaking". */
export function entriesSummary(entries: readonly NoteEntry[]): string {
  const commits = `${entries.length} commit${entries.length === 1 ? "" : "s"}`;
  const breaking = entries.filter((e) => e.breaking).length;
  const forCustomers = entries.filter((e) => e.customer !== null).length;
  return [commits, `${forCustomers} for customers`, breaking > 0 && `${breaking} breaking`]
    .filter(Boolean)
    .join(" · ");
}

/** "28 November 2026": the day in UTC, as the public changelog titles a release. */
export function releaseDay(at: number): string {
  return new Intl.DateTimeFormat("en-GB", {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  }).format(at);
}

/** One entry of the public changelog, as the Changelog tab lists it. */
export interface PublishedEntry {
  key: string;
  kind: "release" | "announcement";
  title: string;
  markdown: string;
  publishedAt: number;
  permalink: string;
}

/**
 * What the public changelog shows: published, not withdrawn release notes with something for
 * customers, and published announcements, newest first.
 */
export function publishedEntries(
  project: string,
  notes: readonly ReleaseNotes[],
  announcements: readonly Announcement[],
): PublishedEntry[] {
  const releases = notes.flatMap((n): PublishedEntry[] =>
    n.publishedAt !== null && n.withdrawnAt === null && n.customer.trim() !== ""
      ? [
          {
            key: `release-${n.id}`,
            kind: "release",
            title: `Released ${releaseDay(n.publishedAt)}`,
            markdown: n.customer,
            publishedAt: n.publishedAt,
            permalink: releasePermalink(project, n.id),
          },
        ]
      : [],
  );
  const news = announcements.flatMap((a): PublishedEntry[] =>
    a.publishedAt !== null
      ? [
          {
            key: `announcement-${a.id}`,
            kind: "announcement",
            title: a.title,
            markdown: a.body,
            publishedAt: a.publishedAt,
            permalink: announcementPermalink(project, a.id),
          },
        ]
      : [],
  );
  return [...releases, ...news].sort((a, b) => b.publishedAt - a.publishedAt);
}
