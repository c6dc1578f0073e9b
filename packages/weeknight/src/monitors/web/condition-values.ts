/** The right-hand side of a condition, and whether it suits the left-hand side. */
import { type Cursor, column, fail } from "./condition-cursor.js";
import type { Operand, Operator, Placeholder, Scalar, Subject } from "./conditions.js";

const TIME_PLACEHOLDERS = new Set<Placeholder>([
  "RESPONSE_TIME",
  "LOAD_TIME",
  "CERTIFICATE_EXPIRATION",
]);
const NUMBER = /^-?\d+(?:\.\d+)?$/;
const DURATION = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/;
const UNIT_MS: Record<string, number> = { ms: 1, s: 1e3, m: 6e4, h: 3.6e6, d: 8.64e7 };

export function readOperand(cursor: Cursor, operator: Operator): Operand {
  const text = cursor.text.slice(cursor.pos);
  if (text === "") fail(cursor, `expected a value after "${operator}" at ${column(cursor)}`);
  for (const [fn, kind] of [
    ["any(", "any"],
    ["pat(", "pattern"],
  ] as const) {
    if (!text.startsWith(fn)) continue;
    if (!text.endsWith(")")) fail(cursor, `expected ")" to close ${fn}…) at the end`);
    const inner = text.slice(4, -1);
    if (kind === "pattern") {
      const glob = /^(["']).*\1$/s.test(inner) ? unquote(cursor, inner, cursor.pos + 4) : inner;
      return { kind, glob, text };
    }
    return { kind, items: splitItems(cursor, inner, cursor.pos + 4), text };
  }
  return readScalar(cursor, text, cursor.pos);
}

function readScalar(cursor: Cursor, text: string, pos: number): Scalar {
  if (text.startsWith('"') || text.startsWith("'")) {
    return { kind: "string", value: unquote(cursor, text, pos), text };
  }
  if (text === "true" || text === "false") return { kind: "boolean", value: text === "true", text };
  if (NUMBER.test(text)) return { kind: "number", value: Number(text), text };
  const duration = DURATION.exec(text);
  if (duration !== null) {
    return { kind: "duration", ms: Number(duration[1]) * (UNIT_MS[duration[2] ?? ""] ?? 0), text };
  }
  return { kind: "string", value: text, text };
}

function unquote(cursor: Cursor, text: string, pos: number): string {
  const quote = text[0] ?? '"';
  let value = "";
  for (let i = 1; i < text.length; i++) {
    const c = text[i];
    if (c === "\\" && i + 1 < text.length) {
      value += text[++i];
    } else if (c === quote) {
      if (i !== text.length - 1) {
        fail(
          cursor,
          `unexpected "${text.slice(i + 1)}" after the closing quote at ${column(cursor, pos + i + 1)}`,
        );
      }
      return value;
    } else {
      value += c;
    }
  }
  return fail(cursor, `unclosed quote at ${column(cursor, pos)} — end the text with ${quote}`);
}

/** Splits `a, "b, c", d` on commas outside quotes. */
function splitItems(cursor: Cursor, inner: string, pos: number): Scalar[] {
  const items: Scalar[] = [];
  let start = 0;
  let quote: string | null = null;
  for (let i = 0; i <= inner.length; i++) {
    const c = inner[i];
    if (quote !== null) {
      if (c === "\\") i++;
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === "," || i === inner.length) {
      const raw = inner.slice(start, i);
      const item = raw.trim();
      const at = pos + start + raw.indexOf(item);
      if (item === "") fail(cursor, `empty value in any() at ${column(cursor, pos + i)}`);
      items.push(readScalar(cursor, item, at));
      start = i + 1;
    }
  }
  return items;
}

export function checkTypes(
  cursor: Cursor,
  subject: Subject,
  operator: Operator,
  operand: Operand,
): void {
  const ordering = operator !== "==" && operator !== "!=";
  const at = column(cursor);
  if (ordering && (operand.kind === "any" || operand.kind === "pattern")) {
    fail(cursor, `${operand.kind === "any" ? "any()" : "pat()"} works only with == and != (${at})`);
  }
  const scalars =
    operand.kind === "any" ? operand.items : operand.kind === "pattern" ? [] : [operand];
  const p = subject.placeholder;
  if (p === "CONNECTED") {
    if (ordering || operand.kind !== "boolean") {
      fail(cursor, `[CONNECTED] is true or false: write [CONNECTED] == true (${at})`);
    }
    return;
  }
  const numeric = subject.len || (p !== "BODY" && p !== "HEADER");
  if (numeric && operand.kind === "pattern") {
    fail(cursor, `pat() compares text, and ${subject.text} is a number (${at})`);
  }
  for (const s of scalars) {
    const time = TIME_PLACEHOLDERS.has(p) && !subject.len;
    if (numeric && !(s.kind === "number" || (time && s.kind === "duration"))) {
      fail(
        cursor,
        `${subject.text} is ${time ? "a time" : "a number"}: compare it with ${time ? "a duration or a number of milliseconds, e.g. 300, 2s or 72h" : "a number, e.g. 200"} — got "${s.text}" (${at})`,
      );
    }
    if (!numeric && ordering && s.kind !== "number") {
      fail(
        cursor,
        `${operator} compares numbers: write a number after it, not "${s.text}" (${at})`,
      );
    }
  }
}
