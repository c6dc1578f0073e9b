import { createTransport } from "nodemailer";
import { defaultChannelTimeoutMs, redactUrl } from "../channel-http.js";
import {
  isChangelogNotification,
  isFlagNotification,
  type Notification,
  renderText,
} from "../notify-message.js";
import type { ChannelSender, EmailChannelConfig } from "../notify-types.js";

export interface EmailDefaults {
  /** Server-wide SMTP URL (WEEKNIGHT_SMTP_URL), used when a channel has no `smtp:`. */
  smtpUrl?: string;
  /** Sender address when a channel has no `from:`. */
  from: string;
}

export const noSmtpMessage = "no SMTP server: set smtp: in the channel or WEEKNIGHT_SMTP_URL";

/** Sends a plain-text e-mail over SMTP, one connection per attempt (notifications are rare). */
export function createEmailChannel(
  deps: EmailDefaults & { timeoutMs?: number },
): ChannelSender<EmailChannelConfig> {
  const timeoutMs = deps.timeoutMs ?? defaultChannelTimeoutMs;
  const target = (config: EmailChannelConfig, n: Notification) =>
    emailRecipients(config, n).join(", ");
  return {
    target,
    async send(config, n) {
      const smtpUrl = config.smtp ?? deps.smtpUrl;
      if (!smtpUrl) throw new Error(noSmtpMessage);
      const recipients = emailRecipients(config, n);
      if (recipients.length === 0) {
        throw new Error(
          "no recipients: the channel's to: list is empty and no author has an e-mail",
        );
      }
      const { subject, text } = renderText(n);
      const transport = createTransport({
        url: smtpUrl,
        connectionTimeout: timeoutMs,
        greetingTimeout: timeoutMs,
        socketTimeout: timeoutMs,
      });
      try {
        const info = await transport.sendMail({
          from: config.from ?? deps.from,
          to: recipients,
          subject,
          text,
        });
        if (info.accepted.length === 0) {
          throw new Error(`the server accepted no recipient (rejected: ${recipients.join(", ")})`);
        }
      } catch (error) {
        // The URL may carry a password; only its redacted form goes into the delivery log.
        const reason = error instanceof Error ? error.message : String(error);
        throw new Error(`SMTP ${redactUrl(smtpUrl)}: ${reason}`);
      } finally {
        transport.close();
      }
      return { target: recipients.join(", ") };
    },
  };
}

/**
 * `to:` plus, with `authors: true`, the authors of the commits since the last green build.
 * Deduplicated case-insensitively; addresses that cannot be valid are skipped.
 */
export function emailRecipients(config: EmailChannelConfig, n: Notification): string[] {
  const candidates = [...config.to];
  if (
    config.authors &&
    !isFlagNotification(n) &&
    !isChangelogNotification(n) &&
    (n.event === "build.failed" || n.event === "build.fixed")
  ) {
    candidates.push(...n.authors.map((a) => a.email));
  }
  const seen = new Set<string>();
  const recipients: string[] = [];
  for (const raw of candidates) {
    const address = raw.trim();
    const key = address.toLowerCase();
    if (!isPlausibleAddress(address) || seen.has(key)) continue;
    seen.add(key);
    recipients.push(address);
  }
  return recipients;
}

function isPlausibleAddress(address: string): boolean {
  return /^[^\s@<>,;]+@[^\s@<>,;]+$/.test(address);
}
