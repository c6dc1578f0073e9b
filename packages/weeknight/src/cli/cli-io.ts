import { homedir } from "node:os";

/** A writable terminal-or-pipe stream, as far as the CLI cares. */
export interface OutStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

/** Standard input: read whole when piped, raw key by key when prompting on a terminal. */
export type InStream = NodeJS.ReadableStream & {
  isTTY?: boolean;
  setRawMode?: (mode: boolean) => unknown;
};

/**
 * Everything a command touches outside itself. Commands never reach for `process`
 * directly, so tests can drive them with fake streams, env, clock and fetch.
 */
export interface CliIo {
  env: Record<string, string | undefined>;
  stdin: InStream;
  stdout: OutStream;
  stderr: OutStream;
  fetch: typeof fetch;
  now(): number;
  cwd(): string;
  homedir(): string;
  setExitCode(code: number): void;
  /** Calls `handler` on Ctrl-C; returns a function that removes it. */
  onInterrupt(handler: () => void): () => void;
}

export function processIo(): CliIo {
  // `weeknight build logs 3 | head` closes the pipe early: that is the reader's choice,
  // not an error to print a stack trace for.
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw error;
  });
  return {
    env: process.env,
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    fetch: (input, init) => fetch(input, init),
    now: () => Date.now(),
    cwd: () => process.cwd(),
    homedir,
    setExitCode(code) {
      process.exitCode = code;
    },
    onInterrupt(handler) {
      process.once("SIGINT", handler);
      return () => process.off("SIGINT", handler);
    },
  };
}
