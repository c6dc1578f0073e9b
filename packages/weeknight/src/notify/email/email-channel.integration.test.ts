import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createDeliveryFakeStore } from "../delivery-fake-store.js";
import { createNotifyService } from "../notify-service.js";
import type { EmailChannelConfig } from "../notify-types.js";
import { deadPortUrl } from "../test-support/http-receiver.js";
import { failedNotification, fixedNotification } from "../test-support/notification-fixture.js";
import { createEmailChannel, noSmtpMessage } from "./email-channel.js";

interface ReceivedMail {
  from: string;
  to: string[];
  data: string;
}

const mails: ReceivedMail[] = [];
let server: SMTPServer;
let smtpUrl: string;

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    // Plain SMTP on loopback: nodemailer would otherwise upgrade to TLS against a self-signed cert.
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const { mailFrom, rcptTo } = session.envelope;
        mails.push({
          from: mailFrom ? mailFrom.address : "",
          to: rcptTo.map((r) => r.address),
          data: Buffer.concat(chunks).toString("utf8"),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  smtpUrl = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  mails.length = 0;
});

const channel: EmailChannelConfig = {
  type: "email",
  to: ["team@example.com"],
  authors: true,
  events: ["build.failed", "build.fixed"],
};

/** Unfolds and decodes headers and undoes quoted-printable so assertions read like the rendered text. */
function readable(data: string): string {
  const split = data.indexOf("\r\n\r\n");
  const headers = data
    .slice(0, split)
    .replace(/\r\n[ \t]+/g, " ")
    .replace(/\?= =\?UTF-8\?Q\?/g, "")
    .replace(/=\?UTF-8\?Q\?(.*?)\?=/g, (_, word: string) => decodeQp(word.replaceAll("_", " ")));
  return `${headers}\n\n${decodeQp(data.slice(split + 4))}`.replaceAll("\r\n", "\n");
}

function decodeQp(text: string): string {
  const bytes = text
    .replace(/=\r\n/g, "")
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
  return Buffer.from(bytes, "latin1").toString("utf8");
}

describe("email channel", () => {
  it("mails the team and the commit authors with subject and text", async () => {
    const sender = createEmailChannel({ smtpUrl, from: "weeknight@example.com" });
    const { target } = await sender.send(channel, failedNotification(), {
      deliveryId: 1,
      attempt: 1,
    });
    expect(target).toBe("team@example.com, ada@example.com, bob@example.com");
    expect(mails).toHaveLength(1);
    const [mail] = mails;
    expect(mail?.from).toBe("weeknight@example.com");
    expect(mail?.to).toEqual(["team@example.com", "ada@example.com", "bob@example.com"]);
    const text = readable(mail?.data ?? "");
    expect(text).toContain(
      'Subject: [weeknight] shop: build #42 failed at stage "test" (main @ abc1234)',
    );
    expect(text).toContain("Broken by Ada Lovelace, Bob.");
    expect(text).toContain("log line 25");
    expect(text).toContain("Build: http://weeknight.test/projects/shop/builds/42");
  });

  it("uses the channel's own smtp: and from: over the server defaults", async () => {
    const sender = createEmailChannel({
      smtpUrl: await deadPortUrl(),
      from: "default@example.com",
    });
    const own = { ...channel, authors: false, smtp: smtpUrl, from: "ci@shop.example.com" };
    await sender.send(own, fixedNotification(), { deliveryId: 1, attempt: 1 });
    expect(mails.map((m) => [m.from, m.to])).toEqual([
      ["ci@shop.example.com", ["team@example.com"]],
    ]);
    expect(readable(mails[0]?.data ?? "")).toContain("Fixed by Ada Lovelace, Bob. Thank you!");
  });

  it("mails changelog subscribers the customer notes, never the commit authors", async () => {
    const sender = createEmailChannel({ smtpUrl, from: "news@shop.example.com" });
    const subscribers: EmailChannelConfig = {
      type: "email",
      to: ["customers@lists.example.com"],
      authors: true,
      events: ["changelog.published", "announcement.published"],
    };
    await sender.send(
      subscribers,
      {
        event: "changelog.published",
        project: "shop",
        changelog: {
          title: "Released 28 November 2026",
          markdown: "### Fixed\n\n- Order totals are exact to the cent.\n",
          url: "http://weeknight.test/changelog/shop#release-7",
        },
      },
      { deliveryId: 1, attempt: 1 },
    );
    expect(mails.map((m) => m.to)).toEqual([["customers@lists.example.com"]]);
    const text = readable(mails[0]?.data ?? "");
    expect(text).toContain("Subject: shop: Released 28 November 2026");
    expect(text).toContain("- Order totals are exact to the cent.");
    expect(text).toContain("http://weeknight.test/changelog/shop#release-7");
  });

  it("fails with a clear message when no SMTP server is configured", async () => {
    const store = createDeliveryFakeStore();
    const notify = createNotifyService({
      store,
      clock: { now: () => 5 },
      email: { from: "weeknight@example.com" },
      retry: { attempts: 2, baseDelayMs: 1 },
    });
    notify.notify({
      projectId: 1,
      buildId: 42,
      channels: [channel],
      notification: failedNotification(),
    });
    await notify.drain();
    expect(store.all()).toMatchObject([
      {
        channel: "email",
        status: "failed",
        attempts: 2,
        lastError: noSmtpMessage,
        target: "team@example.com, ada@example.com, bob@example.com",
      },
    ]);
    expect(mails).toHaveLength(0);
  });

  it("names the SMTP server without its password when it cannot be reached", async () => {
    const port = new URL(await deadPortUrl()).port;
    const sender = createEmailChannel({ from: "weeknight@example.com", timeoutMs: 500 });
    const withPassword = { ...channel, smtp: `smtp://ci:hunter2@127.0.0.1:${port}` };
    const attempt = sender.send(withPassword, failedNotification(), { deliveryId: 1, attempt: 1 });
    await expect(attempt).rejects.toThrow(`SMTP smtp://127.0.0.1:${port}: `);
    await expect(attempt).rejects.not.toThrow("hunter2");
  });
});
