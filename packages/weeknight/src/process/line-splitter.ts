/**
 * Turns one output stream's byte chunks into UTF-8 text lines.
 *
 * A streaming decoder per stream keeps multi-byte characters that straddle chunk
 * boundaries intact; invalid bytes become U+FFFD. Pending line text is capped at
 * `maxLineBytes` so a process printing one endless line cannot exhaust memory.
 */
export interface LineSplitter {
  push(chunk: Uint8Array): void;
  /** Flushes the decoder and delivers a final unterminated line, if any. */
  end(): void;
  readonly invalidUtf8: boolean;
  readonly truncatedLines: number;
}

export interface LineSplitterOptions {
  maxLineBytes: number;
  onLine: (line: string) => void;
}

const encoder = new TextEncoder();

export function createLineSplitter(options: LineSplitterOptions): LineSplitter {
  const { maxLineBytes, onLine } = options;
  const decoder = new TextDecoder("utf-8");
  // Replacement characters can also be printed on purpose, so a second, fatal
  // decoder is the reliable way to tell whether the bytes themselves were invalid.
  let validator: TextDecoder | undefined = new TextDecoder("utf-8", { fatal: true });
  let invalidUtf8 = false;
  let truncatedLines = 0;
  let parts: string[] = [];
  let keptBytes = 0;
  let droppedBytes = 0;

  const validate = (chunk: Uint8Array | undefined): void => {
    if (!validator) return;
    try {
      if (chunk) validator.decode(chunk, { stream: true });
      else validator.decode();
    } catch {
      invalidUtf8 = true;
      validator = undefined;
    }
  };

  const append = (text: string): void => {
    if (text.length === 0) return;
    if (droppedBytes > 0) {
      droppedBytes += byteLength(text);
      return;
    }
    const bytes = byteLength(text);
    if (keptBytes + bytes <= maxLineBytes) {
      parts.push(text);
      keptBytes += bytes;
      return;
    }
    const head = cutToBytes(text, maxLineBytes - keptBytes);
    const headBytes = byteLength(head);
    parts.push(head);
    keptBytes += headBytes;
    droppedBytes = bytes - headBytes;
  };

  const emit = (): void => {
    let line = parts.join("");
    if (droppedBytes > 0) {
      line += ` … [line truncated: ${droppedBytes} bytes]`;
      truncatedLines += 1;
    } else if (line.endsWith("\r")) {
      line = line.slice(0, -1);
    }
    parts = [];
    keptBytes = 0;
    droppedBytes = 0;
    onLine(line);
  };

  const take = (text: string): void => {
    let start = 0;
    for (let nl = text.indexOf("\n"); nl !== -1; nl = text.indexOf("\n", start)) {
      append(text.slice(start, nl));
      emit();
      start = nl + 1;
    }
    append(text.slice(start));
  };

  return {
    push(chunk) {
      validate(chunk);
      take(decoder.decode(chunk, { stream: true }));
    },
    end() {
      validate(undefined);
      take(decoder.decode());
      if (keptBytes > 0 || droppedBytes > 0) emit();
    },
    get invalidUtf8() {
      return invalidUtf8;
    },
    get truncatedLines() {
      return truncatedLines;
    },
  };
}

function byteLength(text: string): number {
  return Buffer.byteLength(text, "utf8");
}

/** The longest prefix of `text` that fits in `maxBytes`, never splitting a character. */
function cutToBytes(text: string, maxBytes: number): string {
  if (maxBytes <= 0) return "";
  const bytes = encoder.encode(text);
  let end = Math.min(maxBytes, bytes.length);
  // Step back over continuation bytes (10xxxxxx) to land on a character start.
  while (end > 0 && end < bytes.length && ((bytes[end] ?? 0) & 0xc0) === 0x80) end -= 1;
  return new TextDecoder("utf-8").decode(bytes.subarray(0, end));
}
