/** Flag sets, a client with fast test timings, and event helpers for the client tests. */
import type { FlagsClientEvent, FlagsClientEvents } from "../client-events.js";
import type { Flag, FlagSet } from "../flag-types.js";
import { createFlagsClient, type FlagsClient } from "../flags-client.js";
import type { FlagsClientError } from "../flags-client-errors.js";
import type { FlagsClientOptions } from "../flags-client-options.js";
import { type FlagTestServer, startFlagTestServer } from "./flag-test-server.js";

export const SDK_KEY = "wk_sdk_test_key";

export const flag = (key: string, extra: Partial<Flag> = {}): Flag => ({
  key,
  type: "release",
  enabled: true,
  rules: [{ constraints: [], segments: [], rollout: 100, stickiness: "default" }],
  ...extra,
});

export const flagSet = (version: string, ...flags: Flag[]): FlagSet => ({
  version,
  flags,
  segments: [],
});

/** Resolves with the next emission of `event`. */
export function next<E extends FlagsClientEvent>(
  client: FlagsClient,
  event: E,
): Promise<Parameters<FlagsClientEvents[E]>[0]> {
  return new Promise((resolve) => {
    const off = client.on(event, ((arg: Parameters<FlagsClientEvents[E]>[0]) => {
      off();
      resolve(arg);
    }) as FlagsClientEvents[E]);
  });
}

/** Resolves with the next error having `code`; other errors are ignored. */
export function nextError(client: FlagsClient, code: string): Promise<FlagsClientError> {
  return new Promise((resolve) => {
    const off = client.on("error", (error) => {
      if (error.code !== code) return;
      off();
      resolve(error);
    });
  });
}

/** Polls `condition` every few ms; for state only observable by looking (sockets closing). */
export async function eventually(condition: () => boolean, what: string, timeoutMs = 3000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

export interface Harness {
  server: FlagTestServer;
  client(options?: Partial<FlagsClientOptions>): FlagsClient;
  /** Closes every client and the server. */
  cleanup(): Promise<void>;
}

/** A loopback server serving `flags`, and clients with millisecond timings pointed at it. */
export async function startHarness(
  flags: FlagSet,
  serverOptions: { keepAliveMs?: number } = {},
): Promise<Harness> {
  const server = await startFlagTestServer({ sdkKey: SDK_KEY, flags, ...serverOptions });
  const clients: FlagsClient[] = [];
  return {
    server,
    client(options = {}) {
      const client = createFlagsClient({
        url: server.url,
        sdkKey: SDK_KEY,
        pollIntervalMs: 30,
        metricsIntervalMs: 0,
        reconnect: { initialMs: 5, maxMs: 40 },
        warn: () => {},
        ...options,
      });
      clients.push(client);
      return client;
    },
    async cleanup() {
      await Promise.all(clients.map((c) => c.close()));
      await server.stop();
    },
  };
}
