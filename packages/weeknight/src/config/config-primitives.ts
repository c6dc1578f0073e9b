import { z } from "zod";
import { InvalidInputError } from "../errors/domain-errors.js";
import { describeValue } from "./config-messages.js";
import { containsSecretReference } from "./config-secrets.js";

/** Value types shared by every part of weeknight.yml: durations, env maps, URLs, paths. */
const DURATION_PATTERN = /^(\d+)(ms|s|m|h)$/;
const HOUR_MS = 3_600_000;
const UNIT_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: HOUR_MS };
const DURATION_HINT = "use e.g. 30s, 10m, 2h";
/** A day is far beyond any sane stage, and keeps timers well inside setTimeout's 24.8-day limit. */
const MAX_TIMEOUT_MS = 24 * HOUR_MS;

/** Parses "500ms", "30s", "10m", "2h", or a number of seconds, into milliseconds. */
export function parseDuration(value: string | number): number {
  if (typeof value === "number") {
    const ms = Math.round(value * 1_000);
    if (!Number.isFinite(ms) || ms < 1) {
      throw new InvalidInputError(`invalid duration ${value} — use a positive number of seconds`);
    }
    return ms;
  }
  const match = DURATION_PATTERN.exec(value.trim());
  if (match === null) throw new InvalidInputError(`invalid duration "${value}" — ${DURATION_HINT}`);
  const ms = Number(match[1]) * (UNIT_MS[match[2] ?? ""] ?? Number.NaN);
  if (!(ms >= 1))
    throw new InvalidInputError(`invalid duration "${value}" — must be longer than 0`);
  return ms;
}

export const timeoutSchema = z
  .union(
    [
      z.string().regex(DURATION_PATTERN, {
        error: (iss) => `invalid duration ${JSON.stringify(iss.input)} — ${DURATION_HINT}`,
      }),
      z.number().positive({ error: "must be more than 0 seconds" }),
    ],
    {
      error: (iss) =>
        iss.code === "invalid_union"
          ? `expected a duration (${DURATION_HINT}) or a number of seconds, got ${describeValue(iss.input)}`
          : undefined,
    },
  )
  .meta({ title: "duration" })
  .transform((value, ctx) => {
    try {
      const ms = parseDuration(value);
      if (ms <= MAX_TIMEOUT_MS) return ms;
      ctx.addIssue({ code: "custom", message: `timeout "${value}" is too long — at most 24h` });
    } catch (error) {
      ctx.addIssue({ code: "custom", message: (error as Error).message });
    }
    return z.NEVER;
  });

/** Values must be strings: YAML reads `3000` and `true` as a number and a boolean, not as text. */
export const envSchema = z.record(
  z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, {
    error: (iss) =>
      `invalid variable name ${JSON.stringify(iss.input)} — use letters, digits and _, not starting with a digit`,
  }),
  z.string({
    error: (iss) =>
      iss.input === undefined || iss.code !== "invalid_type"
        ? undefined
        : `expected a string, got ${describeValue(iss.input)} — quote it, e.g. "${String(iss.input ?? "")}"`,
  }),
);

function isUrl(text: string, protocols: readonly string[]): boolean {
  try {
    const url = new URL(text);
    return protocols.includes(url.protocol) && url.hostname !== "";
  } catch {
    return false;
  }
}

/** Credentials belong in server-side secrets, so URL fields also take any string with a `${NAME}`. */
export function urlOrSecret(protocols: readonly string[], kind: string) {
  return z
    .string()
    .refine((text) => containsSecretReference(text) || isUrl(text, protocols), {
      error: (iss) =>
        `invalid URL ${JSON.stringify(iss.input)} — use an ${kind} URL or a \${SECRET} reference`,
    })
    .meta({ title: `${kind} URL or \${SECRET}` });
}

export const emailSchema = z.email({
  error: (iss) =>
    iss.code === "invalid_format"
      ? `invalid email address ${JSON.stringify(iss.input)}`
      : undefined,
});

/** Checked in code rather than by pattern so each mistake gets its own explanation. */
function checkRelativePath(path: string, ctx: z.core.$RefinementCtx<string>): void {
  const problem =
    path.trim() === ""
      ? "must not be empty (use . for the whole workspace)"
      : /^([/\\~]|[A-Za-z]:)/.test(path)
        ? `path "${path}" must be relative to the workspace, not absolute`
        : path.split(/[/\\]/).includes("..")
          ? `path "${path}" must stay inside the workspace (no "..")`
          : undefined;
  if (problem !== undefined) ctx.addIssue({ code: "custom", message: problem });
}

export const relativePath = z.string().superRefine(checkRelativePath);
