import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FLAGS_PATH, STREAM_PATH } from "./flag-sync.js";
import type { FlagsClientError } from "./flags-client-errors.js";
import {
  eventually,
  flag,
  flagSet,
  type Harness,
  next,
  nextError,
  SDK_KEY,
  startHarness,
} from "./test-support/client-harness.js";

const v1 = flagSet("1", flag("new-checkout"));
const v2 = flagSet("2", flag("new-checkout", { enabled: false }));
const v3 = flagSet("3", flag("new-checkout"), flag("dark-mode"));

let h: Harness;
beforeEach(async () => {
  h = await startHarness(v1);
});
afterEach(() => h.cleanup());

const count = (path: string) => h.server.requests.filter((r) => r.path === path).length;

describe("streaming", () => {
  it("reconnects by itself after a server restart on the same port", async () => {
    const client = h.client();
    await client.ready();
    const down = nextError(client, "NETWORK");
    await h.server.stop();
    expect((await down).message).toMatch(/ECONNREFUSED|terminated|other side closed/);
    h.server.setFlags(v2); // changed while the client could not see it
    const changed = next(client, "changed");
    const reconnected = h.server.waitForRequest(STREAM_PATH, 200);
    await h.server.start();
    expect(await changed).toEqual({ version: "2", previousVersion: "1" });
    await reconnected;
    await eventually(() => h.server.openStreams === 1, "the stream to be open again");
    const pushed = next(client, "changed");
    h.server.setFlags(v3);
    expect(await pushed).toEqual({ version: "3", previousVersion: "2" });
  });

  it("polls with If-None-Match while the stream is unavailable, and stops once it is back", async () => {
    h.server.setStreamAvailable(false);
    const client = h.client();
    const errors: FlagsClientError[] = [];
    client.on("error", (e) => errors.push(e));
    await client.ready();
    expect(h.server.requests[0]).toMatchObject({ path: STREAM_PATH, status: 503 });
    expect(h.server.requests.map((r) => `${r.path} ${r.status}`)).toContain(`${FLAGS_PATH} 200`);
    const streamed = h.server.requests.filter((r) => r.path === STREAM_PATH);
    expect(streamed.every((r) => r.status === 503)).toBe(true);
    await h.server.waitForRequest(FLAGS_PATH, 304);
    const changed = next(client, "changed");
    h.server.setFlags(v2);
    expect(await changed).toMatchObject({ version: "2" });
    // Every stream attempt failed the same way, but that is one failure: one error.
    await eventually(
      () => h.server.requests.filter((r) => r.status === 503).length >= 4,
      "several stream attempts",
    );
    expect(errors.map((e) => [e.code, e.status])).toEqual([["HTTP_ERROR", 503]]);

    h.server.setStreamAvailable(true);
    await h.server.waitForRequest(STREAM_PATH, 200);
    const pushed = next(client, "changed");
    h.server.setFlags(v3);
    expect(await pushed).toMatchObject({ version: "3" });
    const polls = count(FLAGS_PATH);
    // Proving an absence takes time: five poll intervals, with at most the one poll that may
    // have been on its way when the stream came back (still polling would make five).
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(count(FLAGS_PATH) - polls).toBeLessThanOrEqual(1);
  });

  it("reopens a stream that goes silent (no keep-alive) and reports it once", async () => {
    await h.cleanup();
    h = await startHarness(v1, { keepAliveMs: 60_000 });
    const client = h.client({ streamIdleTimeoutMs: 60 });
    await client.ready();
    const idle = await nextError(client, "STREAM_IDLE");
    expect(idle.message).toMatch(/sent nothing for 60 ms; reconnecting/);
    await eventually(() => count(STREAM_PATH) >= 3, "the stream to be reopened");
  });

  it("keep-alive comments keep a quiet stream open", async () => {
    await h.cleanup();
    h = await startHarness(v1, { keepAliveMs: 10 });
    const client = h.client({ streamIdleTimeoutMs: 60 });
    const errors: FlagsClientError[] = [];
    client.on("error", (e) => errors.push(e));
    await client.ready();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(errors).toEqual([]);
    expect(count(STREAM_PATH)).toBe(1);
  });
});

describe("polling", () => {
  it("asks with If-None-Match, takes 304 as unchanged, and never opens a stream", async () => {
    const client = h.client({ refresh: "poll" });
    let changes = 0;
    client.on("changed", () => changes++);
    await client.ready();
    const first = h.server.requests[0];
    const notModified = await h.server.waitForRequest(FLAGS_PATH, 304);
    expect(first).toMatchObject({ path: FLAGS_PATH, status: 200, ifNoneMatch: undefined });
    expect(notModified.ifNoneMatch).toMatch(/^"[0-9a-f]{16}"$/);
    expect(changes).toBe(0);
    const changed = next(client, "changed");
    h.server.setFlags(v2);
    expect(await changed).toEqual({ version: "2", previousVersion: "1" });
    expect(count(STREAM_PATH)).toBe(0);
  });

  it("retries a failing server sooner than the poll interval, and recovers", async () => {
    await h.server.stop();
    const client = h.client({ refresh: "poll", pollIntervalMs: 60_000 });
    await nextError(client, "NETWORK");
    await h.server.start();
    await client.ready({ timeoutMs: 2000 });
    expect(client.version).toBe("1");
  });
});

describe("close()", () => {
  it("stops the stream and polling, rejects a pending ready(), and can be called twice", async () => {
    h.server.setStreamAvailable(false);
    const client = h.client({ sdkKey: "wk_sdk_revoked" });
    const pending = client.ready();
    await h.server.waitForRequest(FLAGS_PATH, 401);
    await client.close();
    await expect(pending).rejects.toMatchObject({ code: "CLOSED" });
    await expect(client.ready()).rejects.toMatchObject({ code: "CLOSED" });
    await client.close();

    h.server.setStreamAvailable(true);
    const streaming = h.client();
    await streaming.ready();
    expect(h.server.openStreams).toBe(1);
    await streaming.close();
    await eventually(() => h.server.openStreams === 0, "the stream to be closed");
    const seen = h.server.requests.length;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(h.server.requests.length).toBe(seen);
    expect(streaming.isEnabled("new-checkout", {})).toBe(true); // the last flags stay usable
  });

  it("leaves nothing behind: a process that closes its client exits by itself", async () => {
    const script = fileURLToPath(new URL("./test-support/close-and-exit.ts", import.meta.url));
    const child = spawn(process.execPath, ["--import", "tsx", script, h.server.url, SDK_KEY], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk) => {
      output += chunk;
    });
    child.stderr.on("data", (chunk) => {
      output += chunk;
    });
    // Loading tsx takes a moment; a leaked timer or socket would keep the child alive for good.
    const kill = setTimeout(() => child.kill(), 5000);
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    clearTimeout(kill);
    expect(output.trim()).toBe("closed 1 true");
    expect(code).toBe(0);
    expect(h.server.metrics).toHaveLength(1);
  }, 15_000);
});
