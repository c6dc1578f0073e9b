import { InvalidInputError } from "../../errors/domain-errors.js";
import { type Condition, type Placeholder, parseCondition, type Subject } from "./conditions.js";

/** Shared by http, journey and browser checks: URLs and conditions, checked once at load time. */

/** With no conditions, a check passes on any response that is not an error. */
export const DEFAULT_CONDITION = "[STATUS] < 400";

/** Parses a check's conditions, naming the monitor in errors; unknown placeholders for the kind fail. */
export function parseConditions(
  texts: readonly string[],
  where: string,
  allowed: ReadonlySet<Placeholder>,
): Condition[] {
  return (texts.length === 0 ? [DEFAULT_CONDITION] : texts).map((text) => {
    const condition = rethrowIn(where, () => parseCondition(text));
    checkPlaceholder(condition.subject, where, allowed);
    return condition;
  });
}

export function checkPlaceholder(
  subject: Subject,
  where: string,
  allowed: ReadonlySet<Placeholder>,
): void {
  if (!allowed.has(subject.placeholder)) {
    throw new InvalidInputError(
      `${where}: [${subject.placeholder}] is not measured by this kind of check — use ${[...allowed].map((p) => `[${p}]`).join(", ")}`,
    );
  }
}

/**
 * `/health` is joined to the environment's URL (keeping its path, so `https://x.dev/app` +
 * `/health` is `https://x.dev/app/health`); absolute URLs must be http:// or https://.
 */
export function resolveUrl(text: string, baseUrl: string | undefined, where: string): URL {
  if (text.startsWith("/")) {
    if (baseUrl === undefined) {
      throw new InvalidInputError(
        `${where}: url "${text}" is a path, and the environment has no url to resolve it against — give an absolute URL (https://…) or set the environment's url`,
      );
    }
    return resolveUrl(`${baseUrl.replace(/\/+$/, "")}${text}`, undefined, where);
  }
  const url = URL.canParse(text) ? new URL(text) : null;
  if (
    url === null ||
    (url.protocol !== "http:" && url.protocol !== "https:") ||
    url.hostname === ""
  ) {
    throw new InvalidInputError(
      `${where}: invalid url "${text}" — use an http:// or https:// address, or a path such as /health`,
    );
  }
  return url;
}

/** Runs `fn`, prefixing an InvalidInputError's message with where the bad text is. */
export function rethrowIn<T>(where: string, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof InvalidInputError)
      throw new InvalidInputError(`${where}: ${error.message}`);
    throw error;
  }
}

/** Applies `resolveSecrets` to every value of a header map. */
export function resolveHeaders(
  headers: Record<string, string>,
  resolve: (text: string) => string,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) out[name] = resolve(value);
  return out;
}
