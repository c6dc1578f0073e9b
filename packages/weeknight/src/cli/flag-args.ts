import { type Constraint, OPERATORS, type Operator } from "@weeknight/flags-sdk";
import { parseDuration } from "../config/config-primitives.js";

/** "10%" or "10" → 10. */
export function parsePercent(text: string): number {
  const match = /^\s*(\d{1,3})\s*%?\s*$/.exec(text);
  const percent = match ? Number(match[1]) : Number.NaN;
  if (!(percent >= 0 && percent <= 100)) {
    throw new Error(`"${text}" is not a percentage: give a whole number from 0 to 100, e.g. 10%`);
  }
  return percent;
}

/** "acme, globex" or "acme globex" → ["acme", "globex"]. */
export function parseList(text: string): string[] {
  return text
    .split(/[,\s]+/)
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

/**
 * `<percent>@<when>`: when is an ISO time (2026-12-01T09:00Z) or from now (+2d, +1h).
 * "5%@+1d" → 5 % one day from `now`.
 */
export function parseRampStep(text: string, now: number): { at: number; percent: number } {
  const [percentText, when] = text.split("@");
  if (percentText === undefined || when === undefined || when === "") {
    throw new Error(
      `"${text}" is not a ramp step: write <percent>@<when>, e.g. 5%@2026-12-01T09:00Z or 25%@+2d`,
    );
  }
  const percent = parsePercent(percentText);
  const at = when.startsWith("+") ? now + fromNow(when.slice(1)) : Date.parse(when);
  if (!Number.isFinite(at)) {
    throw new Error(`"${when}" is not a time: give an ISO time like 2026-12-01T09:00Z, or +2d`);
  }
  return { at, percent };
}

const DAY = 24 * 60 * 60_000;

/** `2d`, `1w`, or any duration `parseDuration` reads (30m, 2h). */
function fromNow(text: string): number {
  const days = /^(\d+)(d|w)$/.exec(text);
  if (days) return Number(days[1]) * (days[2] === "w" ? 7 : 1) * DAY;
  return parseDuration(text);
}

/**
 * One constraint written as `<field> [not] <OPERATOR> <value>[,<value>…] [/i]`, e.g.
 * `role IN admin,owner`, `plan not IN free`, `email STR_ENDS_WITH @acme.com /i`,
 * `appVersion SEMVER_GT 2.3.0`.
 */
export function parseConstraint(text: string): Constraint {
  const words = text.trim().split(/\s+/);
  const caseInsensitive = words.at(-1)?.toLowerCase() === "/i";
  if (caseInsensitive) words.pop();
  const [contextName, ...rest] = words;
  const inverted = rest[0]?.toLowerCase() === "not";
  if (inverted) rest.shift();
  const [op, ...valueWords] = rest;
  const operator = op?.toUpperCase();
  if (!contextName || !operator || !OPERATORS.includes(operator as Operator)) {
    throw new Error(
      `"${text}" is not a constraint: write <field> [not] <OPERATOR> <values>, e.g. "role IN admin"; operators: ${OPERATORS.join(", ")}`,
    );
  }
  const value = valueWords.join(" ");
  if (value === "") throw new Error(`"${text}" has no value after ${operator}`);
  const many = operator === "IN" || operator === "NOT_IN" || operator.startsWith("STR_");
  return {
    contextName,
    operator: operator as Operator,
    ...(many ? { values: parseCommaList(value) } : { value }),
    ...(inverted && { inverted }),
    ...(caseInsensitive && { caseInsensitive }),
  };
}

function parseCommaList(text: string): string[] {
  return text
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

/** `key=value` pairs → a context; `properties.x=…` are allowed as plain fields too. */
export function parseContext(pairs: readonly string[]): Record<string, string> {
  const context: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.indexOf("=");
    if (at < 1)
      throw new Error(`"${pair}" is not a context field: write name=value, e.g. customerId=acme`);
    context[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return context;
}
