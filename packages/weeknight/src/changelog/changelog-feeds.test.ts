import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { renderAtom, renderJsonFeed } from "./changelog-feeds.js";
import type { ChangelogPage } from "./changelog-page.js";
import { hostilePage, shopPage } from "./test-support/changelog-samples.js";

interface AtomLink {
  "@_rel": string;
  "@_type": string;
  "@_href": string;
}
interface AtomEntry {
  id: string;
  title: { "#text": string; "@_type": string };
  published: string;
  updated: string;
  link: AtomLink[];
  category: { "@_term": string }[];
  content: { "#text": string; "@_type": string };
}
interface AtomFeed {
  "@_xmlns": string;
  id: string;
  title: { "#text": string };
  updated: string;
  link: AtomLink[];
  author: { name: string };
  entry: AtomEntry[];
}

/** Parses like a feed reader: well-formedness first, then the tree, entities decoded. */
function parseAtom(xml: string): AtomFeed {
  expect(XMLValidator.validate(xml)).toBe(true);
  const parser = new XMLParser({
    ignoreAttributes: false,
    parseTagValue: false,
    trimValues: false,
    alwaysCreateTextNode: false,
    // Decode numeric references (&#39;) as every XML parser must; this one needs asking.
    htmlEntities: true,
    isArray: (name) => ["entry", "link", "category"].includes(name),
  });
  return (parser.parse(xml) as { feed: AtomFeed }).feed;
}

/** XML 1.0 `Char`: what a well-formed document may hold (lone surrogates are not). */
const isXmlChar = (cp: number) =>
  cp === 0x9 ||
  cp === 0xa ||
  cp === 0xd ||
  (cp >= 0x20 && cp <= 0xd7ff) ||
  (cp >= 0xe000 && cp <= 0xfffd) ||
  (cp >= 0x10000 && cp <= 0x10ffff);

// RFC 3339 date-time, as RFC 4287 §3.3 and JSON Feed both require.
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

describe("renderAtom", () => {
  it("is an RFC 4287 feed: id, title, updated, author, self and alternate links", () => {
    const feed = parseAtom(renderAtom(shopPage()));
    expect(feed["@_xmlns"]).toBe("http://www.w3.org/2005/Atom");
    expect(feed.id).toBe("https://weeknight.example.com/changelog/shop");
    expect(feed.title["#text"]).toBe("Shop: what's new");
    // The newest change: the announcement's edit.
    expect(feed.updated).toBe("2026-11-29T09:30:00.000Z");
    expect(feed.author.name).toBe("shop");
    expect(feed.link).toEqual([
      {
        "@_rel": "self",
        "@_type": "application/atom+xml",
        "@_href": "https://weeknight.example.com/changelog/shop/feed.atom",
      },
      {
        "@_rel": "alternate",
        "@_type": "text/html",
        "@_href": "https://weeknight.example.com/changelog/shop",
      },
    ]);
  });

  it("has an entry per changelog entry with its permalink, dates and rendered notes", () => {
    const [announcement, release] = parseAtom(renderAtom(shopPage())).entry;
    expect(release?.id).toBe("https://weeknight.example.com/changelog/shop#release-12");
    expect(release?.title).toEqual({ "#text": "Released 28 November 2026", "@_type": "text" });
    expect(release?.published).toBe("2026-11-28T23:30:00.000Z");
    expect(release?.updated).toBe("2026-11-28T23:30:00.000Z");
    expect(release?.link).toEqual([
      {
        "@_rel": "alternate",
        "@_type": "text/html",
        "@_href": "https://weeknight.example.com/changelog/shop#release-12",
      },
    ]);
    expect(release?.category).toEqual([{ "@_term": "release" }]);
    expect(release?.content["@_type"]).toBe("html");
    expect(release?.content["#text"]).toContain("<h3>Improvements</h3>\n<ul>\n<li>Faster search");
    expect(announcement?.updated).toBe("2026-11-29T09:30:00.000Z");
    expect(announcement?.category).toEqual([{ "@_term": "announcement" }]);
    for (const date of [release?.published, release?.updated, announcement?.published]) {
      expect(date).toMatch(RFC3339);
    }
  });

  it("is a valid feed with no entries", () => {
    const feed = parseAtom(renderAtom({ ...shopPage(), entries: [] }));
    expect(feed.entry).toBeUndefined();
    expect(feed.updated).toMatch(RFC3339);
  });

  it("escapes hostile text: a reader finds only text and safe HTML, never a script", () => {
    const page = hostilePage();
    const xml = renderAtom(page);
    const feed = parseAtom(xml);
    expect(feed.title["#text"]).toBe(page.title);
    expect(feed.author.name).toBe(page.project);
    const entry = feed.entry[0];
    expect(entry?.title["#text"]).toBe("<script>alert('title')</script>");
    expect(entry?.id).toBe(
      "https://weeknight.example.com/changelog/evil#release-1%22%20onmouseover%3D%22alert(1)",
    );
    // The HTML a reader will display: the attacks are text in it.
    const content = entry?.content["#text"] ?? "";
    expect(content).not.toMatch(/<script|<img|<a\s/i);
    expect(content).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(content).toContain("[click](javascript:alert(1))");
  });

  it("stays well-formed when entries hold characters XML forbids", () => {
    const page: ChangelogPage = {
      ...shopPage(),
      title: "Shop\u0000\u001b",
      entries: [
        {
          ...(shopPage().entries[1] as ChangelogPage["entries"][number]),
          title: "Beep\u0007 \uFFFE\uD800done",
          markdown: "bell\u0007 and form feed\u000c and 😀",
        },
      ],
    };
    const xml = renderAtom(page);
    expect([...xml].filter((c) => !isXmlChar(c.codePointAt(0) ?? 0))).toEqual([]);
    const feed = parseAtom(xml);
    expect(feed.title["#text"]).toBe("Shop");
    expect(feed.entry[0]?.title["#text"]).toBe("Beep done");
    expect(feed.entry[0]?.content["#text"]).toBe("<p>bell and form feed and 😀</p>\n");
  });
});

// JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/), field by field. Strict: the spec
// allows extension keys starting with "_", and we emit none, so any other key is a typo.
const url = z.url();
const author = z
  .strictObject({ name: z.string().optional(), url: url.optional(), avatar: url.optional() })
  .refine((a) => a.name ?? a.url ?? a.avatar, "an author needs at least one of its fields");
const jsonFeedItem = z
  .strictObject({
    id: z.string(),
    url: url.optional(),
    external_url: url.optional(),
    title: z.string().optional(),
    content_html: z.string().optional(),
    content_text: z.string().optional(),
    summary: z.string().optional(),
    image: url.optional(),
    banner_image: url.optional(),
    date_published: z.string().regex(RFC3339).optional(),
    date_modified: z.string().regex(RFC3339).optional(),
    authors: z.array(author).optional(),
    tags: z.array(z.string()).optional(),
    language: z.string().optional(),
    attachments: z
      .array(
        z.strictObject({
          url,
          mime_type: z.string(),
          title: z.string().optional(),
          size_in_bytes: z.number().optional(),
          duration_in_seconds: z.number().optional(),
        }),
      )
      .optional(),
  })
  .refine(
    (item) => item.content_html !== undefined || item.content_text !== undefined,
    "an item needs content_html or content_text",
  );
const jsonFeed11 = z.strictObject({
  version: z.literal("https://jsonfeed.org/version/1.1"),
  title: z.string(),
  home_page_url: url.optional(),
  feed_url: url.optional(),
  description: z.string().optional(),
  user_comment: z.string().optional(),
  next_url: url.optional(),
  icon: url.optional(),
  favicon: url.optional(),
  authors: z.array(author).optional(),
  language: z.string().optional(),
  expired: z.boolean().optional(),
  hubs: z.array(z.strictObject({ type: z.string(), url })).optional(),
  items: z.array(jsonFeedItem),
});

/** As a reader gets it: through JSON text. */
const jsonFeedOf = (page: ChangelogPage) =>
  jsonFeed11.parse(JSON.parse(JSON.stringify(renderJsonFeed(page))));

describe("renderJsonFeed", () => {
  it("is a JSON Feed 1.1 with the page's title, home page and its own URL", () => {
    const feed = jsonFeedOf(shopPage());
    expect(feed.version).toBe("https://jsonfeed.org/version/1.1");
    expect(feed.title).toBe("Shop: what's new");
    expect(feed.home_page_url).toBe("https://weeknight.example.com/changelog/shop");
    expect(feed.feed_url).toBe("https://weeknight.example.com/changelog/shop/feed.json");
  });

  it("has an item per entry, newest first, with permalink, dates and rendered notes", () => {
    const feed = jsonFeedOf(shopPage());
    expect(feed.items.map((i) => i.id)).toEqual([
      "https://weeknight.example.com/changelog/shop#announcement-3",
      "https://weeknight.example.com/changelog/shop#release-12",
    ]);
    expect(feed.items[1]).toEqual({
      id: "https://weeknight.example.com/changelog/shop#release-12",
      url: "https://weeknight.example.com/changelog/shop#release-12",
      title: "Released 28 November 2026",
      content_html:
        '<h3>Improvements</h3>\n<ul>\n<li>Faster search</li>\n<li><a href="https://weeknight.example.com/docs">Docs</a></li>\n</ul>\n',
      date_published: "2026-11-28T23:30:00.000Z",
      date_modified: "2026-11-28T23:30:00.000Z",
      tags: ["release"],
    });
    expect(feed.items[0]?.date_modified).toBe("2026-11-29T09:30:00.000Z");
  });

  it("is valid with no items", () => {
    expect(jsonFeedOf({ ...shopPage(), entries: [] }).items).toEqual([]);
  });

  it("puts HTML only in content_html, and only safe HTML there", () => {
    const page = hostilePage();
    const feed = jsonFeedOf(page);
    const item = feed.items[0];
    // Titles are plain text by the spec: readers escape them, so they stay as written.
    expect(feed.title).toBe(page.title);
    expect(item?.title).toBe("<script>alert('title')</script>");
    expect(item?.content_html).not.toMatch(/<script|<img|<a\s/i);
    expect(item?.content_html).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
  });

  it("rejects what the spec forbids, so the schema above can fail", () => {
    const feed = renderJsonFeed(shopPage());
    const noContent = { ...feed, items: [{ id: "x" }] };
    expect(jsonFeed11.safeParse(noContent).success).toBe(false);
    expect(
      jsonFeed11.safeParse({ ...feed, version: "https://jsonfeed.org/version/1" }).success,
    ).toBe(false);
  });
});
