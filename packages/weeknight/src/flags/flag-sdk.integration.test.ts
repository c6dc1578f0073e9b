import { createFlagsClient, type FlagsClient } from "@weeknight/flags-sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../test-support/test-databases.js";
import { namedEnvironmentsYml } from "../test-support/test-repo.js";
import { startTestServer, type TestServer } from "../test-support/test-server.js";

const FLAGS = "/projects/shop/flags";

/** Resolves at the next `changed` event after which `check` holds. */
function changedUntil(client: FlagsClient, check: () => boolean, timeoutMs = 20_000) {
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("the SDK never saw the change")), timeoutMs);
    const stop = client.on("changed", () => {
      if (!check()) return;
      clearTimeout(timer);
      stop();
      resolve();
    });
  });
}

/** Weeknight's own SDK against the whole server: streamed changes, a restart, counts. */
describe.each(testDialects)("the flags SDK against the server on %s", (dialect) => {
  let t: TestServer;
  let sdkKey = "";
  let client: FlagsClient;

  beforeAll(async () => {
    t = await startTestServer(dialect);
    await t.addProject("shop", namedEnvironmentsYml("shop", ["production"]));
    await t.api("POST", FLAGS, { key: "new-checkout" });
    await t.api("POST", `${FLAGS}/new-checkout/environments/production/admins`, {});
    sdkKey = (
      await t.api<{ key: string }>("POST", "/projects/shop/sdk-keys", { environment: "production" })
    ).body.key;
  });
  afterAll(async () => {
    await client?.close();
    await t?.close();
  });

  it("gets the flags, streams each change, and reconnects by itself after a server restart", async () => {
    client = createFlagsClient({
      url: t.url,
      sdkKey,
      appName: "shop-web",
      pollIntervalMs: 300,
      metricsIntervalMs: 200,
      reconnect: { initialMs: 100, maxMs: 500 },
    });
    await client.ready({ timeoutMs: 10_000 });
    expect(client.isEnabled("new-checkout", { role: "admin" })).toBe(true);
    expect(client.isEnabled("new-checkout", { role: "user", customerId: "acme" })).toBe(false);

    const customers = changedUntil(client, () =>
      client.isEnabled("new-checkout", { customerId: "acme" }),
    );
    await t.api("POST", `${FLAGS}/new-checkout/environments/production/customers`, {
      customers: ["acme"],
    });
    await customers;

    await t.restart();
    // Changed while the SDK reconnects: it must still end up with the kill.
    const killed = changedUntil(client, () => !client.isEnabled("new-checkout", { role: "admin" }));
    await t.api("POST", `${FLAGS}/new-checkout/environments/production/kill`, {});
    await killed;
    expect(client.isEnabled("new-checkout", { customerId: "acme" })).toBe(false);
  });

  it("reports evaluation counts that show on the flag", async () => {
    for (let i = 0; i < 50; i++) client.isEnabled("new-checkout", { userId: `u${i}` });
    let total = 0;
    for (let tries = 0; tries < 100 && total < 50; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const counts = await t.api<{ variant: string; yes: number; no: number }[]>(
        "GET",
        `${FLAGS}/new-checkout/metrics`,
      );
      total = counts.body.filter((c) => c.variant === "").reduce((n, c) => n + c.yes + c.no, 0);
    }
    expect(total).toBeGreaterThanOrEqual(50);
  });

  it("surfaces a revoked key as an error and keeps the flags it had", async () => {
    const keys = await t.api<{ id: number }[]>("GET", "/projects/shop/sdk-keys");
    const errors: string[] = [];
    const other = createFlagsClient({
      url: t.url,
      sdkKey,
      refresh: "poll",
      pollIntervalMs: 200,
      metricsIntervalMs: 0,
    });
    try {
      await other.ready({ timeoutMs: 10_000 });
      other.on("error", (error) => errors.push(error.code));
      await t.api("DELETE", `/projects/shop/sdk-keys/${keys.body[0]?.id}`);
      // The server remembers a key's owner for up to 30 s; a restart forgets at once.
      await t.restart();
      for (let tries = 0; tries < 100 && !errors.includes("UNAUTHORIZED"); tries++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(errors).toContain("UNAUTHORIZED");
      expect(other.isEnabled("new-checkout", { role: "admin" })).toBe(false);
      expect(other.version).not.toBe("");
    } finally {
      await other.close();
    }
  });
});
