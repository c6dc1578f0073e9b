import { describe, expect, it } from "vitest";
import {
  createMarkdownRenderer,
  escapeMarkup,
  isAllowedLink,
  renderMarkdown,
  stripControlCharacters,
} from "./markdown.js";

const ORIGIN = "https://weeknight.example.com";
const render = createMarkdownRenderer({ origin: ORIGIN });

/** Every href and src the HTML would make a browser follow. */
const urlsIn = (html: string) => [...html.matchAll(/\s(?:href|src)="([^"]*)"/g)].map((m) => m[1]);

describe("renderMarkdown", () => {
  it("renders the markdown people write in release notes", () => {
    const html = render("Fixed **checkout** for `EUR`.\n\n- one\n- two\n\n> quoted");
    expect(html).toContain("<strong>checkout</strong>");
    expect(html).toContain("<code>EUR</code>");
    expect(html).toContain("<li>one</li>");
    expect(html).toContain("<blockquote>");
  });

  it("escapes raw HTML instead of passing it through", () => {
    expect(render("<script>alert(1)</script>")).toBe(
      "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n",
    );
    const img = render('<img src=x onerror="alert(1)">');
    expect(img).not.toContain("<img");
    expect(img).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
    expect(render('<a href="javascript:alert(1)">x</a>')).not.toContain("<a ");
  });

  it.each([
    ["inline link", "[x](javascript:alert(1))"],
    ["mixed case", "[x](JaVaScRiPt:alert(1))"],
    ["entity-encoded scheme", "[x](&#106;avascript:alert(1))"],
    ["hex entity and tab inside the scheme", "[x](java&#x09;script:alert(1))"],
    ["leading spaces", "[x](   javascript:alert(1))"],
    ["angle-bracket destination", "[x](<javascript:alert(1)>)"],
    ["autolink", "<javascript:alert(1)>"],
    ["reference definition", "[x][r]\n\n[r]: javascript:alert(1)"],
    ["vbscript", "[x](vbscript:msgbox(1))"],
    ["data URL", "[x](data:text/html;base64,PHNjcmlwdD4=)"],
    ["image", "![x](javascript:alert(1))"],
    ["data image", "![x](data:image/svg+xml;base64,PHN2Zz4=)"],
    ["file URL", "[x](file:///etc/passwd)"],
    ["protocol-relative", "[x](//evil.example)"],
  ])("drops a dangerous link (%s), leaving its text", (_name, markdown) => {
    const html = render(markdown);
    expect(html).not.toMatch(/<a\s|<img\s/);
    expect(urlsIn(html)).toEqual([]);
    expect(html).toMatch(/^<p>.+<\/p>\n$/s);
  });

  it("keeps an attribute-breaking link destination inside the attribute", () => {
    const html = render('[x](https://evil.example" onmouseover="alert(1))');
    expect(html).not.toMatch(/<a [^>]*onmouseover/);
    expect(urlsIn(html)).toEqual(["https://evil.example"]);
  });

  it("escapes image alt text and titles, so no attribute can be added", () => {
    const html = render('![a" onerror="alert(1)](https://img.example/a.png "t\\" onload=\\"x")');
    const tag = html.match(/<img[^>]*>/)?.[0] ?? "";
    // Every attribute is name="value" with no quote inside, so these are all there are.
    expect(tag).toMatch(/^<img(\s[a-z]+="[^"]*")+>$/);
    expect([...tag.matchAll(/\s([a-z]+)="/g)].map((m) => m[1])).toEqual([
      "src",
      "alt",
      "title",
      "loading",
    ]);
    expect(tag).toContain('alt="a&quot; onerror=&quot;alert(1)"');
  });

  it("keeps http(s) and mailto links, and links bare URLs and email addresses", () => {
    const html = render(
      "[docs](https://weeknight.example.com/docs), [old](http://legacy.example), " +
        "[mail](mailto:help@example.com), see https://status.example.com or write to ops@example.com",
    );
    expect(urlsIn(html)).toEqual([
      "https://weeknight.example.com/docs",
      "http://legacy.example",
      "mailto:help@example.com",
      "https://status.example.com",
      "mailto:ops@example.com",
    ]);
  });

  it("marks links to other sites nofollow noopener, and only those", () => {
    const html = render(
      "[ours](https://weeknight.example.com/docs) [theirs](https://other.example) [mail](mailto:a@b.example)",
    );
    expect(html).toContain('<a href="https://weeknight.example.com/docs">ours</a>');
    expect(html).toContain('<a href="https://other.example" rel="nofollow noopener">theirs</a>');
    expect(html).toContain('<a href="mailto:a@b.example">mail</a>');
    // Without a known origin every web link is someone else's.
    expect(renderMarkdown("[x](https://weeknight.example.com/)")).toContain(
      'rel="nofollow noopener"',
    );
  });

  it("drops relative links: a feed reader would resolve them against the wrong page", () => {
    expect(render("[docs](/docs)")).toBe("<p>[docs](/docs)</p>\n");
  });

  it("puts entry headings at h3 and below, under the page's h1 and the entry's h2", () => {
    expect(render("# One\n\n## Two\n\n###### Six")).toBe(
      "<h3>One</h3>\n<h4>Two</h4>\n<h6>Six</h6>\n",
    );
    // Notes that start at ## (as most do) start at h3 too, with no level skipped.
    expect(render("## Fixes\n\n### Checkout")).toBe("<h3>Fixes</h3>\n<h4>Checkout</h4>\n");
    expect(renderMarkdown("## One", { firstHeadingLevel: 1 })).toBe("<h1>One</h1>\n");
  });

  it("leaves entity tricks as text", () => {
    expect(render("&lt;script&gt;alert(1)&lt;/script&gt;")).toBe(
      "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n",
    );
    expect(render("&#60;script&#62;")).toBe("<p>&lt;script&gt;</p>\n");
  });

  it("removes control characters and lone surrogates", () => {
    expect(render("a\u0000b\u0007c\u001bd\uD800e\uFFFEf")).toBe("<p>abcdef</p>\n");
  });
});

describe("isAllowedLink", () => {
  it.each([
    ["https://example.com/a?b=c#d", true],
    ["HTTP://EXAMPLE.COM", true],
    ["mailto:someone@example.com", true],
    ["javascript:alert(1)", false],
    ["data:text/html,hi", false],
    ["ftp://example.com", false],
    ["/relative", false],
    ["//example.com", false],
    ["https://", false],
  ])("%s → %s", (url, allowed) => {
    expect(isAllowedLink(url)).toBe(allowed);
  });
});

describe("escapeMarkup", () => {
  it("escapes the five markup characters and drops what XML forbids", () => {
    expect(escapeMarkup(`<a href="x" title='y'>&\u0001</a>`)).toBe(
      "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;",
    );
  });

  it("keeps tabs, newlines and characters outside the BMP", () => {
    expect(stripControlCharacters("a\tb\nc\r😀")).toBe("a\tb\nc\r😀");
  });
});
