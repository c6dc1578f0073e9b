import { createInterface } from "node:readline/promises";
import type { CliIo } from "./cli-io.js";

type PromptIo = Pick<CliIo, "stdin" | "stderr">;

/** Everything piped to stdin, e.g. `echo "$PASSWORD" | weeknight login`. */
export async function readStdin(stdin: CliIo["stdin"]): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) {
    chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** The input without the one line ending `echo` adds; inner newlines (PEM keys) stay. */
export function withoutFinalNewline(text: string): string {
  return text.replace(/\r?\n$/, "");
}

/** Asks on stderr and reads a line from the terminal without echoing it. */
export function promptHidden(io: PromptIo, question: string): Promise<string> {
  const { stdin, stderr } = io;
  return new Promise((resolve, reject) => {
    let value = "";
    const finish = (error?: Error) => {
      stdin.off("data", onData);
      stdin.setRawMode?.(false);
      stdin.pause();
      stderr.write("\n");
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk: string | Buffer) => {
      for (const char of String(chunk)) {
        if (char === "\r" || char === "\n" || char === "\u0004") return finish();
        if (char === "\u0003") return finish(new Error("cancelled"));
        if (char === "\u007f" || char === "\b") value = value.slice(0, -1);
        else if (char >= " ") value += char;
      }
    };
    stderr.write(question);
    stdin.setRawMode?.(true);
    stdin.setEncoding("utf8");
    stdin.on("data", onData);
    stdin.resume();
  });
}

/** Asks on stderr and reads a visible line from the terminal. */
export async function promptLine(io: PromptIo, question: string): Promise<string> {
  const rl = createInterface({ input: io.stdin, output: io.stderr as NodeJS.WritableStream });
  try {
    return (await rl.question(question)).trim();
  } finally {
    rl.close();
  }
}

/**
 * A secret value: typed hidden at a terminal, else read from stdin. Never from an
 * argument by default, since arguments land in shell history and `ps`.
 */
export async function readSecret(io: PromptIo, question: string): Promise<string> {
  if (io.stdin.isTTY) return promptHidden(io, question);
  return withoutFinalNewline(await readStdin(io.stdin));
}

export async function confirm(io: PromptIo, question: string): Promise<boolean> {
  const answer = await promptLine(io, `${question} [y/N] `);
  return /^y(es)?$/i.test(answer);
}
