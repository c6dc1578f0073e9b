import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { nanosecondsToMs, PushRejectedError, parseLokiPush } from "./loki-push.js";

const JSON_TYPE = { contentType: "application/json" };

function body(value: unknown): Buffer {
  return Buffer.from(JSON.stringify(value));
}

async function rejection(promise: Promise<unknown>): Promise<PushRejectedError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PushRejectedError);
  return error as PushRejectedError;
}

const PUSH = {
  streams: [
    {
      stream: { app: "checkout", env: "production" },
      values: [
        ["1700000000123456789", "ERROR boom"],
        ["1700000000999999999", "ok", { trace_id: "abc" }],
      ],
    },
    { stream: { app: "cart" }, values: [] },
  ],
};

describe("parseLokiPush", () => {
  it("reads streams, labels and lines with exact millisecond timestamps", async () => {
    const streams = await parseLokiPush(body(PUSH), JSON_TYPE);
    expect(streams).toEqual([
      {
        labels: { app: "checkout", env: "production" },
        lines: [
          { at: 1700000000123, text: "ERROR boom" },
          { at: 1700000000999, text: "ok" },
        ],
      },
      { labels: { app: "cart" }, lines: [] },
    ]);
  });

  it("converts nanosecond strings without float rounding", () => {
    expect(nanosecondsToMs("1700000000123456789")).toBe(1700000000123);
    expect(nanosecondsToMs("1700000000999999999")).toBe(1700000000999);
    expect(nanosecondsToMs("999999")).toBe(0);
    // Through a float, the last digits would round up to ...124.
    expect(Math.round(Number("1700000000123999999") / 1e6)).toBe(1700000000124);
    expect(nanosecondsToMs("1700000000123999999")).toBe(1700000000123);
  });

  it("decompresses gzip bodies", async () => {
    const streams = await parseLokiPush(gzipSync(body(PUSH)), {
      ...JSON_TYPE,
      contentEncoding: "gzip",
    });
    expect(streams[0]?.lines).toHaveLength(2);
  });

  it("refuses a gzip bomb once it unpacks past the limit", async () => {
    const bomb = gzipSync(Buffer.alloc(50 * 1024 * 1024, 32));
    expect(bomb.length).toBeLessThan(100 * 1024);
    const error = await rejection(parseLokiPush(bomb, { ...JSON_TYPE, contentEncoding: "gzip" }));
    expect(error.problem).toBe("too-large");
    expect(error.message).toMatch(/larger than 10 MiB once decompressed/);
  });

  it("refuses protobuf and unknown encodings with a hint", async () => {
    const proto = await rejection(
      parseLokiPush(Buffer.from([1, 2]), { contentType: "application/x-protobuf" }),
    );
    expect(proto.problem).toBe("unsupported");
    expect(proto.message).toMatch(/JSON push format only.*-client.push-format=json/);
    const br = await rejection(parseLokiPush(body(PUSH), { ...JSON_TYPE, contentEncoding: "br" }));
    expect(br.problem).toBe("unsupported");
  });

  it.each([
    ["{not json", /not valid JSON/],
    [JSON.stringify([]), /"streams" array/],
    [JSON.stringify({ streams: {} }), /"streams" array/],
    [JSON.stringify({ streams: [3] }), /streams\[0\] must be an object/],
    [
      JSON.stringify({ streams: [{ stream: { app: 1 }, values: [] }] }),
      /streams\[0\]\.stream\.app must be a string/,
    ],
    [
      JSON.stringify({ streams: [{ stream: {}, values: "x" }] }),
      /streams\[0\]\.values must be an array/,
    ],
    [
      JSON.stringify({
        streams: [
          {
            stream: {},
            values: [
              ["1", "a"],
              ["x", "b"],
            ],
          },
        ],
      }),
      /values\[1\]\[0\] must be a timestamp in nanoseconds/,
    ],
    [
      JSON.stringify({ streams: [{ stream: {}, values: [[1700000000000000000, "a"]] }] }),
      /must be a timestamp in nanoseconds .* as a string/,
    ],
    [JSON.stringify({ streams: [{ stream: {}, values: [["-1", "a"]] }] }), /timestamp/],
    [JSON.stringify({ streams: [{ stream: {}, values: [["1".repeat(20), "a"]] }] }), /timestamp/],
    [
      JSON.stringify({ streams: [{ stream: {}, values: [["1", 2]] }] }),
      /values\[0\]\[1\] must be the log line as a string/,
    ],
    [
      JSON.stringify({ streams: [{ stream: {}, values: [["1"]] }] }),
      /values\[0\] must be \["<unix ns>", "line"\]/,
    ],
  ])("refuses %s", async (text, message) => {
    const error = await rejection(parseLokiPush(Buffer.from(text), JSON_TYPE));
    expect(error.problem).toBe("invalid");
    expect(error.message).toMatch(message);
  });

  it("refuses a corrupt gzip body as invalid", async () => {
    const error = await rejection(
      parseLokiPush(Buffer.from("not gzip"), { ...JSON_TYPE, contentEncoding: "gzip" }),
    );
    expect(error.problem).toBe("invalid");
  });
});
