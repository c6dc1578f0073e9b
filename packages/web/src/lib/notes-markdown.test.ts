import { describe, expect, it } from "vitest";
import { inlineText, isSafeLink, parseInline, parseMarkdown } from "./notes-markdown.js";

const text = (t: string) => ({ kind: "text", text: t });

describe("release notes markdown", () => {
  it("reads generated customer notes: headings and lists, escapes shown as typed", () => {
    const blocks = parseMarkdown(
      "### Fixed\n\n- Names start with a capital\\.\n- `a\\_b` \\*not bold\\*\n",
    );
    expect(blocks).toEqual([
      { kind: "heading", level: 3, children: [text("Fixed")] },
      {
        kind: "list",
        ordered: false,
        items: [
          [text("Names start with a capital.")],
          [{ kind: "code", text: "a\\_b" }, text(" *not bold*")],
        ],
      },
    ]);
  });

  it("reads team notes: strong scope and a commit link", () => {
    const [list] = parseMarkdown(
      "- **checkout:** one page ([abc1234](https://git.example.com/c/abc1234), Ada)",
    );
    expect(list).toEqual({
      kind: "list",
      ordered: false,
      items: [
        [
          { kind: "strong", children: [text("checkout:")] },
          text(" one page ("),
          {
            kind: "link",
            href: "https://git.example.com/c/abc1234",
            children: [text("abc1234")],
          },
          text(", Ada)"),
        ],
      ],
    });
  });

  it("keeps HTML and unsafe links as text", () => {
    const inline = parseInline('<img src=x onerror="alert(1)"> [click](javascript:alert(1))');
    expect(inline.every((node) => node.kind === "text")).toBe(true);
    expect(inlineText(inline)).toBe('<img src=x onerror="alert(1)"> [click](javascript:alert(1))');
    expect(isSafeLink("JAVASCRIPT:alert(1)")).toBe(false);
    expect(isSafeLink("//evil.example.com")).toBe(false);
    expect(isSafeLink("mailto:help@example.com")).toBe(true);
  });

  it("links bare URLs without the sentence's full stop", () => {
    expect(parseInline("See https://example.com/a.")).toEqual([
      text("See "),
      { kind: "link", href: "https://example.com/a", children: [text("https://example.com/a")] },
      text("."),
    ]);
  });

  it("reads paragraphs, emphasis, numbered lists with continuation lines, quotes, code and rules", () => {
    const blocks = parseMarkdown(
      "Hello _you_ and\n*them*.\n\n1. one\n   still one\n2. two\n\n> quoted\n> more\n\n```\n<b>raw</b>\n```\n\n---",
    );
    expect(blocks.map((b) => b.kind)).toEqual(["paragraph", "list", "quote", "code", "rule"]);
    expect(blocks[0]).toEqual({
      kind: "paragraph",
      children: [
        text("Hello "),
        { kind: "em", children: [text("you")] },
        text(" and\n"),
        { kind: "em", children: [text("them")] },
        text("."),
      ],
    });
    expect(blocks[1]).toEqual({
      kind: "list",
      ordered: true,
      items: [[text("one\nstill one")], [text("two")]],
    });
    expect(blocks[3]).toEqual({ kind: "code", text: "<b>raw</b>" });
  });

  it("leaves snake_case words and lone markers alone", () => {
    expect(parseInline("set max_retries_count to 2 * 3")).toEqual([
      text("set max_retries_count to 2 * 3"),
    ]);
  });
});
