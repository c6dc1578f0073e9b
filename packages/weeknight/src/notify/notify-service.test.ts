import { describe, expect, it } from "vitest";
import type { Clock } from "../clock.js";
import { createDeliveryFakeStore } from "./delivery-fake-store.js";
import type { DeliveryRecord, DeliveryStore } from "./delivery-store.js";
import { createNotifyService, type NotifyServiceDeps } from "./notify-service.js";
import type { ChannelSender, SlackChannelConfig, WebhookChannelConfig } from "./notify-types.js";
import { failedNotification } from "./test-support/notification-fixture.js";

const clock: Clock = { now: () => 1_700_000_000_000 };
const slack: SlackChannelConfig = {
  type: "slack",
  url: "https://chat.example.com/hooks/tok",
  events: ["build.failed"],
};
const webhook: WebhookChannelConfig = {
  type: "webhook",
  url: "https://ci.example.com/in",
  events: ["build.fixed"],
};

/** A sender that fails the first `failures` attempts, then succeeds. */
function flakySender(failures: number): ChannelSender<SlackChannelConfig> & { calls: number } {
  const sender = {
    calls: 0,
    target: () => "https://chat.example.com/hooks/***",
    async send() {
      sender.calls++;
      if (sender.calls <= failures) throw new Error(`HTTP 503 on attempt ${sender.calls}`);
      return { target: "https://chat.example.com/hooks/***" };
    },
  };
  return sender;
}

function setup(overrides: Partial<NotifyServiceDeps> = {}) {
  const store = createDeliveryFakeStore();
  const delays: number[] = [];
  const outcomes: DeliveryRecord[] = [];
  const service = createNotifyService({
    store,
    clock,
    email: { from: "weeknight@example.com" },
    sleep: async (ms) => {
      delays.push(ms);
    },
    onDelivery: (d) => outcomes.push(d),
    ...overrides,
  });
  return { store, delays, outcomes, service };
}

const input = (channels: (SlackChannelConfig | WebhookChannelConfig)[]) => ({
  projectId: 1,
  buildId: 42,
  channels,
  notification: failedNotification(),
});

describe("notify service", () => {
  it("retries 4 times with doubling backoff, then records the failure", async () => {
    const sender = flakySender(Number.POSITIVE_INFINITY);
    const { store, delays, outcomes, service } = setup({ senders: { slack: sender } });
    service.notify(input([slack]));
    await service.drain();
    expect(delays).toEqual([500, 1000, 2000]);
    expect(sender.calls).toBe(4);
    const [delivery] = store.all();
    expect(delivery).toMatchObject({
      status: "failed",
      attempts: 4,
      lastError: "HTTP 503 on attempt 4",
      target: "https://chat.example.com/hooks/***",
      finishedAt: clock.now(),
    });
    expect(outcomes).toEqual([delivery]);
  });

  it("records a delivery that succeeds on the second attempt", async () => {
    const { store, service } = setup({
      senders: { slack: flakySender(1) },
      retry: { attempts: 3, baseDelayMs: 5 },
    });
    service.notify(input([slack]));
    await service.drain();
    expect(store.all()).toMatchObject([
      { status: "delivered", attempts: 2, lastError: "HTTP 503 on attempt 1" },
    ]);
  });

  it("shows a retrying delivery as pending with its attempts so far", async () => {
    let wake = () => {};
    const { store, service } = setup({
      senders: { slack: flakySender(1) },
      sleep: () => new Promise<void>((resolve) => (wake = resolve)),
    });
    service.notify(input([slack]));
    await new Promise((r) => setTimeout(r, 10));
    expect(store.all()).toMatchObject([{ status: "pending", attempts: 1, finishedAt: null }]);
    wake();
    await service.drain();
    expect(store.all()).toMatchObject([{ status: "delivered", attempts: 2 }]);
  });

  it("skips channels that do not subscribe to the event", async () => {
    const sender = flakySender(0);
    const { store, service } = setup({ senders: { slack: sender } });
    service.notify(input([slack, webhook]));
    await service.drain();
    expect(store.all().map((d) => d.channel)).toEqual(["slack"]);
  });

  it("reports store failures to onError instead of rejecting", async () => {
    const broken: DeliveryStore = {
      create: () => Promise.reject(new Error("database is locked")),
      update: () => Promise.reject(new Error("unreachable")),
      list: () => Promise.resolve([]),
      failPending: () => Promise.resolve(0),
    };
    const errors: string[] = [];
    const { service } = setup({
      store: broken,
      senders: { slack: flakySender(0) },
      onError: (e) => errors.push(e.message),
    });
    service.notify(input([slack]));
    await service.drain();
    expect(errors).toEqual(["database is locked"]);
  });

  it("keeps a throwing onDelivery from escaping", async () => {
    const errors: string[] = [];
    const { store, service } = setup({
      senders: { slack: flakySender(0) },
      onDelivery: () => {
        throw new Error("listener broke");
      },
      onError: (e) => errors.push(e.message),
    });
    service.notify(input([slack]));
    await service.drain();
    expect(store.all()).toMatchObject([{ status: "delivered" }]);
    expect(errors).toEqual(["listener broke"]);
  });
});
