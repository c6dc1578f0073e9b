import { checkSync } from "recheck";
import { InvalidInputError } from "../../errors/domain-errors.js";

/** Longer patterns are refused: nobody means one, and checking them takes long. */
export const PATTERN_MAX_LENGTH = 1000;

/** Time recheck may take on one pattern; a pattern it cannot judge by then is refused. */
const CHECK_TIMEOUT_MS = 5000;

const LEADING_IGNORE_CASE = "(?i)";

/**
 * Compiles a user's regular expression (a rule's `pattern`, a monitor's `errors`) for matching
 * log lines. A leading `(?i)` means "ignore case" (as in Go, Loki and grep -P). Patterns that can
 * backtrack catastrophically on some lines are refused here, at load time, so one bad line can
 * never stall the server: recheck (automaton analysis, with fuzzing where that cannot decide)
 * judges them, in process and offline.
 */
export function compileSafePattern(source: string): RegExp {
  const ignoreCase = source.startsWith(LEADING_IGNORE_CASE);
  const body = ignoreCase ? source.slice(LEADING_IGNORE_CASE.length) : source;
  const flags = ignoreCase ? "i" : "";
  const shown = JSON.stringify(source);
  if (body.length === 0) {
    throw new InvalidInputError(`pattern ${shown} is empty — give the text to look for`);
  }
  if (source.length > PATTERN_MAX_LENGTH) {
    throw new InvalidInputError(
      `pattern ${shown.slice(0, 40)}… is ${source.length} characters long — at most ${PATTERN_MAX_LENGTH} are allowed`,
    );
  }
  if (/\(\?[a-zA-Z-]+[:)]/.test(body)) {
    throw new InvalidInputError(
      `pattern ${shown} has inline flags such as (?s) or (?i) in the middle — only a leading (?i) (ignore case) is supported`,
    );
  }
  let regex: RegExp;
  try {
    regex = new RegExp(body, flags);
  } catch (error) {
    const reason = String((error as Error).message).replace(
      /^Invalid regular expression: \/.*\/[a-z]*: /,
      "",
    );
    throw new InvalidInputError(
      `pattern ${shown} is not a valid regular expression (${reason}) — check its brackets, and escape ( ) [ ] { } . * + ? | \\ with a backslash to match them literally`,
    );
  }
  refuseCatastrophic(body, flags, shown);
  return regex;
}

function refuseCatastrophic(body: string, flags: string, shown: string): void {
  const result = withPureBackend(() =>
    checkSync(body, flags, { timeout: CHECK_TIMEOUT_MS, randomSeed: 1 }),
  );
  if (result.status === "unknown") {
    if (result.error.kind === "timeout") {
      throw new InvalidInputError(
        `pattern ${shown} is too complex to check for catastrophic backtracking — simplify it`,
      );
    }
    return; // the checker does not support a construct V8 accepts; nothing proven against it
  }
  if (result.status === "safe") return;
  const { complexity } = result;
  if (complexity.type === "exponential") {
    throw new InvalidInputError(
      `pattern ${shown} can take exponential time on some lines (catastrophic backtracking) — rewrite it without nested repetition`,
    );
  }
  // Quadratic is what `ERROR.*timeout` costs on a line full of "ERROR": common and bounded by
  // the line length. Worse, or quadratic multiplied by a repeated group, is refused.
  if (complexity.degree >= 3) {
    throw new InvalidInputError(
      `pattern ${shown} can take polynomial time (degree ${complexity.degree}) on some lines (catastrophic backtracking) — rewrite it with fewer .* or + in a row`,
    );
  }
  if (hasNestedRepetition(body)) {
    throw new InvalidInputError(
      `pattern ${shown} can take polynomial time on some lines (catastrophic backtracking: a repeated group holds a repetition) — rewrite it without nested repetition`,
    );
  }
}

/**
 * recheck's synchronous API runs in a worker thread (and then a native binary or Java) unless
 * told to use its pure JavaScript backend; the variable is read at each call.
 */
function withPureBackend<T>(run: () => T): T {
  const previous = process.env.RECHECK_SYNC_BACKEND;
  process.env.RECHECK_SYNC_BACKEND = "pure";
  try {
    return run();
  } finally {
    if (previous === undefined) delete process.env.RECHECK_SYNC_BACKEND;
    else process.env.RECHECK_SYNC_BACKEND = previous;
  }
}

/**
 * Whether a group that contains an unbounded repetition (`*`, `+`, `{n,}`) is itself repeated
 * more than once, as in `(.*a){12}` or `(\w+\s?)*`.
 */
export function hasNestedRepetition(source: string): boolean {
  const unbounded: boolean[] = [false];
  let i = 0;
  while (i < source.length) {
    const c = source[i];
    if (c === "\\") {
      i = quantified(source, i + 2, unbounded);
    } else if (c === "[") {
      i = quantified(source, classEnd(source, i), unbounded);
    } else if (c === "(") {
      unbounded.push(false);
      i++;
    } else if (c === ")") {
      const inner = unbounded.length > 1 ? (unbounded.pop() ?? false) : false;
      const q = quantifierAt(source, i + 1);
      if (inner && q.max > 1) return true;
      const top = unbounded.length - 1;
      unbounded[top] = (unbounded[top] ?? false) || inner || q.unbounded;
      i = q.end;
    } else {
      i = quantified(source, i + 1, unbounded);
    }
  }
  return false;
}

/** After an atom ending at `i`: skips its quantifier, noting an unbounded one. */
function quantified(source: string, i: number, unbounded: boolean[]): number {
  const q = quantifierAt(source, i);
  if (q.unbounded) unbounded[unbounded.length - 1] = true;
  return q.end;
}

function quantifierAt(source: string, i: number): { max: number; unbounded: boolean; end: number } {
  const c = source[i];
  let q = { max: 1, unbounded: false, end: i };
  if (c === "*" || c === "+") q = { max: Infinity, unbounded: true, end: i + 1 };
  else if (c === "?") q = { max: 1, unbounded: false, end: i + 1 };
  else if (c === "{") {
    const m = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(i, i + 24));
    if (m) {
      const max = m[2] === undefined ? Number(m[1]) : m[3] ? Number(m[3]) : Infinity;
      q = { max, unbounded: max === Infinity, end: i + m[0].length };
    }
  }
  // A lazy or possessive marker belongs to the quantifier.
  if (q.end > i && source[q.end] === "?") q.end++;
  return q;
}

function classEnd(source: string, open: number): number {
  for (let j = open + 1; j < source.length; j++) {
    if (source[j] === "\\") j++;
    else if (source[j] === "]") return j + 1;
  }
  return source.length;
}
