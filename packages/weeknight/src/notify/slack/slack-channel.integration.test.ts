import { afterEach, describe, expect, it } from "vitest";
import { createDeliveryFakeStore } from "../delivery-fake-store.js";
import { createNotifyService } from "../notify-service.js";
import type { SlackChannelConfig } from "../notify-types.js";
import {
  type HttpReceiver,
  type Responder,
  startHttpReceiver,
} from "../test-support/http-receiver.js";
import { failedNotification } from "../test-support/notification-fixture.js";
import { createSlackChannel } from "./slack-channel.js";

let receiver: HttpReceiver | undefined;
afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
});

async function slackTo(respond: Responder): Promise<SlackChannelConfig> {
  receiver = await startHttpReceiver(respond);
  return { type: "slack", url: `${receiver.url}/services/T0/B0/SECRET`, events: ["build.failed"] };
}

function service() {
  const store = createDeliveryFakeStore();
  const notify = createNotifyService({
    store,
    clock: { now: () => 1_000 },
    email: { from: "weeknight@example.com" },
    retry: { attempts: 3, baseDelayMs: 2 },
    timeoutMs: 2_000,
  });
  return { store, notify };
}

describe("slack channel", () => {
  it("posts mrkdwn text with the subject and log tail", async () => {
    const config = await slackTo(() => ({ status: 200, body: "ok" }));
    const { target } = await createSlackChannel().send(config, failedNotification(), {
      deliveryId: 1,
      attempt: 1,
    });
    const [request] = receiver?.requests ?? [];
    expect(request?.method).toBe("POST");
    expect(request?.path).toBe("/services/T0/B0/SECRET");
    expect(request?.headers["content-type"]).toBe("application/json");
    const body = JSON.parse(request?.body ?? "{}");
    expect(Object.keys(body)).toEqual(["text"]);
    expect(body.text).toMatch(/^\*\[weeknight\] shop: build #42 failed at stage "test"/);
    expect(body.text).toContain("Broken by Ada Lovelace, Bob.");
    expect(body.text).toContain("log line 25\n```");
    expect(target).toBe(`${receiver?.url}/services/T0/B0/***`);
  });

  it("is delivered on the second attempt after an HTTP 500", async () => {
    const config = await slackTo((_, i) => (i === 0 ? { status: 500 } : { status: 200 }));
    const { store, notify } = service();
    notify.notify({
      projectId: 1,
      buildId: 42,
      channels: [config],
      notification: failedNotification(),
    });
    await notify.drain();
    expect(receiver?.requests).toHaveLength(2);
    expect(store.all()).toMatchObject([{ channel: "slack", status: "delivered", attempts: 2 }]);
  });

  it("fails after every attempt with the status and body, never the token", async () => {
    const config = await slackTo(() => ({ status: 500, body: `no_service ${"x".repeat(300)}` }));
    const { store, notify } = service();
    notify.notify({
      projectId: 1,
      buildId: 42,
      channels: [config],
      notification: failedNotification(),
    });
    await notify.drain();
    const [delivery] = store.all();
    expect(delivery).toMatchObject({ status: "failed", attempts: 3 });
    expect(delivery?.lastError).toContain("answered HTTP 500: no_service xxx");
    expect(delivery?.lastError?.length).toBeLessThan(300);
    expect(delivery?.target).not.toContain("SECRET");
    expect(delivery?.lastError).not.toContain("SECRET");
  });
});
