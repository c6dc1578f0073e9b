import type { Clock } from "../../clock.js";
import type { ChangelogNotice } from "../changelog-message.js";
import { defaultChannelTimeoutMs, postJson, redactUrl } from "../channel-http.js";
import { type FlagPayload, flagPayload } from "../flag-message.js";
import {
  type BuildNotification,
  isChangelogNotification,
  isFlagNotification,
  type Notification,
} from "../notify-message.js";
import type { ChannelSender, SendContext, WebhookChannelConfig } from "../notify-types.js";
import { signatureHeader, signBody } from "./webhook-signature.js";

export interface WebhookPayload {
  event: Notification["event"];
  project: string;
  /** Null on flag.*, changelog.published and announcement.published events: about no build. */
  build: BuildNotification["build"] | null;
  failedStage: NonNullable<BuildNotification["failedStage"]> | null;
  authors: BuildNotification["authors"];
  commits: BuildNotification["commits"];
  /** Only on deploy.* events. */
  deployment?: BuildNotification["deployment"];
  /** Only on alert.* events. */
  alert?: BuildNotification["alert"];
  /** Only on deploy.notice, deploy.summary and block.* events. */
  control?: BuildNotification["control"];
  /** Only on flag.* events. */
  flag?: FlagPayload;
  /** Only on changelog.published and announcement.published. */
  changelog?: ChangelogNotice;
  /** ISO 8601 time of this attempt. */
  sentAt: string;
}

/** POSTs the notification as JSON, signed with HMAC-SHA256 when the channel has a `secret`. */
export function createWebhookChannel(deps: {
  clock: Clock;
  timeoutMs?: number;
}): ChannelSender<WebhookChannelConfig> {
  const timeoutMs = deps.timeoutMs ?? defaultChannelTimeoutMs;
  const target = (config: WebhookChannelConfig) => redactUrl(config.url);
  return {
    target,
    async send(config, n, context) {
      const body = JSON.stringify(webhookPayload(n, new Date(deps.clock.now())));
      await postJson({
        label: "Webhook",
        url: config.url,
        target: target(config),
        body,
        headers: webhookHeaders(config, n, context, body),
        timeoutMs,
      });
      return { target: target(config) };
    },
  };
}

export function webhookPayload(n: Notification, sentAt: Date): WebhookPayload {
  if (isChangelogNotification(n) || isFlagNotification(n)) {
    // The same envelope as every event, so a receiver that reads `authors` or `commits` keeps working.
    return {
      event: n.event,
      project: n.project,
      build: null,
      failedStage: null,
      authors: [],
      commits: [],
      ...(isFlagNotification(n) ? { flag: flagPayload(n.flag) } : { changelog: n.changelog }),
      sentAt: sentAt.toISOString(),
    };
  }
  return {
    event: n.event,
    project: n.project,
    build: n.build,
    failedStage: n.failedStage ?? null,
    authors: n.authors,
    commits: n.commits,
    ...(n.deployment ? { deployment: n.deployment } : {}),
    ...(n.alert ? { alert: n.alert } : {}),
    ...(n.control ? { control: n.control } : {}),
    sentAt: sentAt.toISOString(),
  };
}

function webhookHeaders(
  config: WebhookChannelConfig,
  n: Notification,
  context: SendContext,
  body: string,
): Record<string, string> {
  const headers: Record<string, string> = {
    "User-Agent": "weeknight",
    "X-Weeknight-Event": n.event,
    // The same id on every retry lets a receiver drop duplicates.
    "X-Weeknight-Delivery": String(context.deliveryId),
  };
  if (config.secret) headers[signatureHeader] = signBody(config.secret, body);
  return headers;
}
