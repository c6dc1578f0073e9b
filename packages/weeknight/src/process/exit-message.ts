import { constants } from "node:os";

// bash: "bash: foo: command not found" / "bash: line 1: foo: command not found";
// dash: "sh: 1: foo: not found".
const MISSING_COMMAND = /^[^:]*: (?:(?:line )?\d+: )?(.+?): (?:command )?not found\s*$/;

/** The command a shell reported as missing on this stderr line, if any. */
export function missingCommandIn(stderrLine: string): string | undefined {
  return MISSING_COMMAND.exec(stderrLine)?.[1];
}

/** A one-line, human explanation of why a process did not succeed. */
export function describeExit(
  exitCode: number | null,
  signal: NodeJS.Signals | null,
  missingCommand: string | undefined,
): string {
  if (signal) return `killed by signal ${signal}`;
  if (exitCode === 127) {
    return missingCommand
      ? `command not found: ${missingCommand} (exit code 127)`
      : "command not found (exit code 127)";
  }
  if (exitCode === 126) return "command found but not executable (exit code 126)";
  // A shell reports a child killed by signal N as exit code 128+N.
  const name = exitCode !== null && exitCode > 128 ? signalName(exitCode - 128) : undefined;
  if (name) return `exited with code ${exitCode} (a process was killed by ${name})`;
  return `exited with code ${exitCode ?? "unknown"}`;
}

function signalName(num: number): string | undefined {
  return Object.entries(constants.signals).find(([, n]) => n === num)?.[0];
}
