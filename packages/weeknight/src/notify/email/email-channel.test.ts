import { describe, expect, it } from "vitest";
import type { EmailChannelConfig } from "../notify-types.js";
import { failedNotification } from "../test-support/notification-fixture.js";
import { emailRecipients } from "./email-channel.js";

const channel: EmailChannelConfig = {
  type: "email",
  to: ["team@example.com"],
  authors: true,
  events: ["build.failed"],
};

describe("emailRecipients", () => {
  it("adds commit authors to the channel's list", () => {
    expect(emailRecipients(channel, failedNotification())).toEqual([
      "team@example.com",
      "ada@example.com",
      "bob@example.com",
    ]);
  });

  it("leaves authors out when authors: false", () => {
    const n = failedNotification();
    expect(emailRecipients({ ...channel, authors: false }, n)).toEqual(["team@example.com"]);
  });

  it("deduplicates case-insensitively and skips invalid addresses", () => {
    const n = failedNotification({
      authors: [
        { name: "Ada", email: "ADA@example.com" },
        { name: "Ada", email: "ada@example.com" },
        { name: "Root", email: "root" },
        { name: "Nobody", email: "" },
        { name: "Team", email: "Team@Example.com" },
      ],
    });
    expect(emailRecipients(channel, n)).toEqual(["team@example.com", "ADA@example.com"]);
  });
});
