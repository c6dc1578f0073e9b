import { createHash } from "node:crypto";

/** Longer lines are templated from their start only: the shape of an error is at its head. */
export const TEMPLATE_INPUT_MAX = 1000;

/** Keys of JSON logs whose string value is the message itself: templated inside, not masked. */
const MESSAGE_KEYS = new Set([
  "msg",
  "message",
  "error",
  "err",
  "exception",
  "reason",
  "error_message",
  "errorMessage",
]);

const C_0 = 48;
const C_9 = 57;
const C_DQUOTE = 34;
const C_SQUOTE = 39;
const C_BACKSLASH = 92;
const C_COLON = 58;
const C_DOT = 46;
const C_DASH = 45;
const C_AT = 64;
const C_QUESTION = 63;
const C_BRACE = 123;

/**
 * The shape of an error line: numbers, UUIDs, hex ids, IPs, e-mails, timestamps, URL query
 * strings and quoted values masked, so that `user 41 not found` and `user 42 not found` are one
 * pattern. A single pass over the characters: this runs on every error line.
 */
export function templateOf(line: string): string {
  const text = line.length > TEMPLATE_INPUT_MAX ? line.slice(0, TEMPLATE_INPUT_MAX) : line;
  return scan(text, 0, text.length);
}

/** A short stable id of a template (12 hex digits of its SHA-256), for URLs and storage. */
export function fingerprintOf(template: string): string {
  return createHash("sha256").update(template).digest("hex").slice(0, 12);
}

function scan(text: string, from: number, to: number): string {
  let out = "";
  let copied = from; // text[copied, i) is still to be copied verbatim
  let i = from;
  let lastKey = "";
  while (i < to) {
    const c = text.charCodeAt(i);
    const prev = i > from ? text.charCodeAt(i - 1) : 32;
    let end = -1;
    let mask = "";
    if (c === C_DQUOTE || (c === C_SQUOTE && !isWordCode(prev))) {
      const close = closingQuote(text, i, to, c);
      if (close > 0) {
        const after = skipSpaces(text, close + 1, to);
        if (c === C_DQUOTE && text.charCodeAt(after) === C_COLON && opensField(text, i, from)) {
          // A JSON key names a field; it is part of the shape.
          lastKey = text.slice(i + 1, close);
          i = close + 1;
          continue;
        }
        end = close + 1;
        mask =
          c === C_DQUOTE && MESSAGE_KEYS.has(lastKey)
            ? `"${scan(text, i + 1, close)}"`
            : c === C_DQUOTE
              ? '"<str>"'
              : "'<str>'";
      }
    } else if (isWordCode(c) && !isWordCode(prev)) {
      const [wordEnd, wordMask] = token(text, i, to);
      if (wordMask === null) {
        i = wordEnd;
        continue;
      }
      end = wordEnd;
      mask = wordMask;
    } else if (c === C_QUESTION && i + 1 < to && isWordCode(text.charCodeAt(i + 1))) {
      end = queryEnd(text, i + 1, to);
      if (end > 0) mask = "?<query>";
    }
    if (end > 0) {
      out += text.slice(copied, i) + mask;
      i = end;
      copied = end;
    } else {
      i++;
    }
  }
  return copied === from ? text.slice(from, to) : out + text.slice(copied, to);
}

/** Whether the quote at `i` follows `{` or `,` (spaces aside): a JSON key, not a value. */
function opensField(text: string, i: number, from: number): boolean {
  let j = i - 1;
  while (j >= from && text.charCodeAt(j) === 32) j--;
  const c = text.charCodeAt(j);
  return c === C_BRACE || c === 44;
}

/**
 * At the start of a word: where scanning goes on and what replaces text[start, end) (null: the
 * word stays as it is).
 */
function token(text: string, start: number, to: number): [number, string | null] {
  let i = start;
  let digits = 0;
  let hexLetters = 0;
  let others = 0;
  while (i < to) {
    const c = text.charCodeAt(i);
    if (c >= C_0 && c <= C_9) digits++;
    else if ((c >= 97 && c <= 102) || (c >= 65 && c <= 70)) hexLetters++;
    else if (isWordCode(c)) others++;
    else break;
    i++;
  }
  const next = i < to ? text.charCodeAt(i) : 0;
  if (next === C_AT || next === C_DOT || next === C_DASH || next === 43) {
    const at = next === C_AT ? i : localPartEnd(text, i, to);
    const end = at > 0 ? emailEnd(text, at + 1, to) : -1;
    if (end > 0) return [end, "<email>"];
  }
  const length = i - start;
  if (length === 8 && others === 0 && next === C_DASH) {
    const end = uuidEnd(text, i, to);
    if (end > 0) return [end, "<uuid>"];
  }
  if (digits === 0) {
    // A hex id of letters only is rare but happens; English words of 8+ letters a-f hardly do.
    return others === 0 && length >= 8 ? [i, "<hex>"] : [i, null];
  }
  if (others === 0 && hexLetters === 0) {
    if (length === 4 && (next === C_DASH || next === 47)) {
      const end = dateEnd(text, i, to);
      if (end > 0) return [end, "<ts>"];
    }
    if (length <= 2 && next === C_COLON) {
      const end = timeEnd(text, i, to);
      if (end > 0) return [end, "<ts>"];
    }
    if (length <= 3 && next === C_DOT) {
      const end = ipv4End(text, start, to);
      if (end > 0) return [end, "<ip>"];
    }
    return [decimalEnd(text, i, to), "<num>"];
  }
  return [i, maskWord(text, start, i)];
}

/**
 * A word with digits in it, part by part between underscores: hex ids (6+ hex digits, or
 * `0x…`) become `<hex>`, other digit runs `<num>` (`user42` → `user<num>`).
 */
function maskWord(text: string, start: number, end: number): string {
  let out = "";
  let part = start;
  for (let i = start; i <= end; i++) {
    if (i < end && text.charCodeAt(i) !== 95) continue;
    out += maskPart(text, part, i);
    if (i < end) out += "_";
    part = i + 1;
  }
  return out;
}

function maskPart(text: string, start: number, end: number): string {
  let digits = 0;
  let hex = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (isDigit(c)) digits++;
    else if (isHex(c)) hex++;
  }
  if (digits > 0 && digits + hex === end - start && end - start >= 6) return "<hex>";
  const x = text.charCodeAt(start + 1) | 32;
  if (
    end - start >= 3 &&
    text.charCodeAt(start) === C_0 &&
    x === 120 &&
    digits + hex === end - start - 1
  ) {
    return "<hex>";
  }
  let out = "";
  let inDigits = false;
  for (let i = start; i < end; i++) {
    const digit = isDigit(text.charCodeAt(i));
    if (digit && !inDigits) out += "<num>";
    else if (!digit) out += text[i];
    inDigits = digit;
  }
  return out;
}

/** From a word followed by `.`, `+` or `-`: the index of an `@` ending a local part, or -1. */
function localPartEnd(text: string, i: number, to: number): number {
  for (let j = i; j < to && j - i < 64; j++) {
    const c = text.charCodeAt(j);
    if (c === C_AT) return isWordCode(text.charCodeAt(j - 1)) ? j : -1;
    if (!isWordCode(c) && c !== C_DOT && c !== C_DASH && c !== 43) return -1;
  }
  return -1;
}

/** `12`, `12.5`, `12.5ms`: a decimal part is part of the number. */
function decimalEnd(text: string, i: number, to: number): number {
  if (text.charCodeAt(i) !== C_DOT || !isDigit(text.charCodeAt(i + 1))) return i;
  let j = i + 1;
  while (j < to && isDigit(text.charCodeAt(j))) j++;
  return j;
}

/** After `2024` at `-` or `/`: `-01-02`, then an optional time; -1 if not a date. */
function dateEnd(text: string, i: number, to: number): number {
  const sep = text.charCodeAt(i);
  if (!digitsAt(text, i + 1, 2) || text.charCodeAt(i + 3) !== sep || !digitsAt(text, i + 4, 2)) {
    return -1;
  }
  const end = i + 6;
  const t = text.charCodeAt(end);
  if (
    (t === 84 || t === 32) &&
    digitsAt(text, end + 1, 2) &&
    text.charCodeAt(end + 3) === C_COLON
  ) {
    const time = timeEnd(text, end + 3, to);
    if (time > 0) return time;
  }
  return end;
}

/** After `03` at `:`: `:04:05`, fraction, zone; -1 if not a time. */
function timeEnd(text: string, i: number, to: number): number {
  if (
    !digitsAt(text, i + 1, 2) ||
    text.charCodeAt(i + 3) !== C_COLON ||
    !digitsAt(text, i + 4, 2)
  ) {
    return -1;
  }
  let j = i + 6;
  const f = text.charCodeAt(j);
  if ((f === C_DOT || f === 44) && isDigit(text.charCodeAt(j + 1))) {
    j++;
    while (j < to && isDigit(text.charCodeAt(j))) j++;
  }
  const z = text.charCodeAt(j);
  if (z === 90) return j + 1;
  if ((z === 43 || z === C_DASH) && digitsAt(text, j + 1, 2)) {
    j += 3;
    if (text.charCodeAt(j) === C_COLON && digitsAt(text, j + 1, 2)) j += 3;
    else if (digitsAt(text, j, 2)) j += 2;
  }
  return j;
}

/** From the first octet: `10.0.0.1`, with an optional `:port`; -1 if not an IPv4 address. */
function ipv4End(text: string, start: number, to: number): number {
  let j = start;
  for (let part = 0; part < 4; part++) {
    const from = j;
    while (j < to && j - from < 4 && isDigit(text.charCodeAt(j))) j++;
    if (j === from || j - from > 3) return -1;
    if (part < 3) {
      if (text.charCodeAt(j) !== C_DOT) return -1;
      j++;
    }
  }
  if (j < to && (isWordCode(text.charCodeAt(j)) || text.charCodeAt(j) === C_DOT)) {
    if (text.charCodeAt(j) !== C_DOT || isDigit(text.charCodeAt(j + 1))) return -1;
  }
  return j;
}

/** After the 8 hex digits of a UUID at `-`: `-4-4-4-12`; -1 otherwise. */
function uuidEnd(text: string, i: number, to: number): number {
  let j = i;
  for (const size of [4, 4, 4, 12]) {
    if (text.charCodeAt(j) !== C_DASH) return -1;
    for (let k = 1; k <= size; k++) if (!isHex(text.charCodeAt(j + k))) return -1;
    j += size + 1;
  }
  return j < to && isWordCode(text.charCodeAt(j)) ? -1 : j;
}

/** After `name@`: a domain with a dot; -1 otherwise. */
function emailEnd(text: string, i: number, to: number): number {
  let j = i;
  let dots = 0;
  while (j < to) {
    const c = text.charCodeAt(j);
    if (c === C_DOT && isWordCode(text.charCodeAt(j + 1))) dots++;
    else if (!isWordCode(c) && c !== C_DASH) break;
    j++;
  }
  return dots > 0 && j > i ? j : -1;
}

/** `?a=1&b=2` up to the next space or quote, when it has a `=`; -1 otherwise. */
function queryEnd(text: string, i: number, to: number): number {
  let j = i;
  let equals = false;
  while (j < to) {
    const c = text.charCodeAt(j);
    if (c <= 32 || c === C_DQUOTE || c === C_SQUOTE || c === 41 || c === 93) break;
    if (c === 61) equals = true;
    j++;
  }
  return equals ? j : -1;
}

/** The index of the quote closing the one at `open` on this line, or -1 (not a quoted value). */
function closingQuote(text: string, open: number, to: number, quote: number): number {
  for (let j = open + 1; j < to; j++) {
    const c = text.charCodeAt(j);
    if (c === C_BACKSLASH) j++;
    else if (c === quote) {
      // `it's` or `users'` inside prose is an apostrophe, not a closing quote.
      if (quote === C_SQUOTE && isWordCode(text.charCodeAt(j + 1))) continue;
      return j;
    }
  }
  return -1;
}

function skipSpaces(text: string, i: number, to: number): number {
  let j = i;
  while (j < to && text.charCodeAt(j) === 32) j++;
  return j;
}

function digitsAt(text: string, i: number, count: number): boolean {
  for (let k = 0; k < count; k++) if (!isDigit(text.charCodeAt(i + k))) return false;
  return true;
}

function isDigit(c: number): boolean {
  return c >= C_0 && c <= C_9;
}

function isHex(c: number): boolean {
  return (c >= C_0 && c <= C_9) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}

/** Letters, digits and `_`: the characters of a word (NaN past the end is not one). */
function isWordCode(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= C_0 && c <= C_9) || c === 95;
}
