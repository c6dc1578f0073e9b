import { describe, expect, it } from "vitest";
import {
  countByStage,
  createLogRenderer,
  hasGap,
  type LogLine,
  lastLineNumber,
  linesOfStage,
  logAsText,
  mergeLines,
  plainTextOf,
  tailOf,
} from "./log-lines.js";

const line = (n: number, text = `line ${n}`, stage = "test"): LogLine => ({
  n,
  stage,
  stream: "stdout",
  at: 1_000 + n,
  text,
});

describe("rendering log lines", () => {
  it("turns ANSI colours into classes and escapes HTML", () => {
    const rendered = createLogRenderer().render(line(1, "\u001b[31m<b>fail</b> & co\u001b[0m"));
    expect(rendered.html).toBe('<span class="ansi-red-fg">&lt;b&gt;fail&lt;/b&gt; &amp; co</span>');
    expect(rendered.plain).toBe("<b>fail</b> & co");
  });

  it("carries a colour left open onto the next line, as a terminal does", () => {
    const renderer = createLogRenderer();
    renderer.render(line(1, "\u001b[32mgreen starts"));
    expect(renderer.render(line(2, "still green")).html).toBe(
      '<span class="ansi-green-fg">still green</span>',
    );
  });

  it("reads the visible text back out of the HTML", () => {
    expect(plainTextOf('<span class="x">a &lt; b &quot;c&quot; &#x27;d&#x27;</span>')).toBe(
      "a < b \"c\" 'd'",
    );
  });
});

describe("merging lines", () => {
  const renderer = createLogRenderer();

  it("appends new lines and drops ones already held", () => {
    const first = mergeLines([], [line(1), line(2)], renderer);
    const second = mergeLines(first, [line(2), line(3)], renderer);
    expect(second.map((l) => l.n)).toEqual([1, 2, 3]);
  });

  it("returns the same array when nothing is new, so React skips the render", () => {
    const held = mergeLines([], [line(1)], renderer);
    expect(mergeLines(held, [line(1)], renderer)).toBe(held);
  });

  it("fills a gap in order", () => {
    const held = mergeLines([], [line(1), line(4)], renderer);
    expect(mergeLines(held, [line(3), line(2)], renderer).map((l) => l.n)).toEqual([1, 2, 3, 4]);
  });

  it("drops duplicates inside one batch", () => {
    expect(mergeLines([], [line(1), line(1)], renderer).map((l) => l.n)).toEqual([1]);
  });

  it("knows the last number and spots a gap", () => {
    const held = mergeLines([], [line(1), line(2)], renderer);
    expect(lastLineNumber(held)).toBe(2);
    expect(lastLineNumber([])).toBe(0);
    expect(hasGap(held, [line(3)])).toBe(false);
    expect(hasGap(held, [line(5)])).toBe(true);
    expect(hasGap(held, [])).toBe(false);
  });
});

describe("stages, tail and download", () => {
  const renderer = createLogRenderer();
  const lines = mergeLines(
    [],
    [line(1, "install", "install"), line(2, "ok", "install"), line(3, "\u001b[1mrun\u001b[0m")],
    renderer,
  );

  it("filters and counts by stage", () => {
    expect(linesOfStage(lines, "install").map((l) => l.n)).toEqual([1, 2]);
    expect(linesOfStage(lines, null)).toBe(lines);
    expect([...countByStage(lines)]).toEqual([
      ["install", 2],
      ["test", 1],
    ]);
  });

  it("shows the last lines unless asked for all", () => {
    expect(tailOf([1, 2, 3, 4, 5], 2, false)).toEqual({ shown: [4, 5], hidden: 3 });
    expect(tailOf([1, 2, 3, 4, 5], 2, true)).toEqual({ shown: [1, 2, 3, 4, 5], hidden: 0 });
    expect(tailOf([1, 2], 5, false)).toEqual({ shown: [1, 2], hidden: 0 });
  });

  it("writes plain text with the stage of each line, without colour codes", () => {
    expect(logAsText(lines)).toBe("[install] install\n[install] ok\n[test] run\n");
    expect(logAsText([])).toBe("");
  });
});
