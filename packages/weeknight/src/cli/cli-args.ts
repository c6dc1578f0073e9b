import { InvalidArgumentError } from "commander";

/** Commander parser for ids and limits: a typo is a usage error (exit 2), not a server 400. */
export function positiveInteger(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) {
    throw new InvalidArgumentError("expected a positive whole number, e.g. 12");
  }
  return Number(value);
}

/** The first 7 characters of a commit, as git shows it. */
export function shortSha(sha: string | null | undefined): string {
  return sha ? sha.slice(0, 7) : "-";
}
