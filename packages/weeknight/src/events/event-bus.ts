import type { Clock } from "../clock.js";

/** A domain event as streamed to clients: `type` like `build.passed`, `data` plain JSON. */
export interface DomainEvent {
  id: number;
  type: string;
  at: number;
  data: Record<string, unknown>;
}

export type EventListener = (event: DomainEvent) => void;

export interface EventBus {
  publish(type: string, data: Record<string, unknown>): DomainEvent;
  subscribe(listener: EventListener): () => void;
  /** Events after `id` still in the replay buffer (for SSE `Last-Event-ID`). */
  since(id: number): DomainEvent[];
}

/** In-process fan-out with a bounded replay buffer; a slow listener never blocks a publisher. */
export function createEventBus(deps: { clock: Clock; replay?: number }): EventBus {
  const listeners = new Set<EventListener>();
  const buffer: DomainEvent[] = [];
  const replay = deps.replay ?? 1000;
  let nextId = 1;
  return {
    publish(type, data) {
      const event = { id: nextId++, type, at: deps.clock.now(), data };
      buffer.push(event);
      if (buffer.length > replay) buffer.shift();
      for (const listener of listeners) {
        try {
          listener(event);
        } catch {
          // A listener's failure is its own; the build that published must go on.
        }
      }
      return event;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    since(id) {
      return buffer.filter((e) => e.id > id);
    },
  };
}
