import { describe, expect, it } from "vitest";
import { emailRecipients } from "./email/email-channel.js";
import { renderText } from "./notify-message.js";
import { slackBody } from "./slack/slack-channel.js";
import {
  flagNotification,
  rampPausedNotice,
  staleFlagNotice,
} from "./test-support/notification-fixture.js";
import { webhookPayload } from "./webhook/webhook-channel.js";

const stale = flagNotification("flag.stale", staleFlagNotice());
const paused = flagNotification("flag.ramp-paused", rampPausedNotice());

describe("flag messages", () => {
  it("names project, environment and flag in the subject, then the notice and the flag's page", () => {
    expect(renderText(stale)).toEqual({
      subject: "[weeknight] shop production: flag new-checkout is stale: delete it from the code",
      text:
        "Flag new-checkout (release) has served everyone in production for 31 days — delete it from the code and archive it: weeknight flag archive new-checkout -p shop\n\n" +
        "Flag: http://weeknight.test/projects/shop/flags/new-checkout\n",
    });
  });

  it("says a ramp is paused, why, and how to resume it", () => {
    const { subject, text } = renderText(paused);
    expect(subject).toBe("[weeknight] shop production: ramp of flag new-checkout paused");
    expect(text).toBe(
      "The ramp of new-checkout in production is paused at 10 %: alert checkout-errors is firing. Resume it with weeknight flag ramp new-checkout --resume --env production -p shop\n\n" +
        "Flag: http://weeknight.test/projects/shop/flags/new-checkout\n",
    );
  });

  it("posts the same text to Slack with its control characters escaped", () => {
    const n = flagNotification(
      "flag.ramp-paused",
      rampPausedNotice({ message: "Paused: alert <p95 > 2s & errors> is firing." }),
    );
    expect(slackBody(n).text).toBe(
      "*[weeknight] shop production: ramp of flag new-checkout paused*\n" +
        "Paused: alert &lt;p95 &gt; 2s &amp; errors&gt; is firing.\n\n" +
        "Flag: http://weeknight.test/projects/shop/flags/new-checkout\n",
    );
  });

  it("gives webhooks a flag object and no build", () => {
    expect(webhookPayload(stale, new Date(Date.UTC(2026, 0, 2)))).toEqual({
      event: "flag.stale",
      project: "shop",
      build: null,
      failedStage: null,
      authors: [],
      commits: [],
      flag: {
        key: "new-checkout",
        type: "release",
        environment: "production",
        message: staleFlagNotice().message,
        url: "http://weeknight.test/projects/shop/flags/new-checkout",
      },
      sentAt: "2026-01-02T00:00:00.000Z",
    });
  });

  it("e-mails the channel's to: list only, whatever authors: says", () => {
    const channel = {
      type: "email" as const,
      to: ["team@example.com"],
      authors: true,
      events: ["flag.stale" as const],
    };
    expect(emailRecipients(channel, stale)).toEqual(["team@example.com"]);
  });
});
