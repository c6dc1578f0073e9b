import { NotFoundError } from "../errors/domain-errors.js";
import type { DeliveryRecord, DeliveryStore } from "./delivery-store.js";

/** In-memory delivery log for unit tests; behaves like the SQL store (see the contract test). */
export function createDeliveryFakeStore(): DeliveryStore & { all(): DeliveryRecord[] } {
  const rows = new Map<number, DeliveryRecord>();
  let nextId = 1;
  return {
    async create(input) {
      const record: DeliveryRecord = {
        id: nextId++,
        ...input,
        status: "pending",
        attempts: 0,
        lastError: null,
        finishedAt: null,
      };
      rows.set(record.id, record);
      return { ...record };
    },

    async update(id, patch) {
      const current = rows.get(id);
      if (!current) throw new NotFoundError(`delivery ${id} does not exist`, { id });
      const next: DeliveryRecord = {
        ...current,
        status: patch.status ?? current.status,
        attempts: patch.attempts ?? current.attempts,
        lastError: patch.lastError === undefined ? current.lastError : patch.lastError,
        finishedAt: patch.finishedAt === undefined ? current.finishedAt : patch.finishedAt,
      };
      rows.set(id, next);
      return { ...next };
    },

    async failPending(reason, at) {
      const pending = [...rows.values()].filter((r) => r.status === "pending");
      for (const r of pending)
        rows.set(r.id, { ...r, status: "failed", lastError: reason, finishedAt: at });
      return pending.length;
    },

    async list(query) {
      return [...rows.values()]
        .filter((r) => query.projectId === undefined || r.projectId === query.projectId)
        .filter((r) => query.buildId === undefined || r.buildId === query.buildId)
        .filter((r) => query.event === undefined || r.event === query.event)
        .filter((r) => query.status === undefined || r.status === query.status)
        .sort((a, b) => b.createdAt - a.createdAt || b.id - a.id)
        .slice(0, query.limit)
        .map((r) => ({ ...r }));
    },

    all() {
      return [...rows.values()].map((r) => ({ ...r }));
    },
  };
}
