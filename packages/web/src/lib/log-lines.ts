import { AnsiUp } from "ansi_up";

import type { LogLine } from "../api/answers.js";

export type { LogLine };

/** A log line ready to show: ANSI colours turned into escaped HTML, and the plain text to search. */
export interface RenderedLine extends LogLine {
  html: string;
  plain: string;
}

/**
 * Renders lines in the order they were written. One AnsiUp per log, because a colour set on one
 * line carries over to the next, as it does in a terminal.
 */
export interface LogRenderer {
  render(line: LogLine): RenderedLine;
}

export function createLogRenderer(): LogRenderer {
  const ansi = new AnsiUp();
  // Classes, not inline colours, so the palette can be tuned for the dark log background.
  ansi.use_classes = true;
  return {
    render(line) {
      const html = ansi.ansi_to_html(line.text);
      return { ...line, html, plain: plainTextOf(html) };
    },
  };
}

const entities: Record<string, string> = {
  "&amp;": "&",
  "&lt;": "<",
  "&gt;": ">",
  "&quot;": '"',
  "&#x27;": "'",
};

/**
 * The text a reader sees in AnsiUp's HTML: tags dropped, entities decoded. Taken from the HTML
 * (not by stripping escape codes separately) so search offsets always agree with what is shown.
 */
export function plainTextOf(html: string): string {
  return html.replace(/<[^>]*>/g, "").replace(/&[#\w]+;/g, (entity) => entities[entity] ?? entity);
}

/**
 * Adds `incoming` lines to `current`, dropping numbers already there and keeping the order by
 * line number. Returns `current` itself when nothing is new, so React skips a render.
 */
export function mergeLines(
  current: RenderedLine[],
  incoming: readonly LogLine[],
  renderer: LogRenderer,
): RenderedLine[] {
  const last = lastLineNumber(current);
  // Only a batch that overlaps what we hold needs the set of known numbers.
  const known = incoming.some((line) => line.n <= last)
    ? new Set(current.map((line) => line.n))
    : new Set<number>();
  const fresh: RenderedLine[] = [];
  for (const line of incoming) {
    if (known.has(line.n)) continue;
    known.add(line.n);
    fresh.push(renderer.render(line));
  }
  if (fresh.length === 0) return current;
  const merged = current.concat(fresh);
  // Lines almost always arrive in order; only a filled gap needs sorting.
  if (fresh.some((line) => line.n <= last) || !isSorted(fresh)) merged.sort((a, b) => a.n - b.n);
  return merged;
}

function isSorted(lines: readonly LogLine[]): boolean {
  for (let i = 1; i < lines.length; i++) {
    const previous = lines[i - 1];
    const line = lines[i];
    if (previous && line && previous.n > line.n) return false;
  }
  return true;
}

/** The highest line number held, or 0 for an empty log (the server's `after` default). */
export function lastLineNumber(lines: readonly LogLine[]): number {
  return lines.at(-1)?.n ?? 0;
}

/** Whether lines were lost between what we hold and a batch that just arrived. */
export function hasGap(current: readonly LogLine[], incoming: readonly LogLine[]): boolean {
  const first = incoming[0];
  return first !== undefined && first.n > lastLineNumber(current) + 1;
}

/** Lines of one stage, or all of them for `null`. */
export function linesOfStage(lines: RenderedLine[], stage: string | null): RenderedLine[] {
  return stage === null ? lines : lines.filter((line) => line.stage === stage);
}

/** How many lines each stage wrote, for the stage filter's labels. */
export function countByStage(lines: readonly LogLine[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const line of lines) counts.set(line.stage, (counts.get(line.stage) ?? 0) + 1);
  return counts;
}

/** The log as a .txt file reads: one line each, stage in brackets, colours stripped. */
export function logAsText(lines: readonly RenderedLine[]): string {
  return (
    lines.map((line) => `[${line.stage}] ${line.plain}`).join("\n") + (lines.length ? "\n" : "")
  );
}

/**
 * Which lines to show: the last `limit` of them unless the reader asked for all, so a 50,000-line
 * log does not freeze the tab. `hidden` is how many were left out at the top.
 */
export function tailOf<T>(
  lines: T[],
  limit: number,
  showAll: boolean,
): { shown: T[]; hidden: number } {
  if (showAll || lines.length <= limit) return { shown: lines, hidden: 0 };
  return { shown: lines.slice(lines.length - limit), hidden: lines.length - limit };
}
