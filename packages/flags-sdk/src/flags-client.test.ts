import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createFlagsClient } from "./flags-client.js";
import type { FlagsClientError } from "./flags-client-errors.js";
import {
  flag,
  flagSet,
  type Harness,
  next,
  nextError,
  SDK_KEY,
  startHarness,
} from "./test-support/client-harness.js";

const v1 = flagSet(
  "1",
  flag("new-checkout"),
  flag("killed", { enabled: false }),
  flag("colors", {
    variants: [{ name: "blue", weight: 1, payload: { type: "string", value: "#00f" } }],
  }),
);
const v2 = flagSet("2", flag("new-checkout", { enabled: false }), flag("brand-new"));

let h: Harness;
beforeEach(async () => {
  h = await startHarness(v1);
});
afterEach(() => h.cleanup());

describe("fetching the flags", () => {
  it("evaluates all-off until the first answer, then ready, from the server's flags", async () => {
    const client = h.client();
    expect(client.isReady).toBe(false);
    expect(client.isEnabled("new-checkout", { userId: "u1" })).toBe(false);
    expect(client.version).toBe("");
    await client.ready();
    expect(client.isEnabled("new-checkout", { userId: "u1" })).toBe(true);
    expect(client.isEnabled("killed", { userId: "u1" })).toBe(false);
    expect(client.getVariant("colors", { userId: "u1" })).toMatchObject({
      name: "blue",
      payload: { type: "string", value: "#00f" },
    });
    expect(client.version).toBe("1");
    expect(client.flag("killed")?.enabled).toBe(false);
    expect(client.flag("nope")).toBeUndefined();
    expect(h.server.requests[0]).toMatchObject({ path: "/api/v1/sdk/flags/stream", status: 200 });
  });

  it("calls a ready listener registered after ready, asynchronously, once", async () => {
    const client = h.client();
    await client.ready();
    let calls = 0;
    client.on("ready", () => calls++);
    expect(calls).toBe(0);
    await Promise.resolve();
    expect(calls).toBe(1);
    await client.ready(); // still resolves
    expect(calls).toBe(1);
  });

  it("an unsubscribed late ready listener is not called", async () => {
    const client = h.client();
    await client.ready();
    let calls = 0;
    client.on("ready", () => calls++)();
    await Promise.resolve();
    expect(calls).toBe(0);
  });

  it("emits changed with the new version when the server pushes new flags", async () => {
    const client = h.client();
    await client.ready();
    const changed = next(client, "changed");
    h.server.setFlags(v2);
    expect(await changed).toEqual({ version: "2", previousVersion: "1" });
    expect(client.isEnabled("new-checkout", {})).toBe(false);
    expect(client.isEnabled("brand-new", {})).toBe(true);
  });

  it("listeners that throw are reported as errors and break nothing", async () => {
    const client = h.client();
    const seen: string[] = [];
    client.on("ready", () => {
      throw new Error("boom in ready");
    });
    client.on("changed", () => {
      throw new Error("boom in changed");
    });
    client.on("changed", ({ version }) => seen.push(version));
    client.on("error", () => {
      throw new Error("an error listener that throws is ignored");
    });
    const failures: FlagsClientError[] = [];
    client.on("error", (e) => failures.push(e));
    await client.ready();
    const changed = next(client, "changed");
    h.server.setFlags(v2);
    await changed;
    expect(seen).toEqual(["2"]);
    expect(failures.map((e) => [e.code, e.message])).toEqual([
      ["LISTENER_FAILED", 'a "ready" listener threw: Error: boom in ready'],
      ["LISTENER_FAILED", 'a "changed" listener threw: Error: boom in changed'],
    ]);
  });
});

describe("bad input never replaces good flags", () => {
  it("a malformed payload is refused with an error; the previous flags stay in force", async () => {
    const client = h.client();
    await client.ready();
    let error = nextError(client, "MALFORMED_FLAGS");
    h.server.setRawFlags('{"version": "9", "flags": "everything on"}');
    expect((await error).message).toMatch(
      /stream sent an invalid flag set: "flags" must be an array, got string "everything on"\. Keeping version 1\./,
    );
    error = nextError(client, "MALFORMED_FLAGS");
    h.server.setRawFlags("<html>\n<body>502 Bad Gateway</body>\n</html>");
    expect((await error).message).toMatch(/not JSON/);
    expect(client.version).toBe("1");
    expect(client.isEnabled("new-checkout", {})).toBe(true);
    const changed = next(client, "changed");
    h.server.setFlags(v2);
    expect(await changed).toEqual({ version: "2", previousVersion: "1" });
  });

  it("exposes compileFlags problems of the flags in force", async () => {
    const broken = flagSet("3", flag("typo", { rules: [] }));
    broken.segments = [
      { name: "s", constraints: [{ contextName: "x", operator: "LIKE" as never, values: [] }] },
    ];
    h.server.setFlags(broken);
    const client = h.client();
    await client.ready();
    expect(client.problems).toEqual(['segment s constraint 1: unknown operator "LIKE"']);
  });

  it("a rejected SDK key is an UNAUTHORIZED error, emitted once while it keeps retrying", async () => {
    const client = h.client({ sdkKey: "wk_sdk_revoked" });
    const errors: FlagsClientError[] = [];
    client.on("error", (e) => errors.push(e));
    const timeout = client.ready({ timeoutMs: 150 });
    await expect(timeout).rejects.toMatchObject({ code: "READY_TIMEOUT" });
    await expect(timeout).rejects.toThrow(/The last failure: GET .* was refused with 401/);
    expect(h.server.requests.filter((r) => r.status === 401).length).toBeGreaterThan(3);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: "UNAUTHORIZED", status: 401 });
    expect(errors[0]?.message).toMatch(
      /refused with 401 \(SDK_KEY_UNKNOWN: unknown or revoked SDK key\)\. The SDK key is unknown or revoked/,
    );
    expect(client.isEnabled("new-checkout", {})).toBe(false);
  });

  it("errors go to `warn` when nobody listens", async () => {
    const warnings: string[] = [];
    const client = h.client({ sdkKey: "wk_sdk_revoked", warn: (m) => warnings.push(m) });
    await h.server.waitForRequest("/api/v1/sdk/flags", 401);
    await client.close();
    expect(warnings[0]).toMatch(/^weeknight flags: GET .* was refused with 401/);
  });

  it("missing configuration throws, naming the option", () => {
    expect(() => createFlagsClient({ url: h.server.url, sdkKey: undefined })).toThrow(
      /"sdkKey" is missing/,
    );
    expect(() => createFlagsClient({ url: "weeknight.example.com", sdkKey: SDK_KEY })).toThrow(
      /"url" must be Weeknight's http\(s\) base URL/,
    );
    expect(() =>
      createFlagsClient({ url: h.server.url, sdkKey: SDK_KEY, pollIntervalMs: -1 }),
    ).toThrow(/"pollIntervalMs" must be a number of milliseconds/);
  });
});

describe("bootstrap", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "weeknight-flags-"));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it("an inline flag set is in force synchronously, before anything is fetched", async () => {
    await h.server.stop();
    const client = h.client({ bootstrap: flagSet("0", flag("offline-only")) });
    expect(client.isEnabled("offline-only", {})).toBe(true);
    expect(client.isReady).toBe(true);
    await client.ready();
  });

  it("starts offline from a file, then takes the server's flags when it is reachable", async () => {
    await h.server.stop();
    const file = join(dir, "flags.json");
    await writeFile(
      file,
      `${JSON.stringify(flagSet("0", flag("new-checkout", { enabled: false })))}\n`,
    );
    const client = h.client({ bootstrap: { file } });
    await client.ready();
    expect(client.version).toBe("0");
    expect(client.isEnabled("new-checkout", {})).toBe(false);
    const changed = next(client, "changed");
    await h.server.start();
    expect(await changed).toEqual({ version: "1", previousVersion: "0" });
    expect(client.isEnabled("new-checkout", {})).toBe(true);
  });

  it("a file saved from the server is recognised: no change event when the server agrees", async () => {
    await h.server.stop();
    const file = join(dir, "flags.json");
    await writeFile(file, JSON.stringify(v1));
    const client = h.client({ bootstrap: { file } });
    let changes = 0;
    client.on("changed", () => changes++);
    await client.ready();
    expect(client.version).toBe("1");
    const streamed = h.server.waitForRequest("/api/v1/sdk/flags/stream", 200);
    await h.server.start();
    await streamed;
    const later = next(client, "changed");
    h.server.setFlags(v2);
    await later;
    expect(changes).toBe(1);
  });

  it("a missing or malformed file is a BOOTSTRAP_FAILED error, and the server still serves", async () => {
    const missing = h.client({ bootstrap: { file: join(dir, "nope.json") } });
    const error = await nextError(missing, "BOOTSTRAP_FAILED");
    expect(error.message).toMatch(/cannot read the bootstrap file .*nope\.json: ENOENT/);
    await missing.ready();
    expect(missing.version).toBe("1");

    await h.server.stop();
    const file = join(dir, "bad.json");
    await writeFile(file, '{"version": 1, "flags": {}}');
    const malformed = h.client({ bootstrap: { file } });
    expect((await nextError(malformed, "BOOTSTRAP_FAILED")).message).toMatch(
      /bad\.json is not a flag set: "flags" must be an array, got an object/,
    );
    expect(malformed.isReady).toBe(false);
  });
});
