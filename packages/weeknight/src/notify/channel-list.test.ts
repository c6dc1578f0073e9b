import { describe, expect, it } from "vitest";
import { describeChannels } from "./channel-list.js";

describe("notify channels as the settings page shows them", () => {
  it("never shows credentials, tokens or query strings", () => {
    const channels = describeChannels([
      {
        type: "slack",
        url: "https://hooks.slack.com/services/T000/B000/XXXXSECRET",
        events: ["build.failed"],
      },
      {
        type: "webhook",
        url: "https://ops:hunter2@hooks.example.com/weeknight/in?token=abc#frag",
        secret: "signing-secret",
        events: ["deploy.succeeded", "deploy.failed"],
      },
    ] as Parameters<typeof describeChannels>[0]);
    expect(channels).toEqual([
      {
        index: 0,
        type: "slack",
        target: "https://hooks.slack.com/services/T000/B000/***",
        events: ["build.failed"],
      },
      {
        index: 1,
        type: "webhook",
        target: "https://hooks.example.com/weeknight/in",
        events: ["deploy.succeeded", "deploy.failed"],
      },
    ]);
    expect(JSON.stringify(channels)).not.toMatch(/SECRET|hunter2|token=|signing-secret/);
  });

  it("shows e-mail recipients, and says when authors are added", () => {
    const [plain, withAuthors, authorsOnly] = describeChannels(
      [
        { type: "email", to: ["ops@example.com", "lead@example.com"], authors: false },
        { type: "email", to: ["ops@example.com"], authors: true },
        { type: "email", to: [], authors: true },
      ].map((c) => ({ ...c, events: ["build.failed"] })) as Parameters<typeof describeChannels>[0],
    );
    expect(plain?.target).toBe("ops@example.com, lead@example.com");
    expect(withAuthors?.target).toBe("ops@example.com + commit authors");
    expect(authorsOnly?.target).toBe("commit authors");
  });
});
