import { setTimeout as delay } from "node:timers/promises";
import { FlagsClientError, networkError, responseError } from "./flags-client-errors.js";
import { readSse } from "./sse-reader.js";

export interface FlagSyncOptions {
  /** The Weeknight base URL, without a trailing slash. */
  url: string;
  sdkKey: string;
  fetch: typeof fetch;
  refresh: "stream" | "poll";
  pollIntervalMs: number;
  /** Stream reconnection backoff: doubles from `initialMs` up to `maxMs`, with jitter. */
  reconnect: { initialMs: number; maxMs: number };
  streamIdleTimeoutMs: number;
  random: () => number;
  /** A flag set body from the server; returns false when it was refused as malformed. */
  receive(text: string, from: string): boolean;
  failed(error: FlagsClientError, via: SyncChannel): void;
  succeeded(via: SyncChannel): void;
}

export type SyncChannel = "stream" | "poll";

export interface FlagSync {
  /** Aborts requests and timers; resolves when every loop has returned. */
  stop(): Promise<void>;
}

export const FLAGS_PATH = "/api/v1/sdk/flags";
export const STREAM_PATH = "/api/v1/sdk/flags/stream";

/** Resolves false instead of rejecting when aborted. */
const sleep = (ms: number, signal: AbortSignal) =>
  delay(ms, true, { signal }).catch(() => false as const);

/**
 * Keeps the flags current. "poll": GET the flags every `pollIntervalMs` with If-None-Match.
 * "stream": hold the SSE stream open; when it drops, reconnect with capped exponential backoff
 * and poll meanwhile, until the stream delivers flags again.
 */
export function startFlagSync(o: FlagSyncOptions): FlagSync {
  const life = new AbortController();
  const flagsUrl = `${o.url}${FLAGS_PATH}`;
  const streamUrl = `${o.url}${STREAM_PATH}`;
  const auth = { authorization: `Bearer ${o.sdkKey}` };
  const loops = new Set<Promise<void>>();
  let etag: string | undefined;
  let stream: AbortController | undefined;

  const run = (loop: () => Promise<void>) => {
    const p = loop().catch((error) => o.failed(networkError(error, "the flag sync"), "poll"));
    loops.add(p);
    p.finally(() => loops.delete(p));
  };
  const backoff = (attempt: number) => {
    const ms = Math.min(o.reconnect.maxMs, o.reconnect.initialMs * 2 ** Math.min(attempt, 30));
    return ms / 2 + (ms / 2) * o.random();
  };

  async function pollOnce(signal: AbortSignal): Promise<boolean> {
    const what = `GET ${flagsUrl}`;
    try {
      const headers = etag === undefined ? auth : { ...auth, "if-none-match": etag };
      const response = await o.fetch(flagsUrl, { headers, signal });
      if (response.status === 304) {
        await response.body?.cancel();
        o.succeeded("poll");
        return true;
      }
      if (!response.ok) {
        const error = await responseError(response, what);
        if (!signal.aborted) o.failed(error, "poll");
        return false;
      }
      const text = await response.text();
      // A poll overtaken by the stream must not put older flags back.
      if (signal.aborted || !o.receive(text, what)) return false;
      etag = response.headers.get("etag") ?? undefined;
      o.succeeded("poll");
      return true;
    } catch (error) {
      if (!signal.aborted) o.failed(networkError(error, what), "poll");
      return false;
    }
  }

  let poll: AbortController | undefined;
  const poller = {
    start() {
      if (poll !== undefined || life.signal.aborted) return;
      const controller = new AbortController();
      poll = controller;
      run(async () => {
        let failures = 0;
        while (!controller.signal.aborted) {
          const ok = await pollOnce(controller.signal);
          failures = ok ? 0 : failures + 1;
          const wait = ok ? o.pollIntervalMs : Math.min(o.pollIntervalMs, backoff(failures - 1));
          if (!(await sleep(wait, controller.signal))) return;
        }
      });
    },
    stop() {
      poll?.abort();
      poll = undefined;
    },
  };

  /** One stream connection; true when it delivered flags (a healthy connection). */
  async function streamOnce(): Promise<boolean> {
    const what = `GET ${streamUrl}`;
    const connection = new AbortController();
    stream = connection;
    let healthy = false;
    let idle: NodeJS.Timeout | undefined;
    let wentIdle = false;
    const watch = () => {
      clearTimeout(idle);
      idle = setTimeout(() => {
        wentIdle = true;
        connection.abort();
      }, o.streamIdleTimeoutMs);
    };
    try {
      watch();
      const headers = { ...auth, accept: "text/event-stream" };
      const response = await o.fetch(streamUrl, { headers, signal: connection.signal });
      const type = response.headers.get("content-type") ?? "";
      if (!response.ok || !response.body || !type.startsWith("text/event-stream")) {
        const error = response.ok
          ? new FlagsClientError(
              "HTTP_ERROR",
              `${what} answered with "${type}", not an event stream.`,
            )
          : await responseError(response, what);
        if (!response.bodyUsed) await response.body?.cancel();
        if (!life.signal.aborted) o.failed(error, "stream");
        return false;
      }
      await readSse(
        response.body,
        (event) => {
          if (event.event !== "flags" || !o.receive(event.data, what)) return;
          healthy = true;
          o.succeeded("stream");
          poller.stop();
        },
        watch,
      );
      return healthy; // The server ended the stream (a restart, say): reconnect quietly.
    } catch (error) {
      if (life.signal.aborted) return healthy;
      o.failed(
        wentIdle
          ? new FlagsClientError(
              "STREAM_IDLE",
              `${what} sent nothing for ${o.streamIdleTimeoutMs} ms; reconnecting.`,
            )
          : networkError(error, what),
        "stream",
      );
      return healthy;
    } finally {
      clearTimeout(idle);
      stream = undefined;
    }
  }

  if (o.refresh === "poll") {
    poller.start();
  } else {
    run(async () => {
      let attempt = 0;
      while (!life.signal.aborted) {
        if (await streamOnce()) attempt = 0;
        if (life.signal.aborted) return;
        poller.start();
        if (!(await sleep(backoff(attempt++), life.signal))) return;
      }
    });
  }

  return {
    async stop() {
      life.abort();
      stream?.abort();
      poller.stop();
      await Promise.allSettled([...loops]);
    },
  };
}
