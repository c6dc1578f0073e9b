/** One occurrence of the search text: which line (index into the searched list) and where. */
export interface LogMatch {
  line: number;
  start: number;
  end: number;
}

/** A stretch of a line's plain text to mark; `current` is the match the reader jumped to. */
export interface MarkRange {
  start: number;
  end: number;
  current: boolean;
}

/** Every non-overlapping, case-insensitive occurrence of `query` in the lines' plain text. */
export function findMatches(lines: readonly { plain: string }[], query: string): LogMatch[] {
  const needle = query.toLowerCase();
  if (!needle) return [];
  const matches: LogMatch[] = [];
  lines.forEach((entry, line) => {
    const haystack = entry.plain.toLowerCase();
    let from = haystack.indexOf(needle);
    while (from !== -1) {
      matches.push({ line, start: from, end: from + needle.length });
      from = haystack.indexOf(needle, from + needle.length);
    }
  });
  return matches;
}

/** The match after (or before, for -1) `current`, wrapping around at either end. */
export function stepMatch(current: number, count: number, direction: 1 | -1): number {
  if (count === 0) return 0;
  return (((current + direction) % count) + count) % count;
}

/** Groups matches by line so each line only looks at its own, with the current one flagged. */
export function marksByLine(
  matches: readonly LogMatch[],
  current: number,
): Map<number, MarkRange[]> {
  const byLine = new Map<number, MarkRange[]>();
  matches.forEach((match, index) => {
    const ranges = byLine.get(match.line) ?? [];
    ranges.push({ start: match.start, end: match.end, current: index === current });
    byLine.set(match.line, ranges);
  });
  return byLine;
}

const tagOrEntityOrChar = /<[^>]*>|&[#\w]+;|[\s\S]/g;

/**
 * Wraps the marked stretches of a line's HTML in <mark>, counting offsets in the visible text
 * (an entity is one character, a tag none). A mark is closed before each tag and reopened after,
 * so the result stays well nested around AnsiUp's colour spans.
 */
export function highlightHtml(html: string, ranges: readonly MarkRange[]): string {
  if (ranges.length === 0) return html;
  let out = "";
  let position = 0;
  let open: MarkRange | null = null;
  for (const [token] of html.matchAll(tagOrEntityOrChar)) {
    if (token.startsWith("<") && token.length > 1) {
      if (open) out += "</mark>";
      open = null;
      out += token;
      continue;
    }
    const wanted = ranges.find((range) => position >= range.start && position < range.end) ?? null;
    if (wanted !== open) {
      if (open) out += "</mark>";
      if (wanted) out += wanted.current ? '<mark class="current">' : "<mark>";
      open = wanted;
    }
    out += token;
    position++;
  }
  if (open) out += "</mark>";
  return out;
}
