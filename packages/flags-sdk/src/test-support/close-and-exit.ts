/**
 * Run as a child process by flag-sync.test.ts: a client that streams, evaluates, polls on
 * failure and reports metrics, then closes. The process must then exit on its own; anything
 * left open (a timer, a socket, a stream) would keep it alive.
 */
import { createFlagsClient } from "../flags-client.js";

const [url, sdkKey] = process.argv.slice(2);
const client = createFlagsClient({
  url: url as string,
  sdkKey,
  metricsIntervalMs: 60_000,
  pollIntervalMs: 60_000,
  appName: "close-and-exit",
});
await client.ready({ timeoutMs: 5000 });
const on = client.isEnabled("new-checkout", { userId: "u1" });
await client.close();
console.log("closed", client.version, on);
