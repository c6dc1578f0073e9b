import { redactUrl } from "./channel-http.js";
import type { ChannelType, NotifyChannelConfig } from "./notify-types.js";

/** A `notify:` entry as the settings page shows it: where it goes, never a credential. */
export interface ChannelSummary {
  /** Position in weeknight.yml's `notify:` list: how the test route names it. */
  index: number;
  type: ChannelType;
  target: string;
  events: string[];
}

export function describeChannels(channels: NotifyChannelConfig[]): ChannelSummary[] {
  return channels.map((channel, index) => ({
    index,
    type: channel.type,
    target: channelTarget(channel),
    events: [...channel.events],
  }));
}

/**
 * URLs without userinfo, query or fragment; Slack-style URLs also lose their last path
 * segment, which is the token. E-mail shows its recipients (authors are only known per build).
 */
export function channelTarget(channel: NotifyChannelConfig): string {
  switch (channel.type) {
    case "slack":
      return redactUrl(channel.url, { maskLastSegment: true });
    case "webhook":
      return redactUrl(channel.url);
    case "email": {
      const to = channel.to.join(", ");
      if (!channel.authors) return to || "(no recipients)";
      return to ? `${to} + commit authors` : "commit authors";
    }
  }
}
