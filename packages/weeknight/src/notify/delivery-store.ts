import { type ChannelType, type DeliveryEvent, notifyEvents, TEST_EVENT } from "./notify-types.js";

export type DeliveryStatus = "pending" | "delivered" | "failed";

/** One notification sent (or being sent) to one channel: the delivery log. */
export interface DeliveryRecord {
  id: number;
  projectId: number;
  buildId: number | null;
  event: DeliveryEvent;
  channel: ChannelType;
  /** Redacted URL or comma-joined recipients; never a credential. */
  target: string;
  status: DeliveryStatus;
  attempts: number;
  lastError: string | null;
  createdAt: number;
  finishedAt: number | null;
}

export interface NewDelivery {
  projectId: number;
  buildId: number | null;
  event: DeliveryEvent;
  channel: ChannelType;
  target: string;
  createdAt: number;
}

export type DeliveryUpdate = Partial<
  Pick<DeliveryRecord, "status" | "attempts" | "lastError" | "finishedAt">
>;

export interface DeliveryQuery {
  projectId?: number;
  buildId?: number;
  event?: DeliveryEvent;
  status?: DeliveryStatus;
  limit: number;
}

export interface DeliveryStore {
  /** Stores a `pending` delivery with 0 attempts. */
  create(input: NewDelivery): Promise<DeliveryRecord>;
  /** Throws NotFoundError when the delivery does not exist. */
  update(id: number, patch: DeliveryUpdate): Promise<DeliveryRecord>;
  /** Newest first. */
  list(query: DeliveryQuery): Promise<DeliveryRecord[]>;
  /** Marks every still-pending delivery failed with `reason` (after a restart); returns how many. */
  failPending(reason: string, at: number): Promise<number>;
}

const statuses: readonly string[] = ["pending", "delivered", "failed"] satisfies DeliveryStatus[];
const channels: readonly string[] = ["slack", "webhook", "email"] satisfies ChannelType[];

export function isDeliveryStatus(value: string): value is DeliveryStatus {
  return statuses.includes(value);
}

export function isChannelType(value: string): value is ChannelType {
  return channels.includes(value);
}

export function isDeliveryEvent(value: string): value is DeliveryEvent {
  return value === TEST_EVENT || (notifyEvents as readonly string[]).includes(value);
}
