import { fieldReader } from "./context-fields.js";
import type { Constraint, Context, Operator } from "./flag-types.js";
import { OPERATORS } from "./flag-types.js";
import { compareSemver, parseSemver } from "./semver.js";

export type Predicate = (context: Context) => boolean;

export const ALWAYS: Predicate = () => true;
export const NEVER: Predicate = () => false;

const KNOWN = new Set<string>(OPERATORS);

/**
 * Why a constraint can never be evaluated (unknown operator, no field name, a NUM_/DATE_/SEMVER_
 * value that does not parse), or undefined when it is fine. Such a constraint never matches,
 * even when inverted, so a typo cannot turn a flag on for everyone.
 */
export function constraintProblem(constraint: unknown): string | undefined {
  if (typeof constraint !== "object" || constraint === null) return "not an object";
  const c = constraint as Record<string, unknown>;
  if (typeof c.operator !== "string" || !KNOWN.has(c.operator)) {
    return `unknown operator ${JSON.stringify(c.operator)}`;
  }
  if (typeof c.contextName !== "string") return "contextName is not a string";
  const op = c.operator;
  const value = c.value;
  if (op.startsWith("NUM_")) {
    const ok = (typeof value === "string" || typeof value === "number") && !Number.isNaN(+value);
    return ok ? undefined : `${op} needs a number value, got ${JSON.stringify(value)}`;
  }
  if (op.startsWith("DATE_")) {
    const ok = typeof value === "string" && !Number.isNaN(Date.parse(value));
    return ok ? undefined : `${op} needs a date value, got ${JSON.stringify(value)}`;
  }
  if (op.startsWith("SEMVER_")) {
    const ok = typeof value === "string" && parseSemver(value) !== undefined;
    return ok ? undefined : `${op} needs a semantic version value, got ${JSON.stringify(value)}`;
  }
  return undefined;
}

/** Unleash's `cleanValues`: drop empty entries, then trim (so " " becomes ""). Non-strings dropped. */
export function cleanValues(values: unknown): string[] {
  if (!Array.isArray(values)) return [];
  const out: string[] = [];
  for (const v of values) if (typeof v === "string" && v !== "") out.push(v.trim());
  return out;
}

function stringPredicate(c: Constraint): Predicate {
  const read = fieldReader(c.contextName);
  const fold = c.caseInsensitive === true;
  const values = cleanValues(c.values).map((v) => (fold ? v.toLocaleLowerCase() : v));
  const n = values.length;
  const test =
    c.operator === "STR_STARTS_WITH"
      ? (s: string, v: string) => s.startsWith(v)
      : c.operator === "STR_ENDS_WITH"
        ? (s: string, v: string) => s.endsWith(v)
        : (s: string, v: string) => s.includes(v);
  return (context) => {
    const raw = read(context);
    if (raw === undefined) return false;
    const s = fold ? raw.toLocaleLowerCase() : raw;
    for (let i = 0; i < n; i++) if (test(s, values[i] as string)) return true;
    return false;
  };
}

function numberPredicate(c: Constraint): Predicate {
  const read = fieldReader(c.contextName);
  const t = Number(c.value);
  const compare: (x: number) => boolean = {
    NUM_EQ: (x: number) => x === t,
    NUM_GT: (x: number) => x > t,
    NUM_GTE: (x: number) => x >= t,
    NUM_LT: (x: number) => x < t,
    NUM_LTE: (x: number) => x <= t,
  }[c.operator as "NUM_EQ"];
  return (context) => {
    const s = read(context);
    return s !== undefined && compare(Number(s));
  };
}

function datePredicate(c: Constraint, now: () => number): Predicate {
  const t = Date.parse(c.value as string);
  const after = c.operator === "DATE_AFTER";
  // Like Unleash, the field is always `currentTime` (a Date or date string), defaulting to now.
  return (context) => {
    const ct = context.currentTime;
    const time =
      typeof ct === "string" && ct !== ""
        ? Date.parse(ct)
        : ct instanceof Date
          ? ct.getTime()
          : now();
    return after ? time > t : time < t;
  };
}

function semverPredicate(c: Constraint): Predicate {
  const read = fieldReader(c.contextName);
  const target = parseSemver(c.value as string);
  if (!target) return NEVER;
  const wanted = c.operator === "SEMVER_EQ" ? 0 : c.operator === "SEMVER_GT" ? 1 : -1;
  return (context) => {
    const s = read(context);
    // Unleash rejects context versions with a leading "v" although `semver` accepts them.
    if (!s || s.startsWith("v")) return false;
    const version = parseSemver(s);
    return version !== undefined && compareSemver(version, target) === wanted;
  };
}

function basePredicate(c: Constraint, now: () => number): Predicate {
  const op: Operator = c.operator;
  if (op === "IN" || op === "NOT_IN") {
    const read = fieldReader(c.contextName);
    const values = new Set(cleanValues(c.values));
    const wantIn = op === "IN";
    return (context) => values.has(read(context) as string) === wantIn;
  }
  if (op.startsWith("STR_")) return stringPredicate(c);
  if (op.startsWith("NUM_")) return numberPredicate(c);
  if (op.startsWith("DATE_")) return datePredicate(c, now);
  return semverPredicate(c);
}

/** One constraint compiled to a closure: operator bound, lists as Sets, values pre-parsed. */
export function compileConstraint(c: Constraint, now: () => number): Predicate {
  if (constraintProblem(c) !== undefined) return NEVER;
  const base = basePredicate(c, now);
  if (c.inverted !== true) return base;
  return (context) => !base(context);
}

/** All predicates must hold; short-circuits left to right. */
export function allOf(predicates: readonly Predicate[]): Predicate {
  const ps = predicates.filter((p) => p !== ALWAYS);
  if (ps.includes(NEVER)) return NEVER;
  const [a, b, c] = ps;
  if (ps.length === 0 || !a) return ALWAYS;
  if (ps.length === 1) return a;
  if (ps.length === 2 && b) return (x) => a(x) && b(x);
  if (ps.length === 3 && b && c) return (x) => a(x) && b(x) && c(x);
  const n = ps.length;
  return (x) => {
    for (let i = 0; i < n; i++) if (!(ps[i] as Predicate)(x)) return false;
    return true;
  };
}
