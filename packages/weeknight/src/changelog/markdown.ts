import MarkdownIt from "markdown-it";

/** Turns people-written markdown into HTML that is safe to put in a page or a feed. */
export type MarkdownRenderer = (markdown: string) => string;

export interface MarkdownRendererOptions {
  /**
   * Origin (or any URL) of the site the HTML is shown on, e.g. `https://weeknight.example.com`: links there
   * are ours and keep their rank; every other http(s) link gets `rel="nofollow noopener"`.
   */
  origin?: string;
  /**
   * The level the markdown's highest heading becomes (default 3): the page's title is h1 and
   * each entry's is h2, so an entry's own headings start at h3 and the outline stays intact.
   */
  firstHeadingLevel?: number;
}

const ALLOWED_PROTOCOLS = new Set(["http:", "https:", "mailto:"]);

/**
 * Whether a link may be rendered: only absolute http(s) and mailto URLs. Everything else
 * (javascript:, data:, vbscript:, file:, protocol-relative and relative URLs) is dropped, and
 * markdown-it then leaves the markdown as plain text.
 */
export function isAllowedLink(url: string): boolean {
  // What the browser would see: it ignores leading/trailing spaces and controls.
  const trimmed = url.trim();
  if (!/^(https?:\/\/|mailto:)/i.test(trimmed)) return false;
  try {
    return ALLOWED_PROTOCOLS.has(new URL(trimmed).protocol);
  } catch {
    return false;
  }
}

/** A markdown-it set up for untrusted text: raw HTML escaped, links checked, bare URLs linked. */
export function createMarkdownRenderer(options: MarkdownRendererOptions = {}): MarkdownRenderer {
  const md = new MarkdownIt("default", { html: false, linkify: true, typographer: false });
  const builtInValidate = md.validateLink.bind(md);
  md.validateLink = (url) => builtInValidate(url) && isAllowedLink(url);

  const origin = originOf(options.origin);
  md.renderer.rules.link_open = (tokens, idx, opts, _env, self) => {
    const token = tokens[idx];
    if (token && isExternal(String(token.attrGet("href") ?? ""), origin)) {
      token.attrSet("rel", "nofollow noopener");
    }
    return self.renderToken(tokens, idx, opts);
  };
  const renderImage = md.renderer.rules.image;
  md.renderer.rules.image = (tokens, idx, opts, env, self) => {
    tokens[idx]?.attrSet("loading", "lazy");
    return renderImage ? renderImage(tokens, idx, opts, env, self) : "";
  };

  const first = Math.min(Math.max(options.firstHeadingLevel ?? 3, 1), 6);
  md.core.ruler.push("shift_headings", (state) => {
    const headings = state.tokens.filter(
      (t) => t.type === "heading_open" || t.type === "heading_close",
    );
    // The author's top level (`#` or `##`, whichever they start with) becomes `first`.
    const top = Math.min(...headings.map((t) => Number(t.tag.slice(1))));
    for (const token of headings) {
      token.tag = `h${Math.min(Number(token.tag.slice(1)) - top + first, 6)}`;
    }
    return true;
  });

  return (markdown) => md.render(stripControlCharacters(markdown));
}

/** One-off rendering; create a renderer with `createMarkdownRenderer` to render many. */
export function renderMarkdown(markdown: string, options?: MarkdownRendererOptions): string {
  return createMarkdownRenderer(options)(markdown);
}

function originOf(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

function isExternal(href: string, origin: string | undefined): boolean {
  if (!/^https?:/i.test(href)) return false;
  try {
    return new URL(href).origin !== origin;
  } catch {
    return true;
  }
}

// Characters XML 1.0 forbids (C0 controls but tab/LF/CR, lone surrogates, U+FFFE/U+FFFF):
// a feed holding one is not well-formed, and in HTML they are parse errors at best.
const INVALID_XML_CHARS = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Removes characters that no XML or HTML document may contain. */
export function stripControlCharacters(text: string): string {
  return text.replace(INVALID_XML_CHARS, "");
}

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Escapes text for HTML or XML, in element content and quoted attributes alike. */
export function escapeMarkup(text: string): string {
  return stripControlCharacters(text).replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}
