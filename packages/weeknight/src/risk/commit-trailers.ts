/**
 * Git trailers (`Key: value` lines closing a commit message) that Weeknight reads:
 * `Risk: high` raises a change's risk, `Fixes: INC-12` marks a build as fixing an incident.
 */

export interface Trailer {
  /** As written, e.g. "Signed-off-by"; compare case-insensitively. */
  key: string;
  value: string;
}

// Git's token shape: letters, digits and "-", then optional spaces before the colon.
const TRAILER_LINE = /^([A-Za-z0-9][A-Za-z0-9-]*)[ \t]*:(.*)$/;
const BLANK = /^\s*$/;

/**
 * The trailers of a message: the `Key: value` lines of its last paragraph. As in git, the
 * first paragraph is the subject and never holds trailers, and an indented line continues
 * the trailer above it. Other lines in the paragraph are skipped.
 */
export function parseTrailers(message: string): Trailer[] {
  const lines = message.replace(/\r\n?/g, "\n").split("\n");
  while (lines.length > 0 && BLANK.test(lines.at(-1) ?? "")) lines.pop();
  while (lines.length > 0 && BLANK.test(lines[0] ?? "")) lines.shift();
  let lastBlank = lines.length - 1;
  while (lastBlank >= 0 && !BLANK.test(lines[lastBlank] ?? "")) lastBlank--;
  if (lastBlank === -1) return [];
  const trailers: Trailer[] = [];
  let previous: Trailer | undefined;
  for (const line of lines.slice(lastBlank + 1)) {
    const match = TRAILER_LINE.exec(line);
    if (match) {
      previous = { key: match[1] ?? "", value: (match[2] ?? "").trim() };
      trailers.push(previous);
    } else if (previous && /^[ \t]/.test(line)) {
      previous.value = `${previous.value} ${line.trim()}`.trim();
    } else {
      previous = undefined;
    }
  }
  return trailers;
}

function values(message: string, key: string): string[] {
  return parseTrailers(message)
    .filter((trailer) => trailer.key.toLowerCase() === key)
    .map((trailer) => trailer.value);
}

/** The value of the commit's `Risk:` trailer, lower-cased (the last one if several), or null. */
export function riskTrailer(message: string): string | null {
  const risk = values(message, "risk").filter((value) => value !== "");
  return risk.at(-1)?.toLowerCase().replace(/\s+/g, " ") ?? null;
}

const INCIDENT = /^INC-(\d+)$/i;

/**
 * Incident ids named by `Fixes:` trailers (`Fixes: INC-12`, `Fixes: INC-12, INC-14`), each once,
 * in order. Anything else in a `Fixes:` value (`#12`, an issue URL, prose) is ignored.
 */
export function fixedIncidents(message: string): number[] {
  const ids: number[] = [];
  for (const value of values(message, "fixes")) {
    for (const token of value.split(/[\s,;]+/)) {
      const digits = INCIDENT.exec(token.replace(/[.)]+$/, ""))?.[1];
      const id = Number(digits);
      if (digits !== undefined && Number.isSafeInteger(id) && id > 0 && !ids.includes(id)) {
        ids.push(id);
      }
    }
  }
  return ids;
}
