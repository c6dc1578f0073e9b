import { type Cursor, column, fail, skipSpaces } from "./condition-cursor.js";
import { checkTypes, readOperand } from "./condition-values.js";

/**
 * Conditions of web checks, in the spirit of Gatus. One condition is one line:
 *
 *   condition   := subject operator value
 *   subject     := placeholder | "len(" body ")"
 *   placeholder := "[STATUS]"                  HTTP status of the (last) response
 *                | "[RESPONSE_TIME]"           ms from the first byte sent to the last byte read
 *                | body                        see below
 *                | "[HEADER]." name            a response header, name case-insensitive
 *                | "[CERTIFICATE_EXPIRATION]"  time left on the https server's certificate
 *                | "[LOAD_TIME]"               browser checks: ms from navigation to the load event
 *                | "[CONNECTED]"               true when a response came back
 *   body        := "[BODY]" path?              the whole body as text, or a JSON path into it
 *   path        := ( "." key | "[" index "]" )+      e.g. [BODY].data.items[0].name
 *   operator    := "==" | "!=" | "<" | "<=" | ">" | ">="
 *   value       := number                      200, -1, 0.5
 *                | duration                    500ms, 30s, 10m, 72h, 30d (ms, s, m, h, d)
 *                | "true" | "false"
 *                | quoted                      "two words" or 'two words' (\" escapes a quote)
 *                | word                        anything else up to the end, e.g. ok
 *                | "any(" value ("," value)* ")"   equal to one of them (== and != only)
 *                | "pat(" glob ")"             text pattern, * any run, ? one character (== and !=)
 *
 * `len()` gives the length of a JSON list or text, or the number of keys of an object; `len([BODY])`
 * of a body that is not JSON is its length in characters. `<`, `<=`, `>`, `>=` compare numbers
 * (a JSON string such as "42" counts as its number). `==` compares numbers as numbers and
 * anything else as text, so `[BODY].up == true` holds for `{"up": true}` and `{"up": "true"}`.
 * A time ([RESPONSE_TIME], [LOAD_TIME], [CERTIFICATE_EXPIRATION]) compares with a duration or a
 * number of milliseconds. A missing key, a body that is not JSON, a missing header or a
 * certificate on a plain http:// URL fails the condition with a message saying so.
 */
export {
  type ConditionResult,
  evaluateCondition,
  type ResponseFacts,
} from "./condition-evaluate.js";

export type Placeholder =
  | "STATUS"
  | "RESPONSE_TIME"
  | "BODY"
  | "HEADER"
  | "CERTIFICATE_EXPIRATION"
  | "LOAD_TIME"
  | "CONNECTED";

export type Operator = "==" | "!=" | "<" | "<=" | ">" | ">=";

/** What a condition (or a journey's capture) reads from a response. */
export interface Subject {
  placeholder: Placeholder;
  /** Keys and list indexes into the JSON body (`[BODY]` only). */
  path: (string | number)[];
  /** Lower-case header name (`[HEADER]` only). */
  header: string | null;
  len: boolean;
  /** As written, e.g. `len([BODY].items)`. */
  text: string;
}

export type Scalar =
  | { kind: "number"; value: number; text: string }
  | { kind: "duration"; ms: number; text: string }
  | { kind: "boolean"; value: boolean; text: string }
  | { kind: "string"; value: string; text: string };

export type Operand =
  | Scalar
  | { kind: "any"; items: Scalar[]; text: string }
  | { kind: "pattern"; glob: string; text: string };

export interface Condition {
  /** As written (trimmed): messages quote it. */
  text: string;
  subject: Subject;
  operator: Operator;
  operand: Operand;
}

const OPERATORS: readonly string[] = ["==", "!=", "<", "<=", ">", ">="];
const OPERATOR_HINT = "use ==, !=, <, <=, >, >=";
const PLACEHOLDERS: readonly Placeholder[] = [
  "STATUS",
  "RESPONSE_TIME",
  "BODY",
  "HEADER",
  "CERTIFICATE_EXPIRATION",
  "LOAD_TIME",
  "CONNECTED",
];
const PLACEHOLDER_HINT =
  "use [STATUS], [RESPONSE_TIME], [BODY], [BODY].path, len([BODY]), [HEADER].name, [CERTIFICATE_EXPIRATION], [LOAD_TIME] or [CONNECTED]";
const KEY_END = /[.[\]\s()=!<>]/;
const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+/;

/** Parses one condition line; throws InvalidInputError naming the column and what was expected. */
export function parseCondition(source: string): Condition {
  const cursor: Cursor = { source, text: source.trim(), pos: 0, what: "condition" };
  if (cursor.text === "") fail(cursor, "empty — write e.g. [STATUS] == 200");
  const subject = readSubject(cursor);
  skipSpaces(cursor);
  const operator = readOperator(cursor, subject);
  skipSpaces(cursor);
  const operand = readOperand(cursor, operator);
  checkTypes(cursor, subject, operator, operand);
  return { text: cursor.text, subject, operator, operand };
}

/** Parses a journey capture such as `[BODY].token` or `[HEADER].x-csrf-token`. */
export function parseSubject(source: string, what = "capture"): Subject {
  const cursor: Cursor = { source, text: source.trim(), pos: 0, what };
  const subject = readSubject(cursor);
  skipSpaces(cursor);
  if (cursor.pos < cursor.text.length) {
    fail(cursor, `unexpected "${cursor.text.slice(cursor.pos)}" at ${column(cursor)}`);
  }
  return subject;
}

function readSubject(cursor: Cursor): Subject {
  const start = cursor.pos;
  const len = cursor.text.startsWith("len(", cursor.pos);
  if (len) cursor.pos += 4;
  const placeholder = readPlaceholder(cursor);
  const path: (string | number)[] = [];
  let header: string | null = null;
  if (placeholder === "BODY") readPath(cursor, path);
  else if (placeholder === "HEADER") header = readHeaderName(cursor);
  else if (cursor.text[cursor.pos] === "." || cursor.text[cursor.pos] === "[") {
    fail(cursor, `[${placeholder}] has no fields: remove what follows it at ${column(cursor)}`);
  }
  if (len) {
    if (placeholder !== "BODY") {
      fail(
        cursor,
        `len() takes [BODY] or [BODY].path, not [${placeholder}] (${column(cursor, start)})`,
      );
    }
    if (cursor.text[cursor.pos] !== ")") fail(cursor, `expected ")" at ${column(cursor)}`);
    cursor.pos++;
  }
  return { placeholder, path, header, len, text: cursor.text.slice(start, cursor.pos) };
}

function readPlaceholder(cursor: Cursor): Placeholder {
  const start = cursor.pos;
  if (cursor.text[start] !== "[") {
    fail(cursor, `expected a placeholder at ${column(cursor)} — ${PLACEHOLDER_HINT}`);
  }
  const end = cursor.text.indexOf("]", start);
  const name = cursor.text.slice(start + 1, end);
  const known = PLACEHOLDERS.find((p) => p === name);
  if (end < 0) fail(cursor, `expected "]" to close the placeholder at ${column(cursor)}`);
  if (known === undefined) {
    fail(cursor, `unknown placeholder "[${name}]" at ${column(cursor)} — ${PLACEHOLDER_HINT}`);
  }
  cursor.pos = end + 1;
  return known;
}

function readPath(cursor: Cursor, path: (string | number)[]): void {
  for (;;) {
    const c = cursor.text[cursor.pos];
    if (c === ".") {
      cursor.pos++;
      let end = cursor.pos;
      while (end < cursor.text.length && !KEY_END.test(cursor.text[end] ?? "")) end++;
      if (end === cursor.pos) fail(cursor, `expected a key after "." at ${column(cursor)}`);
      path.push(cursor.text.slice(cursor.pos, end));
      cursor.pos = end;
    } else if (c === "[") {
      const match = /^\[(\d+)\]/.exec(cursor.text.slice(cursor.pos));
      if (match === null) {
        fail(cursor, `expected a list index such as [0] at ${column(cursor)}`);
      }
      path.push(Number(match[1]));
      cursor.pos += match[0].length;
    } else {
      return;
    }
  }
}

function readHeaderName(cursor: Cursor): string {
  const match =
    cursor.text[cursor.pos] === "." ? HEADER_NAME.exec(cursor.text.slice(cursor.pos + 1)) : null;
  if (match === null) {
    fail(
      cursor,
      `expected a header name after [HEADER] at ${column(cursor)}, e.g. [HEADER].content-type`,
    );
  }
  cursor.pos += 1 + match[0].length;
  return match[0].toLowerCase();
}

function readOperator(cursor: Cursor, subject: Subject): Operator {
  const start = cursor.pos;
  let end = start;
  while (end < cursor.text.length && "=!<>".includes(cursor.text[end] ?? "")) end++;
  const op = cursor.text.slice(start, end);
  if (op === "") {
    const found = cursor.text.slice(start).split(/\s/)[0] ?? "";
    fail(
      cursor,
      start >= cursor.text.length
        ? `expected an operator after ${subject.text} — ${OPERATOR_HINT}`
        : `expected an operator at ${column(cursor)}, found "${found}" — ${OPERATOR_HINT}`,
    );
  }
  if (!OPERATORS.includes(op)) {
    fail(cursor, `unknown operator "${op}" at ${column(cursor)} — ${OPERATOR_HINT}`);
  }
  cursor.pos = end;
  return op as Operator;
}
