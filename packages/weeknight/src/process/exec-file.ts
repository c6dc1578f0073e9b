import { spawn } from "node:child_process";
import { existsSync } from "node:fs";

export interface ExecFileOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Written to stdin, which is then closed; without it stdin is /dev/null. */
  input?: string;
  timeoutMs?: number;
}

export interface ExecFileOutput {
  stdout: string;
  stderr: string;
}

/** A program run by `execFileText` that could not start, failed, or timed out. */
export class ExecError extends Error {
  override readonly name = "ExecError";
  constructor(
    message: string,
    /** null when the program did not start, timed out or was killed by a signal. */
    readonly exitCode: number | null,
    readonly stderr: string,
    readonly stdout: string,
  ) {
    super(message);
  }
}

/**
 * Runs a program with an argv array (no shell, so arguments need no quoting) and
 * returns its whole output. Meant for short commands such as git plumbing; output
 * is buffered in memory. Use the ProcessRunner for long or user-defined commands.
 */
export function execFileText(
  file: string,
  args: string[],
  opts: ExecFileOptions = {},
): Promise<ExecFileOutput> {
  return new Promise((resolve, reject) => {
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    const text = (chunks: Buffer[]): string => Buffer.concat(chunks).toString("utf8");
    const fail = (reason: string, exitCode: number | null): void => {
      const err = text(stderr);
      const firstLine = err.split("\n").find((line) => line.trim() !== "");
      const detail = firstLine ? `: ${firstLine.trim()}` : "";
      const message = `${describeCommand(file, args)} failed (${reason})${detail}`;
      reject(new ExecError(message, exitCode, err, text(stdout)));
    };

    const child = spawn(file, args, {
      cwd: opts.cwd,
      env: opts.env,
      stdio: [opts.input === undefined ? "ignore" : "pipe", "pipe", "pipe"],
      timeout: opts.timeoutMs,
      killSignal: "SIGKILL",
    });
    child.stdout?.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr?.on("data", (chunk: Buffer) => stderr.push(chunk));
    if (child.stdin && opts.input !== undefined) {
      // A program that exits without reading its input would otherwise raise EPIPE.
      child.stdin.on("error", () => {});
      child.stdin.end(opts.input);
    }

    child.on("error", (error) => {
      // After a successful spawn, errors (e.g. a failed kill) leave the verdict to "close".
      if (child.pid !== undefined) return;
      const cwdMissing = opts.cwd !== undefined && !existsSync(opts.cwd);
      const why = cwdMissing ? `working directory does not exist: ${opts.cwd}` : error.message;
      fail(`could not start: ${why}`, null);
    });
    child.on("close", (code, signal) => {
      if (child.pid === undefined) return;
      if (code === 0) return resolve({ stdout: text(stdout), stderr: text(stderr) });
      // Node's `timeout` option kills with killSignal and marks the child as killed.
      if (signal && child.killed && opts.timeoutMs !== undefined) {
        return fail(`timed out after ${opts.timeoutMs} ms`, null);
      }
      if (signal) return fail(`killed by signal ${signal}`, null);
      return fail(`exit code ${code}`, code);
    });
  });
}

function describeCommand(file: string, args: string[]): string {
  return [file, ...args]
    .map((part) => (/^[\w@%+=:,./-]+$/.test(part) ? part : JSON.stringify(part)))
    .join(" ");
}
