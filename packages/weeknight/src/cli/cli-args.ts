import { type Command, InvalidArgumentError } from "commander";

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

/** The exit status of a usage error (bad flag, missing argument), as POSIX tools use it. */
export const USAGE_ERROR = 2;

/**
 * Commander exits 1 on usage errors; scripts tell "you called it wrong" (2) from "it
 * failed" (1). Set before commands are added: subcommands inherit it.
 */
export function exitTwoOnUsageErrors(program: Command): void {
  program.exitOverride((error) => {
    if (error.exitCode !== 0) process.exit(USAGE_ERROR);
  });
}
