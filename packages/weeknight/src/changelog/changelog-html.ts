import { changelogLinks } from "./changelog-feeds.js";
import type { ChangelogEntry, ChangelogPage } from "./changelog-page.js";
import { createMarkdownRenderer, escapeMarkup as e, type MarkdownRenderer } from "./markdown.js";

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
] as const;

/** "28 November 2026": the day in UTC, so every reader and every cache sees the same text. */
export function humanDate(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

// Small on purpose: system fonts, no web fonts, no images; light and dark follow the reader.
const STYLE = `:root{color-scheme:light dark;--fg:#1f2328;--muted:#59636e;--bg:#fff;--line:#d1d9e0;\
--link:#0550ae;--tag-bg:#ddf4ff;--tag-fg:#0a3069;--code:#f2f4f6}
@media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--muted:#9198a1;--bg:#0d1117;\
--line:#3d444d;--link:#58a6ff;--tag-bg:#0c2d6b;--tag-fg:#cae8ff;--code:#161b22}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);\
font:1.0625rem/1.65 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
.page{max-width:42rem;margin:0 auto;padding:2.5rem 1.25rem 4rem}
a{color:var(--link);text-underline-offset:.15em}
h1{font-size:1.9rem;line-height:1.2;margin:0 0 .4rem}
.feeds{color:var(--muted);margin:0 0 2rem;font-size:.95rem}
article{border-top:1px solid var(--line);padding:1.75rem 0;scroll-margin-top:1rem}
article h2{font-size:1.35rem;line-height:1.3;margin:0}
article h2 a{color:inherit;text-decoration:none}
article h2 a:hover,article h2 a:focus-visible{text-decoration:underline}
article:target h2{color:var(--link)}
.meta{color:var(--muted);font-size:.9rem;margin:.3rem 0 1rem}
.tag{display:inline-block;background:var(--tag-bg);color:var(--tag-fg);border-radius:999px;\
padding:0 .6rem;margin-right:.5rem;font-size:.8rem;font-weight:600}
.body>:first-child{margin-top:0}.body>:last-child{margin-bottom:0}
.body{overflow-wrap:break-word}.body img{max-width:100%;height:auto}
.body h3,.body h4,.body h5,.body h6{font-size:1.05rem;margin:1.4rem 0 .5rem}
code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.9em}
pre{background:var(--code);padding:.75rem 1rem;overflow-x:auto;border-radius:6px}
:not(pre)>code{background:var(--code);padding:.1em .35em;border-radius:4px}
blockquote{margin:0;padding-left:1rem;border-left:3px solid var(--line);color:var(--muted)}
table{border-collapse:collapse;display:block;overflow-x:auto}
th,td{border:1px solid var(--line);padding:.3rem .6rem}
.empty{border-top:1px solid var(--line);padding:2rem 0;color:var(--muted)}`;

/**
 * The public changelog as one complete HTML5 document: no JavaScript, inline CSS, every entry
 * an `<article id>` with a permalink. Everything taken from the page is escaped.
 */
export function renderChangelogHtml(page: ChangelogPage): string {
  const links = changelogLinks(page);
  const toHtml = createMarkdownRenderer({ origin: page.url });
  const body =
    page.entries.length === 0
      ? `<p class="empty">Nothing published yet. Subscribe to a feed to hear about the first release.</p>`
      : page.entries.map((entry) => renderEntry(entry, toHtml)).join("\n");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(page.title)}</title>
<meta name="description" content="${e(`Release notes and announcements for ${page.project}.`)}">
<meta name="color-scheme" content="light dark">
<link rel="canonical" href="${e(links.page)}">
<link rel="alternate" type="application/atom+xml" title="${e(page.title)} (Atom)" href="${e(links.atom)}">
<link rel="alternate" type="application/feed+json" title="${e(page.title)} (JSON Feed)" href="${e(links.json)}">
<style>${STYLE}</style>
</head>
<body>
<div class="page">
<header>
<h1>${e(page.title)}</h1>
<p class="feeds">Follow along: <a href="${e(links.atom)}" type="application/atom+xml">Atom feed</a> · <a href="${e(links.json)}" type="application/feed+json">JSON Feed</a></p>
</header>
<main>
${body}
</main>
</div>
</body>
</html>
`;
}

function renderEntry(entry: ChangelogEntry, toHtml: MarkdownRenderer): string {
  const id = e(entry.id);
  const tag = entry.kind === "announcement" ? `<span class="tag">Announcement</span>` : "";
  return `<article id="${id}" aria-labelledby="${id}-title">
<header>
<h2 id="${id}-title"><a href="#${e(encodeURIComponent(entry.id))}">${e(entry.title)}</a></h2>
<p class="meta">${tag}<time datetime="${new Date(entry.publishedAt).toISOString()}">${humanDate(entry.publishedAt)}</time></p>
</header>
<div class="body">
${toHtml(entry.markdown)}</div>
</article>`;
}
