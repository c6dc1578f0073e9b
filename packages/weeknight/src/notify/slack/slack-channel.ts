import { defaultChannelTimeoutMs, postJson, redactUrl } from "../channel-http.js";
import { type Notification, renderText } from "../notify-message.js";
import type { ChannelSender, SlackChannelConfig } from "../notify-types.js";

/** Posts to a Slack-style incoming webhook (Slack, Mattermost, Rocket.Chat accept `{ text }`). */
export function createSlackChannel(
  deps: { timeoutMs?: number } = {},
): ChannelSender<SlackChannelConfig> {
  const timeoutMs = deps.timeoutMs ?? defaultChannelTimeoutMs;
  const target = (config: SlackChannelConfig) => redactUrl(config.url, { maskLastSegment: true });
  return {
    target,
    async send(config, n) {
      await postJson({
        label: "Slack webhook",
        url: config.url,
        target: target(config),
        body: JSON.stringify(slackBody(n)),
        headers: { "User-Agent": "weeknight" },
        timeoutMs,
      });
      return { target: target(config) };
    },
  };
}

/** The message body: mrkdwn `text`, bold subject first. */
export function slackBody(n: Notification): { text: string } {
  const { subject, text } = renderText(n);
  return { text: `*${escapeMrkdwn(subject)}*\n${escapeMrkdwn(text)}` };
}

// Slack treats &, < and > as control characters in mrkdwn; everything else is literal.
function escapeMrkdwn(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}
