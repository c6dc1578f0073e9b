import { afterEach, describe, expect, it } from "vitest";
import { createDeliveryFakeStore } from "../delivery-fake-store.js";
import { createNotifyService } from "../notify-service.js";
import type { WebhookChannelConfig } from "../notify-types.js";
import {
  deadPortUrl,
  type HttpReceiver,
  type Responder,
  startHttpReceiver,
} from "../test-support/http-receiver.js";
import { failedNotification } from "../test-support/notification-fixture.js";
import { createWebhookChannel } from "./webhook-channel.js";
import { verifySignature } from "./webhook-signature.js";

const sentAt = Date.UTC(2025, 0, 2, 3, 4, 5);
let receiver: HttpReceiver | undefined;
afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
});

async function webhookTo(respond: Responder, secret?: string): Promise<WebhookChannelConfig> {
  receiver = await startHttpReceiver(respond);
  return { type: "webhook", url: `${receiver.url}/ci?key=abc`, secret, events: ["build.failed"] };
}

function service(timeoutMs = 2_000) {
  const store = createDeliveryFakeStore();
  const notify = createNotifyService({
    store,
    clock: { now: () => sentAt },
    email: { from: "weeknight@example.com" },
    retry: { attempts: 3, baseDelayMs: 2 },
    timeoutMs,
  });
  const run = async (config: WebhookChannelConfig) => {
    notify.notify({
      projectId: 1,
      buildId: 42,
      channels: [config],
      notification: failedNotification(),
    });
    await notify.drain();
    return store.all();
  };
  return { store, run };
}

describe("webhook channel", () => {
  it("posts the payload with event, delivery id and a verifiable signature", async () => {
    const config = await webhookTo(() => ({ status: 204 }), "s3cret");
    const sender = createWebhookChannel({ clock: { now: () => sentAt } });
    await sender.send(config, failedNotification(), { deliveryId: 7, attempt: 1 });
    const [request] = receiver?.requests ?? [];
    expect(request?.path).toBe("/ci?key=abc");
    expect(request?.headers).toMatchObject({
      "content-type": "application/json",
      "user-agent": "weeknight",
      "x-weeknight-event": "build.failed",
      "x-weeknight-delivery": "7",
    });
    const signature = request?.headers["x-weeknight-signature-256"];
    expect(typeof signature).toBe("string");
    expect(verifySignature("s3cret", request?.body ?? "", String(signature))).toBe(true);
    expect(verifySignature("wrong", request?.body ?? "", String(signature))).toBe(false);
    const n = failedNotification();
    expect(JSON.parse(request?.body ?? "{}")).toEqual({
      event: "build.failed",
      project: "shop",
      build: n.build,
      failedStage: n.failedStage,
      authors: n.authors,
      commits: n.commits,
      sentAt: "2025-01-02T03:04:05.000Z",
    });
  });

  it("sends no signature header without a secret", async () => {
    const config = await webhookTo(() => ({ status: 200 }));
    await createWebhookChannel({ clock: { now: () => sentAt } }).send(
      config,
      failedNotification(),
      {
        deliveryId: 1,
        attempt: 1,
      },
    );
    expect(receiver?.requests[0]?.headers["x-weeknight-signature-256"]).toBeUndefined();
  });

  it("is delivered after a 500 then a 200, with the same delivery id on both attempts", async () => {
    const config = await webhookTo((_, i) => (i === 0 ? { status: 500 } : { status: 200 }));
    const [delivery] = await service().run(config);
    expect(delivery).toMatchObject({ status: "delivered", attempts: 2 });
    const ids = receiver?.requests.map((r) => r.headers["x-weeknight-delivery"]);
    expect(ids).toEqual([String(delivery?.id), String(delivery?.id)]);
    expect(delivery?.target).toBe(`${receiver?.url}/ci`);
  });

  it("fails after every attempt answered 500 and keeps the last error", async () => {
    const config = await webhookTo(() => ({ status: 500, body: "receiver exploded" }));
    const [delivery] = await service().run(config);
    expect(receiver?.requests).toHaveLength(3);
    expect(delivery).toMatchObject({
      status: "failed",
      attempts: 3,
      lastError: `Webhook ${receiver?.url}/ci answered HTTP 500: receiver exploded`,
      finishedAt: sentAt,
    });
  });

  it("gives up on a receiver that never answers after the per-attempt timeout", async () => {
    const config = await webhookTo(() => "hang");
    const [delivery] = await service(100).run(config);
    expect(receiver?.requests).toHaveLength(3);
    expect(delivery).toMatchObject({ status: "failed", attempts: 3 });
    expect(delivery?.lastError).toContain("no response within 100 ms");
  });

  it("fails when nothing listens on the port", async () => {
    const url = await deadPortUrl();
    const config: WebhookChannelConfig = { type: "webhook", url, events: ["build.failed"] };
    const [delivery] = await service().run(config);
    expect(delivery).toMatchObject({ status: "failed", attempts: 3 });
    expect(delivery?.lastError).toContain("ECONNREFUSED");
  });
});
