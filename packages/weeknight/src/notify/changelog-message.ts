import type { NotifyEvent } from "../config/config-schema.js";

export type ChangelogEvent = Extract<NotifyEvent, "changelog.published" | "announcement.published">;

/** What goes to customers' channels: a release's customer notes, or an announcement. */
export interface ChangelogNotice {
  /** e.g. "Released 28 November 2026" or the announcement's title. */
  title: string;
  /** The customer-facing markdown, as published. */
  markdown: string;
  /** The entry's permalink on the public changelog. */
  url: string;
}

/** A notification about the public changelog: no build, commits or authors. */
export interface ChangelogNotification {
  event: ChangelogEvent;
  project: string;
  changelog: ChangelogNotice;
}

export function renderChangelog(n: ChangelogNotification): { subject: string; text: string } {
  const { title, markdown, url } = n.changelog;
  return {
    subject: `${n.project}: ${title}`,
    text: `${markdown.trim()}\n\n${url}\n`,
  };
}
