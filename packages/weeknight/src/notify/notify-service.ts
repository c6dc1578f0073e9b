import type { Clock } from "../clock.js";
import type { DeliveryRecord, DeliveryStore } from "./delivery-store.js";
import { createEmailChannel, type EmailDefaults } from "./email/email-channel.js";
import type { Notification } from "./notify-message.js";
import type {
  ChannelSender,
  ChannelSenders,
  NotifyChannelConfig,
  SendContext,
} from "./notify-types.js";
import { createSlackChannel } from "./slack/slack-channel.js";
import { createWebhookChannel } from "./webhook/webhook-channel.js";

export interface RetryPolicy {
  /** Total attempts per delivery, the first one included. */
  attempts: number;
  /** Wait before the 2nd attempt; doubles after each further failure. */
  baseDelayMs: number;
}

export const defaultRetry: RetryPolicy = { attempts: 4, baseDelayMs: 500 };

export interface NotifyServiceDeps {
  store: DeliveryStore;
  clock: Clock;
  email: EmailDefaults;
  senders?: Partial<ChannelSenders>;
  retry?: RetryPolicy;
  /** Per-attempt timeout of the default senders (10 s when unset). */
  timeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** Called once per delivery with its final state (delivered or failed). */
  onDelivery?: (delivery: DeliveryRecord) => void;
  /** Problems outside a channel (store down, a throwing onDelivery); defaults to stderr. */
  onError?: (error: Error) => void;
}

export interface NotifyInput {
  projectId: number;
  /** Null when the notification is not about a build (a flag's). */
  buildId: number | null;
  channels: NotifyChannelConfig[];
  notification: Notification;
}

export interface NotifyService {
  /** Records a pending delivery per matching channel and sends in the background — never awaited by builds. */
  notify(input: NotifyInput): void;
  /**
   * Sends through one channel now, whatever its `events:`, with a single attempt (a test
   * wants the answer, not a retry later), and resolves with the finished delivery.
   */
  sendNow(
    input: Omit<NotifyInput, "channels"> & { channel: NotifyChannelConfig },
  ): Promise<DeliveryRecord>;
  /** Resolves when every in-flight delivery has finished (tests, demo, shutdown). */
  drain(): Promise<void>;
}

/** A sender bound to one channel's config and one notification. */
interface BoundDelivery {
  target: string;
  send(context: SendContext): Promise<unknown>;
}

export function createNotifyService(deps: NotifyServiceDeps): NotifyService {
  const senders: ChannelSenders = {
    slack: deps.senders?.slack ?? createSlackChannel({ timeoutMs: deps.timeoutMs }),
    webhook:
      deps.senders?.webhook ??
      createWebhookChannel({ clock: deps.clock, timeoutMs: deps.timeoutMs }),
    email: deps.senders?.email ?? createEmailChannel({ ...deps.email, timeoutMs: deps.timeoutMs }),
  };
  const retry = deps.retry ?? defaultRetry;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const onError =
    deps.onError ??
    ((error: Error) => console.error(`weeknight: notification delivery: ${error.message}`));
  const inFlight = new Set<Promise<void>>();

  function bind(channel: NotifyChannelConfig, n: Notification): BoundDelivery {
    const make = <C>(sender: ChannelSender<C>, config: C): BoundDelivery => ({
      target: sender.target(config, n),
      send: (context) => sender.send(config, n, context),
    });
    switch (channel.type) {
      case "slack":
        return make(senders.slack, channel);
      case "webhook":
        return make(senders.webhook, channel);
      case "email":
        return make(senders.email, channel);
    }
  }

  async function deliver(
    channel: NotifyChannelConfig,
    input: Omit<NotifyInput, "channels">,
    maxAttempts = retry.attempts,
  ): Promise<DeliveryRecord> {
    const n = input.notification;
    const bound = bind(channel, n);
    const { store, clock } = deps;
    const created = await store.create({
      projectId: input.projectId,
      buildId: input.buildId,
      event: n.event,
      channel: channel.type,
      target: bound.target,
      createdAt: clock.now(),
    });
    let lastError: string | null = null;
    let attempts = 0;
    let delivered = false;
    while (!delivered && attempts < Math.max(1, maxAttempts)) {
      attempts++;
      try {
        await bound.send({ deliveryId: created.id, attempt: attempts });
        delivered = true;
      } catch (error) {
        lastError = error instanceof Error ? error.message : String(error);
        if (attempts >= maxAttempts) break;
        // Record progress so the delivery log shows a retrying channel while it waits.
        await store.update(created.id, { attempts, lastError });
        await sleep(retry.baseDelayMs * 2 ** (attempts - 1));
      }
    }
    const final = await store.update(created.id, {
      status: delivered ? "delivered" : "failed",
      attempts,
      lastError,
      finishedAt: clock.now(),
    });
    deps.onDelivery?.(final);
    return final;
  }

  function track(task: Promise<unknown>): void {
    const settled = task.then(
      () => undefined,
      (error: unknown) => onError(error instanceof Error ? error : new Error(String(error))),
    );
    inFlight.add(settled);
    void settled.finally(() => inFlight.delete(settled));
  }

  return {
    notify(input) {
      for (const channel of input.channels) {
        const events: readonly string[] = channel.events;
        if (!events.includes(input.notification.event)) continue;
        track(deliver(channel, input));
      }
    },

    sendNow(input) {
      const task = deliver(input.channel, input, 1);
      track(task);
      return task;
    },

    async drain() {
      while (inFlight.size > 0) await Promise.all(inFlight);
    },
  };
}
