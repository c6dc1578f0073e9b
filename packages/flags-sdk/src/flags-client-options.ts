import { hostname } from "node:os";
import type { FlagBootstrap, ReadTextFile } from "./flag-bootstrap.js";

export interface FlagsClientOptions {
  /** Weeknight's base URL, e.g. `https://weeknight.example.com`. */
  url: string;
  /** The SDK key of one project and environment (a bearer token). */
  sdkKey: string | undefined;
  /** Shown with evaluation counts in Weeknight. Default "default". */
  appName?: string;
  /** Tells instances of the app apart. Default `<hostname>:<pid>`. */
  instanceId?: string;
  /** "stream" (default) holds an event stream open; "poll" asks every `pollIntervalMs`. */
  refresh?: "stream" | "poll";
  /** Polling interval, also used while the stream is down. Default 15000. */
  pollIntervalMs?: number;
  /** How often evaluation counts are sent; 0 turns counting off. Default 60000. */
  metricsIntervalMs?: number;
  /** Flags to use until the server answers: a FlagSet, or `{ file }` holding its JSON. */
  bootstrap?: FlagBootstrap;
  /** Stream reconnection backoff. Default 500 ms doubling up to 30000 ms. */
  reconnect?: { initialMs?: number; maxMs?: number };
  /** A stream that sends nothing (keep-alives come every 15 s) for this long is reopened. Default 45000. */
  streamIdleTimeoutMs?: number;
  /** Where errors go when no `error` listener is registered. Default `console.warn`. */
  warn?: (message: string) => void;
  fetch?: typeof fetch;
  /** Epoch ms: metrics windows and DATE_ constraints. Default `Date.now`. */
  now?: () => number;
  /** In [0, 1): backoff jitter and random stickiness. Default `Math.random`. */
  random?: () => number;
  readFile?: ReadTextFile;
}

export interface ResolvedOptions {
  url: string;
  sdkKey: string;
  appName: string;
  instanceId: string;
  refresh: "stream" | "poll";
  pollIntervalMs: number;
  metricsIntervalMs: number;
  bootstrap: FlagBootstrap | undefined;
  reconnect: { initialMs: number; maxMs: number };
  streamIdleTimeoutMs: number;
  warn: (message: string) => void;
  fetch: typeof fetch;
  now: () => number;
  random: () => number;
  readFile: ReadTextFile | undefined;
}

const fail = (message: string): never => {
  throw new TypeError(`createFlagsClient: ${message}`);
};

function duration(name: string, value: number | undefined, fallback: number, min: number) {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isFinite(value) || value < min) {
    fail(`"${name}" must be a number of milliseconds ≥ ${min}, got ${JSON.stringify(value)}.`);
  }
  return value;
}

/** Defaults filled in; a missing or invalid option throws a TypeError naming it. */
export function resolveOptions(options: FlagsClientOptions): ResolvedOptions {
  const { url, sdkKey } = options ?? ({} as FlagsClientOptions);
  if (typeof url !== "string" || !/^https?:\/\/[^/]/.test(url)) {
    fail(`"url" must be Weeknight's http(s) base URL, got ${JSON.stringify(url)}.`);
  }
  if (typeof sdkKey !== "string" || sdkKey.trim() === "") {
    fail(
      `"sdkKey" is missing. Create an SDK key for this project and environment in Weeknight ` +
        "and pass it, e.g. `sdkKey: process.env.WEEKNIGHT_SDK_KEY`.",
    );
  }
  const refresh = options.refresh ?? "stream";
  if (refresh !== "stream" && refresh !== "poll") {
    fail(`"refresh" must be "stream" or "poll", got ${JSON.stringify(refresh)}.`);
  }
  const initialMs = duration("reconnect.initialMs", options.reconnect?.initialMs, 500, 1);
  return {
    url: url.replace(/\/+$/, ""),
    sdkKey: (sdkKey as string).trim(),
    appName: options.appName ?? "default",
    instanceId: options.instanceId ?? `${hostname()}:${process.pid}`,
    refresh,
    pollIntervalMs: duration("pollIntervalMs", options.pollIntervalMs, 15_000, 1),
    metricsIntervalMs: duration("metricsIntervalMs", options.metricsIntervalMs, 60_000, 0),
    bootstrap: options.bootstrap ?? undefined,
    reconnect: {
      initialMs,
      maxMs: duration("reconnect.maxMs", options.reconnect?.maxMs, 30_000, initialMs),
    },
    streamIdleTimeoutMs: duration("streamIdleTimeoutMs", options.streamIdleTimeoutMs, 45_000, 1),
    warn: options.warn ?? ((message) => console.warn(message)),
    fetch: options.fetch ?? ((input, init) => fetch(input, init)),
    now: options.now ?? Date.now,
    random: options.random ?? Math.random,
    readFile: options.readFile,
  };
}
