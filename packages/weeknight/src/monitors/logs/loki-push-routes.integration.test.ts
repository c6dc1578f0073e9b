import { gzipSync } from "node:zlib";
import Fastify, { type FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SourceLine } from "./file-tail.js";
import { lokiPushRoute, pushSelectorMatches } from "./loki-push-routes.js";

const TOKEN = "push-token";

describe("POST /loki/api/v1/push over loopback", () => {
  let app: FastifyInstance;
  let url: string;
  const received: { labels: Record<string, string>; lines: SourceLine[] }[] = [];

  beforeAll(async () => {
    app = Fastify({ logger: false });
    lokiPushRoute({
      authenticate: async (request) => request.headers.authorization === `Bearer ${TOKEN}`,
      ingest: (labels, lines) => received.push({ labels, lines }),
      maxBytes: 1024 * 1024,
    })(app);
    url = `${await app.listen({ host: "127.0.0.1", port: 0 })}/loki/api/v1/push`;
  });
  afterAll(async () => {
    await app.close();
  });

  const push = {
    streams: [
      { stream: { app: "checkout", env: "prod" }, values: [["1700000000123456789", "ERROR boom"]] },
    ],
  };
  const send = (body: BodyInit, headers: Record<string, string> = {}) =>
    fetch(url, {
      method: "POST",
      headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json", ...headers },
      body,
    });

  it("accepts a plain JSON push with 204 and hands over the lines", async () => {
    received.length = 0;
    const response = await send(JSON.stringify(push));
    expect(response.status).toBe(204);
    expect(received).toEqual([
      {
        labels: { app: "checkout", env: "prod" },
        lines: [{ at: 1700000000123, text: "ERROR boom" }],
      },
    ]);
  });

  it("accepts a gzip push", async () => {
    received.length = 0;
    const response = await send(gzipSync(JSON.stringify(push)), { "content-encoding": "gzip" });
    expect(response.status).toBe(204);
    expect(received[0]?.lines[0]?.text).toBe("ERROR boom");
  });

  it("answers 401 without a valid token, before reading the body", async () => {
    const response = await fetch(url, { method: "POST", body: JSON.stringify(push) });
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(
      /Authorization: Bearer/,
    );
  });

  it("answers 400 with a message on bad input", async () => {
    const response = await send('{"streams":[{"stream":{},"values":[[1,"x"]]}]}');
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(
      /streams\[0\]\.values\[0\]\[0\] must be a timestamp/,
    );
  });

  it("answers 415 to protobuf pushes, saying to use JSON", async () => {
    const response = await send(Buffer.from([0x0a, 0x01]), {
      "content-type": "application/x-protobuf",
    });
    expect(response.status).toBe(415);
    expect(await response.text()).toMatch(/push-format=json/);
  });

  it("answers 413 to a gzip bomb", async () => {
    const bomb = gzipSync(Buffer.alloc(20 * 1024 * 1024, 32));
    const response = await send(bomb, { "content-encoding": "gzip" });
    expect(response.status).toBe(413);
  });
});

describe("pushSelectorMatches", () => {
  it("matches streams whose labels include the selector's", () => {
    expect(pushSelectorMatches({ app: "checkout" }, { app: "checkout", env: "prod" })).toBe(true);
    expect(pushSelectorMatches({ app: "checkout" }, { app: "cart" })).toBe(false);
    expect(pushSelectorMatches({ app: "checkout", env: "dev" }, { app: "checkout" })).toBe(false);
  });
});
