/**
 * A small `text/event-stream` parser following the WHATWG "event stream interpretation" rules:
 * LF, CRLF or CR line ends (a CRLF may be split across chunks), `:` comments, `data` lines
 * joined with "\n", `event` and `id` fields, one optional space after the colon.
 */
export interface SseEvent {
  /** The `event:` field, "message" when absent. */
  readonly event: string;
  readonly data: string;
  /** The last `id:` seen on this stream (ids persist across events), "" if none. */
  readonly id: string;
}

export interface SseParser {
  /** Feeds decoded text; complete events are dispatched synchronously. */
  push(text: string): void;
}

const LF = 10;
const CR = 13;

export function createSseParser(
  onEvent: (event: SseEvent) => void,
  onComment?: (comment: string) => void,
): SseParser {
  let buffer = "";
  let afterCR = false;
  let first = true;
  let data: string[] = [];
  let hasData = false;
  let type = "";
  let lastId = "";

  const dispatch = () => {
    if (hasData) onEvent({ event: type || "message", data: data.join("\n"), id: lastId });
    data = [];
    hasData = false;
    type = "";
  };

  const line = (text: string) => {
    if (text === "") return dispatch();
    const colon = text.indexOf(":");
    if (colon === 0) return onComment?.(text.slice(1).trimStart());
    const field = colon === -1 ? text : text.slice(0, colon);
    let value = colon === -1 ? "" : text.slice(colon + 1);
    if (value.charCodeAt(0) === 32) value = value.slice(1);
    if (field === "data") {
      data.push(value);
      hasData = true;
    } else if (field === "event") {
      type = value;
    } else if (field === "id" && !value.includes("\0")) {
      lastId = value;
    }
    // `retry` and unknown fields are ignored: reconnection timing is the client's own.
  };

  return {
    push(chunk) {
      if (chunk === "") return;
      let text = buffer + chunk;
      if (first) {
        first = false;
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      }
      let start = 0;
      if (afterCR) {
        afterCR = false;
        if (text.charCodeAt(0) === LF) start = 1;
      }
      // The buffered part holds no line end, so searching can resume after it.
      let i = Math.max(start, buffer.length);
      const n = text.length;
      for (; i < n; i++) {
        const c = text.charCodeAt(i);
        if (c !== LF && c !== CR) continue;
        line(text.slice(start, i));
        if (c === CR) {
          if (i + 1 === n) afterCR = true;
          else if (text.charCodeAt(i + 1) === LF) i++;
        }
        start = i + 1;
      }
      buffer = text.slice(start);
    },
  };
}

/**
 * Reads a response body to its end, decoding UTF-8 across chunk boundaries. `onBytes` is called
 * for every chunk (comments included), so a caller can tell a live but quiet stream from a dead
 * one. Rejects when the body errors or is aborted. An event not ended by a blank line is dropped.
 */
export async function readSse(
  body: ReadableStream<Uint8Array>,
  onEvent: (event: SseEvent) => void,
  onBytes?: () => void,
): Promise<void> {
  const parser = createSseParser(onEvent);
  const decoder = new TextDecoder();
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      onBytes?.();
      parser.push(decoder.decode(value, { stream: true }));
    }
    parser.push(decoder.decode());
  } catch (error) {
    // Stops the body (and its socket) when a listener threw; a no-op when the read failed.
    reader.cancel(error).catch(() => {});
    throw error;
  }
}
