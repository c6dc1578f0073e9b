import { InvalidInputError } from "../../errors/domain-errors.js";

/**
 * A strict, single-pass parser of the Prometheus text exposition format 0.0.4 — what
 * prom-client, client_golang and every exporter serve at /metrics.
 *
 * Result: the metric families in the order they first appear. A histogram's `_bucket`, `_sum`
 * and `_count` samples and a summary's quantiles, `_sum` and `_count` are grouped under the
 * family their `# TYPE` line names; each sample keeps its own name and all its labels (`le` and
 * `quantile` included), as Prometheus stores them. Anything malformed throws an
 * InvalidInputError `metrics line N: …`, since a half-read scrape would feed rules wrong numbers.
 */

export type MetricType = "counter" | "gauge" | "histogram" | "summary" | "untyped";

/** Label name → value. A null-prototype object, so a label may be named `constructor`. */
export type Labels = Record<string, string>;

export interface Sample {
  /** The sample's own name, e.g. `http_request_duration_seconds_bucket`. */
  name: string;
  labels: Labels;
  /** NaN, +Inf and -Inf included. */
  value: number;
  /** Milliseconds since the epoch, when the exporter gave one. */
  timestampMs: number | null;
}

export interface MetricFamily {
  name: string;
  /** `untyped` when no `# TYPE` line named it. */
  type: MetricType;
  /** The `# HELP` text, unescaped; null when none was given. */
  help: string | null;
  samples: Sample[];
}

export function parsePrometheusText(text: string): MetricFamily[] {
  return new TextParser(text).parse();
}

const TYPES: ReadonlySet<string> = new Set(["counter", "gauge", "histogram", "summary", "untyped"]);
const SPACE = 32;
const TAB = 9;
const BACKSLASH = 92;
const QUOTE = 34;

/** Which part of its family a sample is, for the checks histograms and summaries need. */
type Part = "plain" | "bucket" | "quantile";

interface FamilyState {
  family: MetricFamily;
  typed: boolean;
}

class TextParser {
  private pos = 0;
  private end = 0;
  private line = 0;
  private readonly families: MetricFamily[] = [];
  private readonly byName = new Map<string, FamilyState>();
  // Consecutive samples nearly always share a name and label names: reuse those strings.
  private lastName = "";
  private lastState: FamilyState | null = null;
  private lastPart: Part = "plain";
  private lastLabelNames: string[] = [];

  constructor(private readonly text: string) {}

  parse(): MetricFamily[] {
    const { text } = this;
    const length = text.length;
    let start = 0;
    while (start < length) {
      this.line++;
      let next = text.indexOf("\n", start);
      if (next === -1) next = length;
      // Tolerate CRLF from exporters written on Windows; a lone CR elsewhere is still an error.
      this.end = next > start && text.charCodeAt(next - 1) === 13 ? next - 1 : next;
      this.pos = start;
      this.parseLine();
      start = next + 1;
    }
    return this.families;
  }

  private parseLine(): void {
    this.skipBlanks();
    if (this.pos >= this.end) return;
    if (this.text.charCodeAt(this.pos) === 35 /* # */) this.parseComment();
    else this.parseSample();
  }

  private parseComment(): void {
    this.pos++;
    this.skipBlanks();
    const keyword = this.readToken();
    if (keyword !== "HELP" && keyword !== "TYPE") return; // any other comment is ignored
    this.skipBlanks();
    const name = this.readMetricName(`metric name after # ${keyword}`);
    if (this.pos < this.end && !this.isBlank(this.pos)) {
      this.fail(`invalid character ${this.charAt(this.pos)} in metric name ${name}`);
    }
    this.skipBlanks();
    if (keyword === "HELP") this.setHelp(name, this.readHelp());
    else this.setType(name);
  }

  private setHelp(name: string, help: string): void {
    const state = this.familyFor(name);
    if (state.family.help !== null) this.fail(`second HELP line for ${name}`);
    state.family.help = help;
  }

  private setType(name: string): void {
    const type = this.readToken();
    if (!TYPES.has(type)) {
      this.fail(
        `unknown metric type ${JSON.stringify(type)} for ${name} — expected counter, gauge, histogram, summary or untyped`,
      );
    }
    this.skipBlanks();
    if (this.pos < this.end) this.fail(`unexpected text after the type of ${name}`);
    const existing = this.byName.get(name);
    if (existing?.typed) this.fail(`second TYPE line for ${name}`);
    const suffixes =
      type === "histogram" ? SUFFIXES_HISTOGRAM : type === "summary" ? SUFFIXES_SUMMARY : [];
    const early = [name, ...suffixes.map((s) => name + s)].find(
      (n) => (this.byName.get(n)?.family.samples.length ?? 0) > 0,
    );
    if (early !== undefined) {
      this.fail(`TYPE line for ${name} comes after samples of ${early}; put it before them`);
    }
    const state = existing ?? this.familyFor(name);
    state.family.type = type as MetricType;
    state.typed = true;
    this.lastState = null; // the name's grouping may have changed
  }

  private familyFor(name: string): FamilyState {
    let state = this.byName.get(name);
    if (state === undefined) {
      state = { family: { name, type: "untyped", help: null, samples: [] }, typed: false };
      this.byName.set(name, state);
      this.families.push(state.family);
    }
    return state;
  }

  private parseSample(): void {
    const name = this.readSampleName();
    let state = this.lastState;
    let part = this.lastPart;
    if (state === null || name !== this.lastName) {
      [state, part] = this.groupSample(name);
      this.lastName = name;
      this.lastState = state;
      this.lastPart = part;
    }
    this.skipBlanks();
    const labels: Labels = Object.create(NO_PROTOTYPE);
    if (this.pos < this.end && this.text.charCodeAt(this.pos) === 123 /* { */) {
      this.pos++;
      this.readLabels(labels, name);
    }
    if (part !== "plain") this.checkSpecialLabel(labels, name, part);
    this.skipBlanks();
    const valueStart = this.pos;
    const valueToken = this.readToken();
    if (valueToken === "") this.fail(`missing value for ${name}`);
    const value = parseValue(valueToken);
    if (value === undefined) this.failAt(valueStart, `bad number ${JSON.stringify(valueToken)}`);
    this.skipBlanks();
    let timestampMs: number | null = null;
    if (this.pos < this.end) {
      const stampStart = this.pos;
      const stamp = this.readToken();
      if (!INTEGER.test(stamp)) {
        this.failAt(stampStart, `bad timestamp ${JSON.stringify(stamp)}: expected milliseconds`);
      }
      timestampMs = Number(stamp);
      this.skipBlanks();
      if (this.pos < this.end) this.fail(`unexpected text after the timestamp of ${name}`);
    }
    state.family.samples.push({ name, labels, value, timestampMs });
  }

  /** Finds the family a sample belongs to: its own name, or a typed histogram's or summary's. */
  private groupSample(name: string): [FamilyState, Part] {
    const own = this.byName.get(name);
    if (own !== undefined) {
      if (own.family.type === "histogram") {
        this.fail(
          `histogram ${name} has a sample named ${name}; its samples are ${name}_bucket, ${name}_sum and ${name}_count`,
        );
      }
      return [own, own.family.type === "summary" ? "quantile" : "plain"];
    }
    const cut = name.lastIndexOf("_");
    if (cut > 0) {
      const base = this.byName.get(name.slice(0, cut));
      const suffix = name.slice(cut);
      const type = base?.family.type;
      if (base !== undefined && type === "histogram" && SUFFIXES_HISTOGRAM.includes(suffix)) {
        return [base, suffix === "_bucket" ? "bucket" : "plain"];
      }
      if (base !== undefined && type === "summary" && SUFFIXES_SUMMARY.includes(suffix)) {
        return [base, "plain"];
      }
    }
    return [this.familyFor(name), "plain"];
  }

  private checkSpecialLabel(labels: Labels, name: string, part: Part): void {
    const label = part === "bucket" ? "le" : "quantile";
    const value = labels[label];
    if (value === undefined) {
      this.fail(`${name} has no ${label} label`);
    }
    if (parseValue(value) === undefined) {
      this.fail(`${name} has ${label}=${JSON.stringify(value)}, which is not a number`);
    }
  }

  private readLabels(labels: Labels, name: string): void {
    const { text } = this;
    const names = this.lastLabelNames;
    let index = 0;
    for (;;) {
      this.skipBlanks();
      if (this.pos >= this.end) this.fail(`labels of ${name} not closed: expected }`);
      if (text.charCodeAt(this.pos) === 125 /* } */) break;
      const labelName = this.readLabelName(names[index]);
      if (labelName === "__name__") this.fail(`label name __name__ is reserved`);
      for (let i = 0; i < index; i++) {
        if (names[i] === labelName) this.fail(`duplicate label ${labelName} on ${name}`);
      }
      names[index++] = labelName;
      this.skipBlanks();
      if (this.pos >= this.end || text.charCodeAt(this.pos) !== 61 /* = */) {
        this.fail(`expected = after label name ${labelName}`);
      }
      this.pos++;
      this.skipBlanks();
      if (this.pos >= this.end || text.charCodeAt(this.pos) !== QUOTE) {
        this.fail(`expected " to open the value of label ${labelName}`);
      }
      this.pos++;
      labels[labelName] = this.readLabelValue();
      this.skipBlanks();
      if (this.pos >= this.end) this.fail(`labels of ${name} not closed: expected }`);
      const c = text.charCodeAt(this.pos);
      if (c === 44 /* , */) this.pos++;
      else if (c !== 125) this.fail(`expected , or } after the value of label ${labelName}`);
    }
    this.pos++;
  }

  /** A label name; `guess` (the same position's name on the previous sample) saves a copy. */
  private readLabelName(guess: string | undefined): string {
    const { text, pos } = this;
    if (
      guess !== undefined &&
      text.startsWith(guess, pos) &&
      !isNameChar(text.charCodeAt(pos + guess.length), false)
    ) {
      this.pos += guess.length;
      return guess;
    }
    let i = pos;
    if (i < this.end && isNameStart(text.charCodeAt(i), false)) {
      i++;
      while (i < this.end && isNameChar(text.charCodeAt(i), false)) i++;
    }
    if (i === pos) this.fail(`invalid label name starting with ${this.charAt(pos)}`);
    this.pos = i;
    return text.slice(pos, i);
  }

  private readLabelValue(): string {
    const { text, end } = this;
    const start = this.pos;
    let i = start;
    for (; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c === QUOTE) {
        this.pos = i + 1;
        return text.slice(start, i);
      }
      if (c === BACKSLASH) break;
    }
    if (i >= end) this.failAt(start - 1, "label value not closed");
    // Escapes are rare: only values that have them pay for the copy.
    let value = text.slice(start, i);
    while (i < end) {
      const c = text.charCodeAt(i);
      if (c === QUOTE) {
        this.pos = i + 1;
        return value;
      }
      if (c === BACKSLASH) {
        const e = i + 1 < end ? text.charCodeAt(i + 1) : -1;
        if (e === BACKSLASH) value += "\\";
        else if (e === QUOTE) value += '"';
        else if (e === 110 /* n */) value += "\n";
        else this.failAt(i, 'invalid escape in label value: use \\\\, \\" or \\n');
        i += 2;
      } else {
        value += text[i];
        i++;
      }
    }
    return this.failAt(start - 1, "label value not closed");
  }

  private readHelp(): string {
    const raw = this.text.slice(this.pos, this.end);
    this.pos = this.end;
    if (!raw.includes("\\")) return raw;
    let help = "";
    for (let i = 0; i < raw.length; i++) {
      const c = raw[i];
      if (c !== "\\") {
        help += c;
        continue;
      }
      const e = raw[++i];
      if (e === "\\") help += "\\";
      else if (e === "n") help += "\n";
      else this.fail("invalid escape in HELP text: use \\\\ or \\n");
    }
    return help;
  }

  private readSampleName(): string {
    const { text, pos } = this;
    const last = this.lastName;
    if (last !== "" && text.startsWith(last, pos)) {
      const after = pos + last.length;
      if (after >= this.end || !isNameChar(text.charCodeAt(after), true)) {
        this.pos = after;
        return last;
      }
    }
    return this.readMetricName("metric name");
  }

  private readMetricName(what: string): string {
    const { text, pos } = this;
    let i = pos;
    if (i < this.end && isNameStart(text.charCodeAt(i), true)) {
      i++;
      while (i < this.end && isNameChar(text.charCodeAt(i), true)) i++;
    }
    if (i === pos) this.fail(`invalid ${what} starting with ${this.charAt(pos)}`);
    const c = i < this.end ? text.charCodeAt(i) : SPACE;
    if (c !== SPACE && c !== TAB && c !== 123 /* { */) {
      this.failAt(i, `invalid character ${this.charAt(i)} in metric name ${text.slice(pos, i)}`);
    }
    this.pos = i;
    return text.slice(pos, i);
  }

  /** Up to the next blank or the end of the line. */
  private readToken(): string {
    const { text, pos } = this;
    let i = pos;
    while (i < this.end && !this.isBlank(i)) i++;
    this.pos = i;
    return text.slice(pos, i);
  }

  private skipBlanks(): void {
    while (this.pos < this.end && this.isBlank(this.pos)) this.pos++;
  }

  private isBlank(i: number): boolean {
    const c = this.text.charCodeAt(i);
    return c === SPACE || c === TAB;
  }

  private charAt(i: number): string {
    return i < this.end ? JSON.stringify(this.text[i]) : "the end of the line";
  }

  private fail(what: string): never {
    return this.failAt(this.pos, what);
  }

  private failAt(pos: number, what: string): never {
    const lineStart = this.text.lastIndexOf("\n", pos - 1) + 1;
    const column = pos - lineStart + 1;
    throw new InvalidInputError(`metrics line ${this.line}: ${what}`, { line: this.line, column });
  }
}

const SUFFIXES_HISTOGRAM = ["_bucket", "_sum", "_count"];
const SUFFIXES_SUMMARY = ["_sum", "_count"];
const INTEGER = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const SPECIAL = /^(?:nan|[+-]?inf(?:inity)?)$/i;

/** Go's ParseFloat syntax (as Prometheus reads it) without hex floats; undefined when invalid. */
export function parseValue(token: string): number | undefined {
  // Plain integers are most samples (counters, buckets): skip the regexes for them.
  const n = token.length;
  if (n > 0 && n < 16) {
    let v = 0;
    let i = 0;
    for (; i < n; i++) {
      const d = token.charCodeAt(i) - 48;
      if (d < 0 || d > 9) break;
      v = v * 10 + d;
    }
    if (i === n) return v;
  }
  if (DECIMAL.test(token)) return Number(token);
  if (SPECIAL.test(token)) {
    const c = token.charCodeAt(0);
    if (c === 110 || c === 78) return Number.NaN; // n, N
    return c === 45 ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY; // -
  }
  return undefined;
}

function isNameStart(c: number, colon: boolean): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || (colon && c === 58);
}

function isNameChar(c: number, colon: boolean): boolean {
  return isNameStart(c, colon) || (c >= 48 && c <= 57);
}

/**
 * Labels inherit from this empty object rather than null: `Object.create(null)` objects start
 * in V8's slow dictionary mode, and `{}` would inherit `constructor`, `toString`, `__proto__`.
 */
const NO_PROTOTYPE: object = Object.freeze(Object.create(null));
