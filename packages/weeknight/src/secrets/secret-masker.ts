export const SECRET_MASK = "***";

/**
 * Returns a function that replaces every occurrence of each secret value with `***`.
 *
 * Rather than replacing longest-first (which can leave the tail of a second,
 * overlapping secret visible), all occurrences are found and overlapping or adjacent
 * ones are merged into one `***`, so no fragment of any secret survives. Empty values are ignored;
 * every other value is masked, so a very short secret (say "a1") masks aggressively,
 * also inside unrelated words — prefer long, random secrets.
 *
 * Log output reaches the masker one line at a time, so each line of a multi-line
 * secret (a PEM key, say) is also masked on its own.
 */
export function createSecretMasker(values: string[]): (text: string) => string {
  const secrets = collectSecrets(values);
  if (secrets.length === 0) return (text) => text;
  return (text) => maskRanges(text, findRanges(text, secrets));
}

function collectSecrets(values: string[]): string[] {
  const unique = new Set<string>();
  for (const value of values) {
    if (value === "") continue;
    unique.add(value);
    if (!/[\r\n]/.test(value)) continue;
    for (const line of value.split(/\r?\n/)) if (line.trim() !== "") unique.add(line);
  }
  return [...unique];
}

type Range = [start: number, end: number];

function findRanges(text: string, secrets: string[]): Range[] {
  const ranges: Range[] = [];
  for (const secret of secrets) {
    // Step by one character so overlapping occurrences ("aa" in "aaa") are all found.
    for (let at = text.indexOf(secret); at !== -1; at = text.indexOf(secret, at + 1)) {
      ranges.push([at, at + secret.length]);
    }
  }
  return ranges.sort((a, b) => a[0] - b[0]);
}

function maskRanges(text: string, ranges: Range[]): string {
  const first = ranges[0];
  if (!first) return text;
  let out = "";
  let cursor = 0; // end of the text already copied or masked
  let [runStart, runEnd] = first;
  for (const [start, end] of ranges) {
    if (start <= runEnd) {
      runEnd = Math.max(runEnd, end);
      continue;
    }
    out += text.slice(cursor, runStart) + SECRET_MASK;
    cursor = runEnd;
    [runStart, runEnd] = [start, end];
  }
  return out + text.slice(cursor, runStart) + SECRET_MASK + text.slice(runEnd);
}
