import type { Condition, Scalar, Subject } from "./conditions.js";
import { formatDuration } from "./format-duration.js";
import { globMatch } from "./glob-match.js";

/** What one exchange (HTTP response, journey step, page load) measured; conditions read it. */
export interface ResponseFacts {
  /** False when no response came back (refused, timed out, TLS error…). */
  connected: boolean;
  /** Why there is no response, e.g. "connection refused". */
  error?: string;
  status?: number;
  responseTimeMs?: number;
  /** The body as text, when the check keeps it (a condition or capture reads it). */
  body?: string;
  /** Lower-case names, as undici and Playwright give them. */
  headers?: Record<string, string | string[] | undefined>;
  /** Time left on the server's TLS certificate; undefined on plain http. */
  certificateExpiresInMs?: number;
  loadTimeMs?: number;
  /** The parsed body, filled in by the first condition that reads it (parsed once per response). */
  json?: { ok: true; value: unknown } | { ok: false };
}

export interface ConditionResult {
  ok: boolean;
  /** e.g. `[STATUS] == 200 failed: got 503`. */
  message: string;
  value: number | string | boolean | null;
}

type Read = { found: true; value: unknown } | { found: false; reason: string };

const SHOWN_CHARS = 120;

/** Evaluates one parsed condition against what a run measured; never throws. */
export function evaluateCondition(condition: Condition, facts: ResponseFacts): ConditionResult {
  const read = readSubjectValue(condition.subject, facts);
  if (!read.found) {
    return { ok: false, message: `${condition.text} failed: ${read.reason}`, value: null };
  }
  const ok = compare(condition, read.value);
  const shown = show(condition.subject, read.value);
  return {
    ok,
    message: `${condition.text} ${ok ? "passed" : "failed"}: got ${shown}`,
    value: plain(read.value),
  };
}

/** Reads what a subject names, or says why it cannot (used by conditions and journey captures). */
export function readSubjectValue(subject: Subject, facts: ResponseFacts): Read {
  const value = readPlaceholder(subject, facts);
  if (!value.found || !subject.len) return value;
  const v = value.value;
  if (typeof v === "string" || Array.isArray(v)) return { found: true, value: v.length };
  if (v !== null && typeof v === "object") return { found: true, value: Object.keys(v).length };
  return {
    found: false,
    reason: `${describe(subject)} is ${kindOf(v)}: len() needs a list, text or object`,
  };
}

function readPlaceholder(subject: Subject, facts: ResponseFacts): Read {
  const noResponse: Read = {
    found: false,
    reason: `no response (${facts.error ?? "not connected"})`,
  };
  switch (subject.placeholder) {
    case "CONNECTED":
      return { found: true, value: facts.connected };
    case "STATUS":
      return facts.status === undefined ? noResponse : { found: true, value: facts.status };
    case "RESPONSE_TIME":
      return facts.responseTimeMs === undefined
        ? noResponse
        : { found: true, value: facts.responseTimeMs };
    case "LOAD_TIME":
      if (facts.loadTimeMs !== undefined) return { found: true, value: facts.loadTimeMs };
      return facts.connected
        ? { found: false, reason: "no load time measured (browser checks only)" }
        : noResponse;
    case "CERTIFICATE_EXPIRATION":
      if (facts.certificateExpiresInMs !== undefined) {
        return { found: true, value: facts.certificateExpiresInMs };
      }
      return facts.connected
        ? { found: false, reason: "no TLS certificate (the URL is not https://)" }
        : noResponse;
    case "HEADER": {
      if (facts.headers === undefined) return noResponse;
      const raw = facts.headers[subject.header ?? ""];
      if (raw === undefined)
        return { found: false, reason: `no header "${subject.header}" in the response` };
      return { found: true, value: Array.isArray(raw) ? raw.join(", ") : raw };
    }
    case "BODY":
      return readBody(subject, facts);
  }
}

function readBody(subject: Subject, facts: ResponseFacts): Read {
  if (facts.body === undefined)
    return facts.connected
      ? { found: false, reason: "no body read" }
      : { found: false, reason: `no response (${facts.error ?? "not connected"})` };
  if (subject.path.length === 0 && !subject.len) return { found: true, value: facts.body };
  if (facts.json === undefined) {
    try {
      facts.json = { ok: true, value: JSON.parse(facts.body) };
    } catch {
      facts.json = { ok: false };
    }
  }
  if (!facts.json.ok) {
    // len([BODY]) of a text body is its length; a path into it cannot be followed.
    if (subject.path.length === 0) return { found: true, value: facts.body };
    return { found: false, reason: `the body is not JSON (starts with ${quote(facts.body)})` };
  }
  let value = facts.json.value;
  let at = "[BODY]";
  for (const key of subject.path) {
    if (typeof key === "number") {
      if (!Array.isArray(value))
        return { found: false, reason: `${at} is ${kindOf(value)}, not a list` };
      if (key >= value.length) {
        return { found: false, reason: `${at} has ${value.length} items, no [${key}]` };
      }
      value = value[key];
      at += `[${key}]`;
    } else {
      if (value === null || typeof value !== "object" || Array.isArray(value)) {
        return { found: false, reason: `${at} is ${kindOf(value)}, not an object` };
      }
      if (!Object.hasOwn(value, key)) return { found: false, reason: `no key "${key}" in ${at}` };
      value = (value as Record<string, unknown>)[key];
      at += `.${key}`;
    }
  }
  return { found: true, value };
}

function compare(condition: Condition, value: unknown): boolean {
  const { operator, operand } = condition;
  if (operator === "==" || operator === "!=") {
    const equal =
      operand.kind === "any"
        ? operand.items.some((item) => equals(value, item))
        : operand.kind === "pattern"
          ? globMatch(operand.glob, text(value))
          : equals(value, operand);
    return operator === "==" ? equal : !equal;
  }
  const left = toNumber(value);
  if (left === null || operand.kind === "any" || operand.kind === "pattern") return false;
  const right =
    operand.kind === "duration"
      ? operand.ms
      : Number(operand.kind === "number" ? operand.value : Number.NaN);
  switch (operator) {
    case "<":
      return left < right;
    case "<=":
      return left <= right;
    case ">":
      return left > right;
    case ">=":
      return left >= right;
  }
}

function equals(value: unknown, scalar: Scalar): boolean {
  if (scalar.kind === "number" || scalar.kind === "duration") {
    const right = scalar.kind === "number" ? scalar.value : scalar.ms;
    if (typeof value === "number") return value === right;
  }
  if (scalar.kind === "boolean" && typeof value === "boolean") return value === scalar.value;
  const left = text(value);
  if (scalar.kind === "string") return left === scalar.value;
  // A JSON string "200" equals 200, and "1.0" equals 1 as a number too.
  return left === scalar.text || (scalar.kind === "number" && toNumber(value) === scalar.value);
}

function toNumber(value: unknown): number | null {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "string" && value.trim() !== "") {
    const n = Number(value);
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

function text(value: unknown): string {
  if (typeof value === "string") return value;
  if (value === null || typeof value !== "object") return String(value);
  return JSON.stringify(value);
}

function plain(value: unknown): number | string | boolean | null {
  if (value === null || typeof value === "number" || typeof value === "boolean") return value;
  return truncate(text(value));
}

function show(subject: Subject, value: unknown): string {
  if (typeof value === "number" && !subject.len) {
    if (subject.placeholder === "CERTIFICATE_EXPIRATION") return formatDuration(value);
    if (subject.placeholder === "RESPONSE_TIME" || subject.placeholder === "LOAD_TIME") {
      return `${Math.round(value)} ms`;
    }
  }
  if (typeof value === "string") return quote(value);
  if (value !== null && typeof value === "object") return truncate(text(value));
  return String(value);
}

function quote(value: string): string {
  return JSON.stringify(truncate(value));
}

function truncate(value: string): string {
  return value.length > SHOWN_CHARS ? `${value.slice(0, SHOWN_CHARS)}…` : value;
}

function describe(subject: Subject): string {
  return subject.text.replace(/^len\((.*)\)$/, "$1");
}

function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "an object";
  if (typeof value === "string") return "text";
  return `a ${typeof value}`;
}
