import { afterEach, describe, expect, it } from "vitest";
import {
  insertTestProject,
  openTestDatabase,
  testDialects,
} from "../test-support/test-databases.js";
import { createDeliveryFakeStore } from "./delivery-fake-store.js";
import { createDeliverySqlStore } from "./delivery-sql-store.js";
import type { DeliveryRecord } from "./delivery-store.js";
import { createNotifyService } from "./notify-service.js";
import type { NotifyChannelConfig } from "./notify-types.js";
import { type HttpReceiver, startHttpReceiver, waitFor } from "./test-support/http-receiver.js";
import { failedNotification } from "./test-support/notification-fixture.js";

const receivers: HttpReceiver[] = [];
afterEach(async () => {
  await Promise.all(receivers.splice(0).map((r) => r.close()));
});

async function receiver(respond: Parameters<typeof startHttpReceiver>[0]) {
  const started = await startHttpReceiver(respond);
  receivers.push(started);
  return started;
}

describe("notify service with real channels", () => {
  it("returns at once and delivers to other channels while one hangs", async () => {
    const hanging = await receiver(() => "hang");
    const fast = await receiver(() => ({ status: 200 }));
    const store = createDeliveryFakeStore();
    const outcomes: DeliveryRecord[] = [];
    const service = createNotifyService({
      store,
      clock: { now: () => 1 },
      email: { from: "weeknight@example.com" },
      retry: { attempts: 2, baseDelayMs: 1 },
      timeoutMs: 30_000,
      onDelivery: (d) => outcomes.push(d),
    });
    const channels: NotifyChannelConfig[] = [
      { type: "slack", url: `${hanging.url}/hook`, events: ["build.failed"] },
      { type: "webhook", url: `${fast.url}/in`, events: ["build.failed"] },
    ];
    service.notify({ projectId: 1, buildId: 42, channels, notification: failedNotification() });
    // notify() is synchronous: nothing has been sent when it returns.
    expect(fast.requests).toHaveLength(0);

    await waitFor(() => outcomes.length === 1);
    expect(outcomes[0]).toMatchObject({ channel: "webhook", status: "delivered" });
    await waitFor(() => hanging.requests.length === 1);
    expect(store.all().find((d) => d.channel === "slack")).toMatchObject({ status: "pending" });

    // Dropping the hung connection fails the attempt; the retry then finds the port closed.
    await hanging.close();
    await service.drain();
    expect(store.all().find((d) => d.channel === "slack")).toMatchObject({
      status: "failed",
      attempts: 2,
    });
  });
});

describe.each(testDialects)("notify service on %s", (dialect) => {
  it("records each matching channel's delivery in the database", async () => {
    const database = await openTestDatabase(dialect);
    try {
      const projectId = await insertTestProject(database.db, "shop");
      const ok = await receiver(() => ({ status: 200 }));
      const broken = await receiver(() => ({ status: 502, body: "bad gateway" }));
      const store = createDeliverySqlStore({ db: database.db });
      let now = 1_000;
      const service = createNotifyService({
        store,
        clock: { now: () => now++ },
        email: { from: "weeknight@example.com" },
        retry: { attempts: 2, baseDelayMs: 1 },
      });
      const channels: NotifyChannelConfig[] = [
        { type: "webhook", url: `${ok.url}/ok?token=t0ps3cret`, events: ["build.failed"] },
        { type: "slack", url: `${broken.url}/services/T/B/S3CRET`, events: ["build.failed"] },
        { type: "webhook", url: `${ok.url}/fixed-only`, events: ["build.fixed"] },
      ];
      service.notify({ projectId, buildId: null, channels, notification: failedNotification() });
      await service.drain();

      const rows = await store.list({ projectId, limit: 10 });
      expect(rows.map((r) => [r.channel, r.status, r.attempts, r.target])).toEqual(
        expect.arrayContaining([
          ["webhook", "delivered", 1, `${ok.url}/ok`],
          ["slack", "failed", 2, `${broken.url}/services/T/B/***`],
        ]),
      );
      expect(rows).toHaveLength(2);
      expect(rows.find((r) => r.channel === "slack")?.lastError).toContain(
        "answered HTTP 502: bad gateway",
      );
      expect(JSON.stringify(rows)).not.toMatch(/t0ps3cret|S3CRET/);
    } finally {
      await database.close();
    }
  });
});
