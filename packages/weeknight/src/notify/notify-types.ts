import { NOTIFY_EVENTS, type NotifyEvent, type WeeknightConfig } from "../config/config-schema.js";
import type { Notification } from "./notify-message.js";

export type { NotifyEvent };

export const notifyEvents: readonly NotifyEvent[] = NOTIFY_EVENTS;

/** A test an admin sends from the settings page; never configured in `events:`. */
export const TEST_EVENT = "notify.test";
/** What a delivery may be about: a configured event, or a test. */
export type DeliveryEvent = NotifyEvent | typeof TEST_EVENT;

/** One `notify:` entry of weeknight.yml after `${SECRET}` interpolation. */
export type NotifyChannelConfig = WeeknightConfig["notify"][number];
export type SlackChannelConfig = Extract<NotifyChannelConfig, { type: "slack" }>;
export type WebhookChannelConfig = Extract<NotifyChannelConfig, { type: "webhook" }>;
export type EmailChannelConfig = Extract<NotifyChannelConfig, { type: "email" }>;

export type ChannelType = NotifyChannelConfig["type"];

/** Facts about one delivery attempt a channel may put on the wire. */
export interface SendContext {
  deliveryId: number;
  attempt: number;
}

/**
 * A notification channel (like Gatus' alerting providers): one folder per implementation.
 * `send` throws an Error whose message is safe to store (no credentials) and says what failed.
 */
export interface ChannelSender<C> {
  /** Where a delivery goes, safe to store and show: never a credential. */
  target(config: C, n: Notification): string;
  send(config: C, n: Notification, context: SendContext): Promise<{ target: string }>;
}

export interface ChannelSenders {
  slack: ChannelSender<SlackChannelConfig>;
  webhook: ChannelSender<WebhookChannelConfig>;
  email: ChannelSender<EmailChannelConfig>;
}
