import { afterEach, describe, expect, it } from "vitest";
import { weeknightConfigSchema } from "../config/config-schema.js";
import { createDeliveryFakeStore } from "../notify/delivery-fake-store.js";
import { createNotifyService } from "../notify/notify-service.js";
import { type HttpReceiver, startHttpReceiver } from "../notify/test-support/http-receiver.js";
import { rampPausedNotice, staleFlagNotice } from "../notify/test-support/notification-fixture.js";
import type { Project } from "../projects/project-store.js";
import { createFlagNotices } from "./flag-notices.js";

const shop: Project = {
  id: 7,
  name: "shop",
  repoUrl: "https://git.example.com/shop.git",
  branch: "main",
  pollIntervalMs: 60_000,
  createdAt: 0,
  lastPolledAt: null,
  lastSeenSha: null,
};

let receiver: HttpReceiver | undefined;
afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
});

describe("flag notices through real channels", () => {
  it("posts a stale flag and a paused ramp to the channels that list them, with no build", async () => {
    const http = await startHttpReceiver(() => ({ status: 200, body: "ok" }));
    receiver = http;
    const config = weeknightConfigSchema.parse({
      project: "shop",
      build: { stages: [{ name: "unit", run: "npm test" }] },
      notify: [
        { type: "webhook", url: `${http.url}/hooks/weeknight` },
        { type: "slack", url: `${http.url}/services/T0/B0/SECRET`, events: ["flag.ramp-paused"] },
      ],
    });
    const store = createDeliveryFakeStore();
    const notify = createNotifyService({
      store,
      clock: { now: () => Date.UTC(2026, 0, 2) },
      email: { from: "weeknight@example.com" },
      retry: { attempts: 1, baseDelayMs: 1 },
      timeoutMs: 2_000,
    });
    const notices = createFlagNotices({
      notify,
      projects: { get: async () => shop },
      currentConfig: async () => ({ config }),
    });

    await notices.send("flag.stale", staleFlagNotice());
    await notices.send("flag.ramp-paused", rampPausedNotice());
    await notify.drain();

    const hooks = http.requests.filter((r) => r.path === "/hooks/weeknight");
    expect(hooks.map((r) => r.headers["x-weeknight-event"]).sort()).toEqual([
      "flag.ramp-paused",
      "flag.stale",
    ]);
    const staleHook = JSON.parse(
      hooks.find((r) => r.headers["x-weeknight-event"] === "flag.stale")?.body ?? "{}",
    );
    expect(staleHook).toMatchObject({
      event: "flag.stale",
      project: "shop",
      build: null,
      flag: {
        key: "new-checkout",
        type: "release",
        environment: "production",
        message: staleFlagNotice().message,
        url: "http://weeknight.test/projects/shop/flags/new-checkout",
      },
    });

    // The Slack channel only asked for paused ramps.
    const chat = http.requests.filter((r) => r.path === "/services/T0/B0/SECRET");
    expect(chat.map((r) => JSON.parse(r.body).text)).toEqual([
      `*[weeknight] shop production: ramp of flag new-checkout paused*\n${rampPausedNotice().message}\n\nFlag: http://weeknight.test/projects/shop/flags/new-checkout\n`,
    ]);

    const deliveries = store
      .all()
      .map((d) => [d.channel, d.event, d.projectId, d.buildId, d.status]);
    expect(deliveries.sort()).toEqual([
      ["slack", "flag.ramp-paused", 7, null, "delivered"],
      ["webhook", "flag.ramp-paused", 7, null, "delivered"],
      ["webhook", "flag.stale", 7, null, "delivered"],
    ]);
  });
});
