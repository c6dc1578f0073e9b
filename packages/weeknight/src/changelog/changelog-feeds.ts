import type { ChangelogEntry, ChangelogPage } from "./changelog-page.js";
import { createMarkdownRenderer, escapeMarkup as x } from "./markdown.js";

/** Where a changelog's page, feeds and entries live, all derived from the page's URL. */
export interface ChangelogLinks {
  page: string;
  atom: string;
  json: string;
  permalink: (entry: ChangelogEntry) => string;
}

export function changelogLinks(page: ChangelogPage): ChangelogLinks {
  const base = page.url.replace(/\/+$/, "");
  return {
    page: base,
    atom: `${base}/feed.atom`,
    json: `${base}/feed.json`,
    permalink: (entry) => `${base}#${encodeURIComponent(entry.id)}`,
  };
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * When the feed last changed: its newest entry's update. A feed with no entries has not
 * changed since the epoch, which keeps the document (and its ETag) the same until one appears.
 */
function feedUpdated(page: ChangelogPage): number {
  let newest = 0;
  for (const entry of page.entries) newest = Math.max(newest, entry.updatedAt, entry.publishedAt);
  return newest;
}

/**
 * An Atom 1.0 feed (RFC 4287). Entry ids are the permalinks, which stay the same when an entry
 * is edited. Content is the rendered markdown as escaped `type="html"`.
 */
export function renderAtom(page: ChangelogPage): string {
  const links = changelogLinks(page);
  const toHtml = createMarkdownRenderer({ origin: page.url });
  const entries = page.entries.map(
    (entry) => `<entry>
<id>${x(links.permalink(entry))}</id>
<title type="text">${x(entry.title)}</title>
<published>${iso(entry.publishedAt)}</published>
<updated>${iso(Math.max(entry.updatedAt, entry.publishedAt))}</updated>
<link rel="alternate" type="text/html" href="${x(links.permalink(entry))}"/>
<category term="${x(entry.kind)}"/>
<content type="html">${x(toHtml(entry.markdown))}</content>
</entry>`,
  );
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<id>${x(links.page)}</id>
<title type="text">${x(page.title)}</title>
<subtitle type="text">${x(`Release notes and announcements for ${page.project}.`)}</subtitle>
<updated>${iso(feedUpdated(page))}</updated>
<link rel="self" type="application/atom+xml" href="${x(links.atom)}"/>
<link rel="alternate" type="text/html" href="${x(links.page)}"/>
<author><name>${x(page.project)}</name></author>
<generator>Weeknight</generator>
${entries.join("\n")}
</feed>
`;
}

/** A JSON Feed 1.1 item, as https://www.jsonfeed.org/version/1.1/ names its fields. */
export interface JsonFeedItem {
  id: string;
  url: string;
  title: string;
  content_html: string;
  date_published: string;
  date_modified: string;
  tags: string[];
}

export interface JsonFeed {
  version: "https://jsonfeed.org/version/1.1";
  title: string;
  home_page_url: string;
  feed_url: string;
  description: string;
  items: JsonFeedItem[];
}

/**
 * A JSON Feed 1.1. `title` stays plain text as the spec requires (readers escape it); the only
 * HTML is `content_html`, the safely rendered markdown.
 */
export function renderJsonFeed(page: ChangelogPage): JsonFeed {
  const links = changelogLinks(page);
  const toHtml = createMarkdownRenderer({ origin: page.url });
  return {
    version: "https://jsonfeed.org/version/1.1",
    title: page.title,
    home_page_url: links.page,
    feed_url: links.json,
    description: `Release notes and announcements for ${page.project}.`,
    items: page.entries.map((entry) => ({
      id: links.permalink(entry),
      url: links.permalink(entry),
      title: entry.title,
      content_html: toHtml(entry.markdown),
      date_published: iso(entry.publishedAt),
      date_modified: iso(Math.max(entry.updatedAt, entry.publishedAt)),
      tags: [entry.kind],
    })),
  };
}
