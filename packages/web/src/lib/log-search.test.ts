import { describe, expect, it } from "vitest";
import { findMatches, highlightHtml, marksByLine, stepMatch } from "./log-search.js";

describe("finding matches", () => {
  const lines = [{ plain: "Error: one error" }, { plain: "fine" }, { plain: "ERRORERROR" }];

  it("finds every occurrence, ignoring case", () => {
    expect(findMatches(lines, "error")).toEqual([
      { line: 0, start: 0, end: 5 },
      { line: 0, start: 11, end: 16 },
      { line: 2, start: 0, end: 5 },
      { line: 2, start: 5, end: 10 },
    ]);
  });

  it("finds nothing for an empty query", () => {
    expect(findMatches(lines, "")).toEqual([]);
  });

  it("steps through matches and wraps around at both ends", () => {
    expect(stepMatch(0, 3, 1)).toBe(1);
    expect(stepMatch(2, 3, 1)).toBe(0);
    expect(stepMatch(0, 3, -1)).toBe(2);
    expect(stepMatch(0, 0, 1)).toBe(0);
  });

  it("groups matches by line and flags the current one", () => {
    const marks = marksByLine(findMatches(lines, "error"), 1);
    expect(marks.get(0)).toEqual([
      { start: 0, end: 5, current: false },
      { start: 11, end: 16, current: true },
    ]);
    expect(marks.has(1)).toBe(false);
  });
});

describe("highlighting HTML", () => {
  it("marks plain text", () => {
    expect(highlightHtml("a needle b", [{ start: 2, end: 8, current: false }])).toBe(
      "a <mark>needle</mark> b",
    );
  });

  it("counts an entity as one character", () => {
    expect(highlightHtml("a &lt;b&gt; c", [{ start: 2, end: 5, current: true }])).toBe(
      'a <mark class="current">&lt;b&gt;</mark> c',
    );
  });

  it("closes the mark around colour spans so the HTML stays nested", () => {
    const html = 'ab<span class="ansi-red-fg">cd</span>ef';
    expect(highlightHtml(html, [{ start: 1, end: 5, current: false }])).toBe(
      'a<mark>b</mark><span class="ansi-red-fg"><mark>cd</mark></span><mark>e</mark>f',
    );
  });

  it("leaves a line without marks untouched", () => {
    expect(highlightHtml("<span>x</span>", [])).toBe("<span>x</span>");
  });
});
