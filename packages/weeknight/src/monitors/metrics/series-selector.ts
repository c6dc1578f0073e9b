import { RE2JS, RE2JSException } from "re2js";
import { InvalidInputError } from "../../errors/domain-errors.js";
import type { Labels } from "./prometheus-text.js";

/**
 * PromQL instant-vector selectors — `http_requests_total{code=~"5..", path!~"/health.*"}` —
 * so rules read as they would in Prometheus. Regexes use RE2 syntax (as in Prometheus, via
 * re2js: linear time, `(?i)` works) and are fully anchored; `.` also matches a newline.
 */

export type MatchOp = "=" | "!=" | "=~" | "!~";

export interface LabelMatcher {
  /** `__name__` for the metric name. */
  label: string;
  op: MatchOp;
  value: string;
}

export interface SeriesSelector {
  /** As written (trimmed): shown in messages. */
  text: string;
  /** The metric name when the selector pins one (`name{…}` or `{__name__="name"}`). */
  metricName: string | null;
  matchers: readonly LabelMatcher[];
  /** Whether the series `name{labels}` is selected. */
  matches(name: string, labels: Labels): boolean;
  /** Whether a series of this name could be selected, whatever its other labels. */
  matchesName(name: string): boolean;
}

export function parseSeriesSelector(text: string): SeriesSelector {
  if (text.trim() === "") {
    throw new InvalidInputError(
      'series selector is empty: give a series such as http_requests_total{code=~"5.."}',
    );
  }
  const matchers = new SelectorParser(text).parse();
  const metricName = matchers.find((m) => m.label === "__name__" && m.op === "=")?.value ?? null;
  const tests = matchers.map(compileMatcher);
  const nameTests = tests.filter((_, i) => matchers[i]?.label === "__name__");
  if (tests.every((test) => test(""))) {
    throw new InvalidInputError(
      `series selector ${text.trim()}: give a metric name or at least one matcher that does not match the empty string`,
    );
  }
  return {
    text: text.trim(),
    metricName,
    matchers,
    matches(name, labels) {
      if (metricName !== null && name !== metricName) return false;
      for (let i = 0; i < matchers.length; i++) {
        const label = (matchers[i] as LabelMatcher).label;
        const value = label === "__name__" ? name : (labels[label] ?? "");
        if (!(tests[i] as ValueTest)(value)) return false;
      }
      return true;
    },
    matchesName(name) {
      return nameTests.every((test) => test(name));
    },
  };
}

type ValueTest = (value: string) => boolean;

/** Label values repeat from scrape to scrape, so each regex remembers its answers. */
const REGEX_CACHE_LIMIT = 10_000;

function compileMatcher(matcher: LabelMatcher): ValueTest {
  const { op, value } = matcher;
  if (op === "=") return (v) => v === value;
  if (op === "!=") return (v) => v !== value;
  const regex = RE2JS.compile(value, RE2JS.DOTALL);
  const cache = new Map<string, boolean>();
  const positive = op === "=~";
  return (v) => {
    let hit = cache.get(v);
    if (hit === undefined) {
      if (cache.size >= REGEX_CACHE_LIMIT) cache.clear();
      hit = regex.testExact(v);
      cache.set(v, hit);
    }
    return hit === positive;
  };
}

const OPS: readonly MatchOp[] = ["=~", "!~", "!=", "="];

class SelectorParser {
  private pos = 0;

  constructor(private readonly text: string) {}

  parse(): LabelMatcher[] {
    const matchers: LabelMatcher[] = [];
    this.skipSpaces();
    if (this.pos < this.text.length && this.peek() !== "{") {
      const name = this.readName(true);
      if (name === "") this.fail("expected a metric name or {");
      matchers.push({ label: "__name__", op: "=", value: name });
      this.skipSpaces();
    }
    if (this.peek() === "{") {
      this.pos++;
      this.readMatchers(matchers);
    }
    this.skipSpaces();
    if (this.pos < this.text.length) this.failUnexpected();
    return matchers;
  }

  private readMatchers(matchers: LabelMatcher[]): void {
    const named = matchers.length > 0;
    for (;;) {
      this.skipSpaces();
      if (this.peek() === "}") break;
      const start = this.pos;
      const label = this.readName(false);
      if (label === "") this.fail(`expected a label name or }`);
      if (label === "__name__" && named) {
        this.failAt(start, "the metric name is given twice: before { and as __name__");
      }
      this.skipSpaces();
      const op = OPS.find((o) => this.text.startsWith(o, this.pos));
      if (op === undefined) this.fail(`expected =, !=, =~ or !~ after label name ${label}`);
      this.pos += op.length;
      this.skipSpaces();
      const valueStart = this.pos;
      const value = this.readString();
      if (op === "=~" || op === "!~") this.checkRegex(value, valueStart);
      matchers.push({ label, op, value });
      this.skipSpaces();
      const c = this.peek();
      if (c === ",") this.pos++;
      else if (c !== "}")
        this.fail(c === "" ? "expected , or } before the end" : "expected , or }");
    }
    this.pos++;
  }

  private checkRegex(pattern: string, at: number): void {
    try {
      RE2JS.compile(pattern, RE2JS.DOTALL);
    } catch (error) {
      const why = error instanceof RE2JSException ? error.message : String(error);
      this.failAt(at, `invalid regular expression ${JSON.stringify(pattern)}: ${why}`);
    }
  }

  private readName(metric: boolean): string {
    const start = this.pos;
    const { text } = this;
    while (this.pos < text.length) {
      const c = text.charCodeAt(this.pos);
      const letter = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
      const ok = letter || (metric && c === 58) || (this.pos > start && c >= 48 && c <= 57);
      if (!ok) break;
      this.pos++;
    }
    return text.slice(start, this.pos);
  }

  /** A PromQL string: "…" or '…' with Go escapes, or `…` raw. */
  private readString(): string {
    const quote = this.peek();
    if (quote !== '"' && quote !== "'" && quote !== "`") this.fail("expected a quoted value");
    const start = this.pos;
    this.pos++;
    let value = "";
    while (this.pos < this.text.length) {
      const c = this.text[this.pos] as string;
      if (c === quote) {
        this.pos++;
        return value;
      }
      if (c === "\\" && quote !== "`") {
        value += this.readEscape(quote);
      } else {
        if (c === "\n" && quote !== "`") this.fail("newline in a quoted value");
        value += c;
        this.pos++;
      }
    }
    return this.failAt(start, "quoted value not closed");
  }

  private readEscape(quote: string): string {
    const at = this.pos;
    const e = this.text[at + 1] ?? "";
    this.pos += 2;
    const simple = SIMPLE_ESCAPES.get(e);
    if (simple !== undefined && (e !== "'" || quote === "'") && (e !== '"' || quote === '"')) {
      return simple;
    }
    const digits = e === "x" ? 2 : e === "u" ? 4 : e === "U" ? 8 : /[0-7]/.test(e) ? 3 : 0;
    if (digits > 0) {
      const octal = digits === 3;
      const hex = this.text.slice(octal ? at + 1 : at + 2, (octal ? at + 1 : at + 2) + digits);
      const valid = octal
        ? /^[0-7]{3}$/.test(hex)
        : new RegExp(`^[0-9a-fA-F]{${digits}}$`).test(hex);
      const code = Number.parseInt(hex, octal ? 8 : 16);
      if (valid && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff)) {
        this.pos = (octal ? at + 1 : at + 2) + digits;
        return String.fromCodePoint(code);
      }
    }
    return this.failAt(
      at,
      `unknown escape \\${e} — in a regex write \\\\${e} or quote the value with backticks`,
    );
  }

  private skipSpaces(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos] as string)) this.pos++;
  }

  private peek(): string {
    return this.text[this.pos] ?? "";
  }

  private failUnexpected(): never {
    const c = this.peek();
    if (c === "[") {
      this.fail("a range such as [5m] does not belong here: the rule's window sets it");
    }
    if (c === "(") {
      this.fail(
        "functions do not belong here: write only the series (e.g. http_requests_total) and let the rule's rate or ratio apply",
      );
    }
    this.fail(`unexpected ${JSON.stringify(c)}`);
  }

  private fail(what: string): never {
    return this.failAt(this.pos, what);
  }

  private failAt(at: number, what: string): never {
    // Columns count from the selector as shown, without the leading spaces trim() drops.
    const column = at - (this.text.length - this.text.trimStart().length) + 1;
    throw new InvalidInputError(`series selector ${this.text.trim()}: column ${column}: ${what}`, {
      column,
    });
  }
}

const SIMPLE_ESCAPES = new Map([
  ["a", "\x07"],
  ["b", "\b"],
  ["f", "\f"],
  ["n", "\n"],
  ["r", "\r"],
  ["t", "\t"],
  ["v", "\v"],
  ["\\", "\\"],
  ["'", "'"],
  ['"', '"'],
]);
