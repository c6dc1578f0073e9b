import { describe, expect, it } from "vitest";
import { createSseParser, readSse, type SseEvent } from "./sse-reader.js";

function parse(chunks: string[]): { events: SseEvent[]; comments: string[] } {
  const events: SseEvent[] = [];
  const comments: string[] = [];
  const parser = createSseParser(
    (e) => events.push(e),
    (c) => comments.push(c),
  );
  for (const chunk of chunks) parser.push(chunk);
  return { events, comments };
}

/** Every way of cutting `text` in two, plus one character at a time. */
function splits(text: string): string[][] {
  const cuts = Array.from({ length: text.length + 1 }, (_, i) => [text.slice(0, i), text.slice(i)]);
  return [...cuts, [...text]];
}

const stream =
  ": keep-alive\r\n\r\n" +
  'id: 7\r\nevent: flags\r\ndata: {"a":\r\ndata:  1}\r\n\r\n' +
  "data:no space\rdata\r\r" +
  "event: flags\nid: 8\ndata: last\n\n";

const expected: SseEvent[] = [
  { event: "flags", data: '{"a":\n 1}', id: "7" },
  { event: "message", data: "no space\n", id: "7" },
  { event: "flags", data: "last", id: "8" },
];

describe("the SSE parser", () => {
  it("reads ids, event types, multi-line data and comments with LF, CRLF and CR line ends", () => {
    const { events, comments } = parse([stream]);
    expect(events).toEqual(expected);
    expect(comments).toEqual(["keep-alive"]);
  });

  it("gives the same events however the stream is cut into chunks (CRLF split included)", () => {
    for (const chunks of splits(stream)) expect(parse(chunks).events).toEqual(expected);
  });

  it("ignores events without data, unknown fields and retry, and drops an unfinished event", () => {
    const { events } = parse([
      "event: flags\n\n",
      "retry: 10\nfoo: bar\ndata: x\n\n",
      "data: never finished\n",
    ]);
    expect(events).toEqual([{ event: "message", data: "x", id: "" }]);
  });

  it("strips a leading BOM and keeps ids containing NUL out", () => {
    const { events } = parse(["\uFEFFid: 1\ndata: a\n\nid: x\0y\ndata: b\n\n"]);
    expect(events.map((e) => e.id)).toEqual(["1", "1"]);
  });

  it("an empty data line is an event with empty data", () => {
    expect(parse(["data:\n\n"]).events).toEqual([{ event: "message", data: "", id: "" }]);
  });
});

describe("readSse", () => {
  it("decodes UTF-8 split inside a character and reports every chunk", async () => {
    const bytes = new TextEncoder().encode('event: flags\ndata: {"name":"東京🚀"}\n\n');
    const chunks = Array.from(bytes, (b) => new Uint8Array([b]));
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const chunk of chunks) controller.enqueue(chunk);
        controller.close();
      },
    });
    const events: SseEvent[] = [];
    let seen = 0;
    await readSse(
      body,
      (e) => events.push(e),
      () => seen++,
    );
    expect(events).toEqual([{ event: "flags", data: '{"name":"東京🚀"}', id: "" }]);
    expect(seen).toBe(chunks.length);
  });

  it("rejects when the body errors, after dispatching what was complete", async () => {
    let pulls = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulls++ === 0) controller.enqueue(new TextEncoder().encode("data: one\n\ndata: two"));
        else controller.error(new Error("socket hang up"));
      },
    });
    const events: SseEvent[] = [];
    await expect(readSse(body, (e) => events.push(e))).rejects.toThrow("socket hang up");
    expect(events.map((e) => e.data)).toEqual(["one"]);
  });
});
