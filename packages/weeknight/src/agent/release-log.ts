import { createWriteStream, mkdirSync, type WriteStream } from "node:fs";
import { open } from "node:fs/promises";
import { dirname } from "node:path";
import type { Clock } from "../clock.js";

export type LogSource = "stdout" | "stderr" | "agent";

/** Appends a release's output, one timestamped line at a time: `<ISO time> <source> <text>`. */
export interface ReleaseLog {
  readonly path: string;
  line(source: LogSource, text: string): void;
  close(): Promise<void>;
}

export function openReleaseLog(path: string, clock: Clock): ReleaseLog {
  mkdirSync(dirname(path), { recursive: true });
  const stream: WriteStream = createWriteStream(path, { flags: "a" });
  // A full disk must not take the agent down; the app keeps serving without its log.
  stream.on("error", () => {});
  return {
    path,
    line(source, text) {
      if (stream.writableEnded) return;
      stream.write(`${new Date(clock.now()).toISOString()} ${source} ${text}\n`);
    },
    close() {
      return new Promise((resolve) => {
        if (stream.writableEnded) return resolve();
        stream.end(() => resolve());
      });
    },
  };
}

/** Only the end of a big log is read: tails are for people, not for archiving. */
const TAIL_READ_BYTES = 1024 * 1024;

/** The last `lines` lines of a log file, oldest first; empty when there is no file yet. */
export async function tailLog(path: string, lines: number): Promise<string[]> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, "r");
  } catch {
    return [];
  }
  try {
    const { size } = await handle.stat();
    const length = Math.min(size, TAIL_READ_BYTES);
    const buffer = Buffer.alloc(length);
    await handle.read(buffer, 0, length, size - length);
    const all = buffer.toString("utf8").split("\n");
    if (all.at(-1) === "") all.pop();
    // The first line may be cut when only the end of the file was read.
    if (length < size) all.shift();
    return all.slice(Math.max(0, all.length - lines));
  } finally {
    await handle.close();
  }
}
