import type { FlagSet } from "./flag-types.js";

export type ParsedFlagSet = { ok: true; set: FlagSet } | { ok: false; problem: string };

/**
 * Checks the outer shape only: JSON, an object, a `flags` array, a `segments` array (absent
 * means none) and a string or number `version`. A set passing this is safe to hand to
 * `compileFlags`, which turns bad flags, rules and constraints off one by one and lists them.
 * A set failing it is refused whole, so a truncated or foreign document never wipes the flags.
 */
export function parseFlagSet(text: string): ParsedFlagSet {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, problem: `not JSON (${(error as Error).message})` };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return { ok: false, problem: `expected an object, got ${describe(value)}` };
  }
  const { version, flags, segments } = value as Record<string, unknown>;
  if (!Array.isArray(flags)) {
    return { ok: false, problem: `"flags" must be an array, got ${describe(flags)}` };
  }
  if (segments !== undefined && !Array.isArray(segments)) {
    return { ok: false, problem: `"segments" must be an array, got ${describe(segments)}` };
  }
  if (typeof version !== "string" && typeof version !== "number") {
    return { ok: false, problem: `"version" must be a string, got ${describe(version)}` };
  }
  return { ok: true, set: { version: String(version), flags, segments: segments ?? [] } };
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : `${typeof value} ${JSON.stringify(value)}`;
}
