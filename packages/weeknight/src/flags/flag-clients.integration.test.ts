import { once } from "node:events";
import { OFREPProvider } from "@openfeature/ofrep-provider";
import { OpenFeature } from "@openfeature/server-sdk";
import { InMemStorageProvider, Unleash } from "unleash-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FlagEvaluation } from "../cli/api-types.js";
import { testDialects } from "../test-support/test-databases.js";
import { namedEnvironmentsYml } from "../test-support/test-repo.js";
import { startTestServer, type TestServer } from "../test-support/test-server.js";

const FLAGS = "/projects/shop/flags";
const customers = Array.from({ length: 60 }, (_, i) => `customer-${i}`);

/**
 * The compatibility layers against the whole server: flags made through the API, read by the
 * real Unleash client and the real OFREP provider, decisions equal to Weeknight's own preview.
 */
describe.each(testDialects)(
  "Unleash and OpenFeature clients against the server on %s",
  (dialect) => {
    let t: TestServer;
    let sdkKey = "";

    const preview = async (key: string, context: Record<string, string>) =>
      (
        await t.api<FlagEvaluation>("POST", `${FLAGS}/${key}/evaluate`, {
          environment: "production",
          context,
        })
      ).body.enabled;

    beforeAll(async () => {
      t = await startTestServer(dialect);
      await t.addProject("shop", namedEnvironmentsYml("shop", ["production"]));
      await t.api("POST", FLAGS, { key: "new-checkout" });
      const step = (action: string, body: unknown) =>
        t.api("POST", `${FLAGS}/new-checkout/environments/production/${action}`, body);
      await step("admins", {});
      await step("customers", { customers: ["acme", "globex"] });
      await step("rollout", { percent: 30, stickiness: "customerId" });
      await t.api("POST", FLAGS, { key: "dark-mode" });
      sdkKey = (
        await t.api<{ key: string }>("POST", "/projects/shop/sdk-keys", {
          environment: "production",
        })
      ).body.key;
    });
    afterAll(async () => {
      await OpenFeature.close();
      await t?.close();
    });

    it("the real unleash-client decides as Weeknight does, and its counts reach the flag", async () => {
      const unleash = new Unleash({
        appName: "shop-web",
        instanceId: `shop-web-${dialect}`,
        url: `${t.url}/api/`,
        refreshInterval: 200,
        metricsInterval: 300,
        customHeaders: { Authorization: sdkKey },
        storageProvider: new InMemStorageProvider(),
        skipInstanceCountWarning: true,
      });
      const problems: unknown[] = [];
      unleash.on("error", (error: unknown) => problems.push(error));
      try {
        await once(unleash, "synchronized");
        let on = 0;
        for (const customerId of [...customers, "acme", "globex"]) {
          const context = { customerId, properties: { role: "user" } };
          const theirs = unleash.isEnabled("new-checkout", context);
          expect(theirs, customerId).toBe(
            await preview("new-checkout", { customerId, role: "user" }),
          );
          if (theirs) on++;
        }
        expect(on).toBeGreaterThan(2);
        expect(unleash.isEnabled("new-checkout", { properties: { role: "admin" } })).toBe(true);
        expect(unleash.isEnabled("dark-mode", { userId: "u1" })).toBe(false);
        // A kill reaches the client on its next fetch.
        await t.api("POST", `${FLAGS}/new-checkout/environments/production/kill`, {});
        await once(unleash, "changed");
        expect(unleash.isEnabled("new-checkout", { properties: { role: "admin" } })).toBe(false);
        await t.api("POST", `${FLAGS}/new-checkout/environments/production/enable`, {});
        await once(unleash, "changed");
        // Counts go out every metricsInterval; wait until they have all landed.
        let total = 0;
        for (let tries = 0; tries < 100 && total < customers.length + 4; tries++) {
          await new Promise((resolve) => setTimeout(resolve, 100));
          const counts = await t.api<{ variant: string; yes: number; no: number }[]>(
            "GET",
            `${FLAGS}/new-checkout/metrics`,
          );
          total = counts.body.filter((c) => c.variant === "").reduce((n, c) => n + c.yes + c.no, 0);
        }
        expect(total).toBeGreaterThanOrEqual(customers.length + 4);
        expect(problems).toEqual([]);
      } finally {
        unleash.destroy();
      }
    });

    it("the real OFREP provider evaluates on the server, and a bad key gets the default", async () => {
      await OpenFeature.setProviderAndWait(
        `weeknight-${dialect}`,
        new OFREPProvider({ baseUrl: t.url, headers: { Authorization: `Bearer ${sdkKey}` } }),
      );
      const client = OpenFeature.getClient(`weeknight-${dialect}`);
      for (const customerId of customers.slice(0, 20)) {
        const details = await client.getBooleanDetails("new-checkout", false, {
          targetingKey: `user-of-${customerId}`,
          customerId,
        });
        expect(details.value, customerId).toBe(await preview("new-checkout", { customerId }));
      }
      const admin = await client.getBooleanDetails("new-checkout", false, {
        targetingKey: "ann",
        role: "admin",
      });
      expect(admin).toMatchObject({ value: true, reason: "TARGETING_MATCH" });
      const missing = await client.getBooleanDetails("no-such-flag", true, { targetingKey: "ann" });
      expect(missing).toMatchObject({ value: true, errorCode: "FLAG_NOT_FOUND" });
      await OpenFeature.setProviderAndWait(
        `refused-${dialect}`,
        new OFREPProvider({ baseUrl: t.url, headers: { Authorization: "Bearer wnf_not-a-key" } }),
      ).catch(() => {});
      const refused = await OpenFeature.getClient(`refused-${dialect}`).getBooleanDetails(
        "new-checkout",
        false,
        { targetingKey: "ann", role: "admin" },
      );
      expect(refused.value).toBe(false);
      expect(refused.errorCode).toBeDefined();
    });
  },
);
