import { closest, distance } from "fastest-levenshtein";
import type { z } from "zod";

/** How a YAML author would name what they wrote, e.g. "a list" rather than "array". */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return "nothing";
  if (Array.isArray(value)) return "a list";
  switch (typeof value) {
    case "string":
      return "a string";
    case "number":
      return "a number";
    case "boolean":
      return "a boolean";
    case "object":
      return "a map (key: value)";
    default:
      return typeof value;
  }
}

const EXPECTED_LABELS: Record<string, string> = {
  string: "a string",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
  object: "a map (key: value)",
  record: "a map (key: value)",
  array: "a list",
};

/** The closest candidate within a small edit distance, so typos get a hint and nonsense does not. */
export function suggest(input: string, candidates: readonly string[]): string | undefined {
  if (candidates.length === 0) return undefined;
  const best = closest(input.toLowerCase(), [...candidates]);
  const allowed = Math.max(1, Math.floor(input.length / 3));
  return distance(input.toLowerCase(), best.toLowerCase()) <= allowed ? best : undefined;
}

function listOf(values: readonly unknown[]): string {
  return values.map((v) => String(v)).join(", ");
}

function invalidValueMessage(input: unknown, values: readonly unknown[]): string {
  const hint = typeof input === "string" ? suggest(input, values.map(String)) : undefined;
  const shown = typeof input === "string" ? `"${input}"` : describeValue(input);
  return hint === undefined
    ? `invalid value ${shown} — use one of: ${listOf(values)}`
    : `invalid value ${shown} — did you mean "${hint}"? (one of: ${listOf(values)})`;
}

function discriminatorMessage(input: unknown, key: string, options: readonly unknown[]): string {
  const given =
    input !== null && typeof input === "object"
      ? (input as Record<string, unknown>)[key]
      : undefined;
  if (given === undefined) return `required — one of: ${listOf(options)}`;
  if (typeof given !== "string") {
    return `expected one of: ${listOf(options)}, got ${describeValue(given)}`;
  }
  const hint = suggest(given, options.map(String));
  const didYouMean = hint === undefined ? "" : ` — did you mean "${hint}"?`;
  return `unknown ${key} "${given}"${didYouMean} (use one of: ${listOf(options)})`;
}

function sizeMessage(origin: string, minimum: number | bigint): string | undefined {
  if (origin === "array") return `must list at least ${minimum} item${minimum === 1 ? "" : "s"}`;
  if (origin === "string") return "must not be empty";
  return undefined;
}

/**
 * Per-parse error map: turns zod's generic wording into messages for someone editing YAML.
 * Schema-level `error` options still win, so field-specific wording lives beside the field.
 */
export const humanIssueMessage: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case "invalid_type":
      if (issue.input === undefined) return "required";
      return `expected ${EXPECTED_LABELS[issue.expected] ?? issue.expected}, got ${describeValue(issue.input)}`;
    case "invalid_value":
      return invalidValueMessage(issue.input, issue.values);
    case "invalid_union": {
      // Only a discriminated union's "no option has this `type`" failure carries `options`.
      const options = (issue as { options?: readonly unknown[] }).options;
      return issue.discriminator !== undefined && options !== undefined
        ? discriminatorMessage(issue.input, issue.discriminator, options)
        : undefined;
    }
    case "too_small":
      return sizeMessage(issue.origin, issue.minimum);
    case "invalid_key":
      return issue.issues[0]?.message;
    default:
      return undefined;
  }
};

/** The keys a strict map accepts, and those of the maps nested in it, read from the schema. */
export interface KnownKeys {
  known: readonly string[];
  children: readonly { key: string; known: readonly string[] }[];
}

/**
 * Message for one key a strict map does not know: a typo of a key here, a key written one level
 * too high (`stages` at the top instead of under `build`), or a typo of such a key.
 */
export function unknownKeyMessage(
  key: string,
  keys: KnownKeys,
  pathOf: (child: string) => string,
): string {
  const hint = suggest(key, keys.known);
  if (hint !== undefined) return `unknown key "${key}" — did you mean "${hint}"?`;
  const home = keys.children.find((child) => child.known.includes(key));
  if (home !== undefined) {
    return `unknown key "${key}" — did you mean to put it under "${pathOf(home.key)}"?`;
  }
  for (const child of keys.children) {
    const nested = suggest(key, child.known);
    if (nested !== undefined) {
      return `unknown key "${key}" — did you mean "${nested}" under "${pathOf(child.key)}"?`;
    }
  }
  return `unknown key "${key}" (known keys here: ${keys.known.join(", ")})`;
}
