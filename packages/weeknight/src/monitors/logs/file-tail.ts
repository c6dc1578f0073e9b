import { type FileHandle, open, stat } from "node:fs/promises";
import type { Clock } from "../../clock.js";

/** A line of a log source: when it was read or written (epoch ms) and its text. */
export interface SourceLine {
  at: number;
  text: string;
}

export interface FileTail {
  /** Lines appended since the last poll (at most `maxBytesPerPoll` of them), stamped now. */
  poll(): Promise<SourceLine[]>;
  close(): Promise<void>;
}

export interface FileTailOptions {
  path: string;
  clock: Clock;
  /** `end` (default) skips what the file holds at the first poll, like `tail -f`. */
  from?: "start" | "end";
  /** Bytes read per poll at most (default 4 MiB): a burst is caught up over several polls. */
  maxBytesPerPoll?: number;
  /** A line longer than this is cut (default 64 KiB), so one runaway line cannot fill memory. */
  maxLineBytes?: number;
}

const NEWLINE = 0x0a;

/**
 * Follows a log file as it grows. Rotation (the path now names another file) is noticed by its
 * inode: what was left in the old file is read, then the new one from its start. Truncation
 * (`copytruncate`) is noticed by the size shrinking below what was read: reading starts over.
 */
export function createFileTail(options: FileTailOptions): FileTail {
  const maxBytes = options.maxBytesPerPoll ?? 4 * 1024 * 1024;
  const maxLine = options.maxLineBytes ?? 64 * 1024;
  let handle: FileHandle | null = null;
  let inode = -1;
  let position = 0;
  let skipToEnd = (options.from ?? "end") === "end";
  // Bytes after the last newline: the start of a line still being written.
  let partial: Buffer = Buffer.alloc(0);
  let buffer = Buffer.alloc(0);

  async function reopen(): Promise<void> {
    await handle?.close();
    handle = null;
    inode = -1;
    partial = Buffer.alloc(0);
    let opened: FileHandle;
    try {
      opened = await open(options.path, "r");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
      throw error;
    }
    const info = await opened.stat();
    handle = opened;
    inode = info.ino;
    position = skipToEnd ? info.size : 0;
    skipToEnd = false;
  }

  /** Reads up to `budget` bytes from the open file and splits them into lines. */
  async function readLines(size: number, budget: number, out: string[]): Promise<number> {
    if (!handle || size <= position || budget <= 0) return 0;
    const length = Math.min(size - position, budget);
    if (buffer.length < length) buffer = Buffer.allocUnsafe(Math.max(length, 64 * 1024));
    const { bytesRead } = await handle.read(buffer, 0, length, position);
    position += bytesRead;
    split(buffer.subarray(0, bytesRead), out);
    return bytesRead;
  }

  function split(chunk: Buffer, out: string[]): void {
    const last = chunk.lastIndexOf(NEWLINE);
    if (last < 0) {
      partial = cut(partial.length > 0 ? Buffer.concat([partial, chunk]) : Buffer.from(chunk));
      return;
    }
    // A newline byte never occurs inside a UTF-8 sequence: splitting on it keeps characters whole.
    const whole =
      partial.length > 0
        ? Buffer.concat([partial, chunk.subarray(0, last)])
        : chunk.subarray(0, last);
    partial = cut(Buffer.from(chunk.subarray(last + 1)));
    for (const line of whole.toString("utf8").split("\n")) {
      const text = line.endsWith("\r") ? line.slice(0, -1) : line;
      out.push(text.length > maxLine ? text.slice(0, maxLine) : text);
    }
  }

  function cut(bytes: Buffer): Buffer {
    return bytes.length > maxLine ? bytes.subarray(0, maxLine) : bytes;
  }

  return {
    async poll() {
      const texts: string[] = [];
      let current: Awaited<ReturnType<typeof stat>> | null = null;
      try {
        current = await stat(options.path);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
        // A file that appears later holds only new lines.
        if (!handle) skipToEnd = false;
      }
      let budget = maxBytes;
      if (handle && (current === null || current.ino !== inode)) {
        // Rotated: finish the old file before moving on to the new one.
        const old = await handle.stat();
        budget -= await readLines(old.size, budget, texts);
        if (position < old.size) return stamp(texts);
        if (partial.length > 0) texts.push(partial.toString("utf8"));
        skipToEnd = false;
        await reopen();
      } else if (!handle && current) {
        await reopen();
      } else if (handle && current && current.size < position) {
        position = 0; // truncated in place
        partial = Buffer.alloc(0);
      }
      if (handle && current && current.ino === inode) await readLines(current.size, budget, texts);
      return stamp(texts);
    },
    async close() {
      await handle?.close();
      handle = null;
    },
  };

  function stamp(texts: string[]): SourceLine[] {
    const at = options.clock.now();
    return texts.map((text) => ({ at, text }));
  }
}
