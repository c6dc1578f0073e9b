/**
 * A loopback Weeknight for SDK tests: the three SDK endpoints over real HTTP on 127.0.0.1, with a
 * mutable flag set, ETag/304, an SSE stream with keep-alives, metrics capture, and stop/start on
 * the same port (a server restart as clients see it).
 */
import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { FlagSet } from "../flag-types.js";

export interface SeenRequest {
  method: string;
  path: string;
  status: number;
  ifNoneMatch: string | undefined;
}

export interface FlagTestServer {
  readonly url: string;
  readonly port: number;
  /** Every request answered, in order. */
  readonly requests: SeenRequest[];
  /** Accepted metrics bodies (the 202s). */
  readonly metrics: unknown[];
  /** Streams open right now. */
  readonly openStreams: number;
  /** Serves `set` from now on and pushes it to every open stream. */
  setFlags(set: FlagSet): void;
  /** Serves this text as the flag set, valid or not (pushed as multi-line `data:` if needed). */
  setRawFlags(text: string): void;
  /** The next `count` metrics requests answer 503. */
  failMetrics(count: number): void;
  /** While false, the stream endpoint answers 503 (polling still works). */
  setStreamAvailable(available: boolean): void;
  /** Resolves when a request matching `path` (and `status`, if given) has been answered. */
  waitForRequest(path: string, status?: number): Promise<SeenRequest>;
  /** Closes the listener and every connection, like a process exit. */
  stop(): Promise<void>;
  /** Listens again on the same port. */
  start(): Promise<void>;
}

export interface FlagTestServerOptions {
  sdkKey: string;
  flags: FlagSet;
  /** Default 15000, as Weeknight. */
  keepAliveMs?: number;
}

const etagOf = (body: string) => `"${createHash("sha1").update(body).digest("hex").slice(0, 16)}"`;

export async function startFlagTestServer(options: FlagTestServerOptions): Promise<FlagTestServer> {
  let body = JSON.stringify(options.flags);
  let etag = etagOf(body);
  let metricsFailures = 0;
  let streamAvailable = true;
  const streams = new Set<ServerResponse>();
  const requests: SeenRequest[] = [];
  const metrics: unknown[] = [];
  const waiters = new Set<(seen: SeenRequest) => void>();

  const event = () => `id: ${etag}\nevent: flags\n${body.replace(/^/gm, "data: ")}\n\n`;

  const answer = (res: ServerResponse, status: number, text?: string) => {
    res.statusCode = status;
    res.end(text);
  };
  const log = (req: IncomingMessage, status: number) => {
    const seen: SeenRequest = {
      method: req.method ?? "",
      path: req.url ?? "",
      status,
      ifNoneMatch: req.headers["if-none-match"],
    };
    requests.push(seen);
    for (const waiter of [...waiters]) waiter(seen);
  };

  const server = createServer((req, res) => {
    const path = req.url ?? "";
    if (req.headers.authorization !== `Bearer ${options.sdkKey}`) {
      log(req, 401);
      res.setHeader("content-type", "application/json");
      const error = { code: "SDK_KEY_UNKNOWN", message: "unknown or revoked SDK key" };
      return answer(res, 401, JSON.stringify(error));
    }
    if (req.method === "GET" && path === "/api/v1/sdk/flags") {
      const fresh = req.headers["if-none-match"] === etag;
      log(req, fresh ? 304 : 200);
      res.setHeader("etag", etag);
      if (fresh) return answer(res, 304);
      res.setHeader("content-type", "application/json");
      return answer(res, 200, body);
    }
    if (req.method === "GET" && path === "/api/v1/sdk/flags/stream") {
      log(req, streamAvailable ? 200 : 503);
      if (!streamAvailable) return answer(res, 503, "stream unavailable");
      res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
      res.write(event());
      streams.add(res);
      const keepAlive = setInterval(
        () => res.write(": keep-alive\n\n"),
        options.keepAliveMs ?? 15_000,
      );
      res.on("close", () => {
        clearInterval(keepAlive);
        streams.delete(res);
      });
      return;
    }
    if (req.method === "POST" && path === "/api/v1/sdk/metrics") {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        const failing = metricsFailures > 0;
        if (failing) metricsFailures--;
        else metrics.push(JSON.parse(Buffer.concat(chunks).toString("utf8")));
        log(req, failing ? 503 : 202);
        answer(res, failing ? 503 : 202);
      });
      return;
    }
    log(req, 404);
    answer(res, 404);
  });

  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => {
        server.off("error", reject);
        resolve((server.address() as AddressInfo).port);
      });
    });
  const port = await listen(0);

  const publish = (text: string) => {
    body = text;
    etag = etagOf(body);
    for (const res of streams) res.write(event());
  };

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    metrics,
    get openStreams() {
      return streams.size;
    },
    setFlags: (set) => publish(JSON.stringify(set)),
    setRawFlags: publish,
    failMetrics(count) {
      metricsFailures = count;
    },
    setStreamAvailable(available) {
      streamAvailable = available;
    },
    waitForRequest(path, status) {
      return new Promise((resolve) => {
        const waiter = (seen: SeenRequest) => {
          if (seen.path !== path || (status !== undefined && seen.status !== status)) return;
          waiters.delete(waiter);
          resolve(seen);
        };
        waiters.add(waiter);
      });
    },
    async stop() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
    async start() {
      await listen(port);
    },
  };
}
