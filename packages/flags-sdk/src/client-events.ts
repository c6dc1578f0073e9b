import { FlagsClientError } from "./flags-client-errors.js";

export interface FlagsChange {
  /** The version now in force. */
  version: string;
  previousVersion: string;
}

export interface FlagsClientEvents {
  /** Flags are known (first server answer or bootstrap). Fires once; late listeners still get it. */
  ready: () => void;
  /** Different flags are in force. */
  changed: (change: FlagsChange) => void;
  /** Once per distinct failure until things work again; the client keeps going. */
  error: (error: FlagsClientError) => void;
}

export type FlagsClientEvent = keyof FlagsClientEvents;

export interface ClientEvents {
  readonly isReady: boolean;
  on<E extends FlagsClientEvent>(event: E, listener: FlagsClientEvents[E]): () => void;
  ready(): void;
  changed(change: FlagsChange): void;
  error(error: FlagsClientError): void;
}

/**
 * Listeners for the three client events. A listener that throws never breaks the client: a
 * throwing `ready` or `changed` listener is reported as an `error`; a throwing `error` listener
 * is ignored. Errors with no listener go to `warn`, so a rejected key is never silent.
 */
export function createClientEvents(warn: (message: string) => void): ClientEvents {
  const ready = new Set<() => void>();
  const changed = new Set<(change: FlagsChange) => void>();
  const errors = new Set<(error: FlagsClientError) => void>();
  let isReady = false;

  const error = (e: FlagsClientError) => {
    if (errors.size === 0) return warn(`weeknight flags: ${e.message}`);
    for (const listener of [...errors]) {
      try {
        listener(e);
      } catch {
        // An error listener that throws has nowhere left to report to.
      }
    }
  };
  const call = (event: string, listener: () => void) => {
    try {
      listener();
    } catch (cause) {
      error(
        new FlagsClientError("LISTENER_FAILED", `a "${event}" listener threw: ${String(cause)}`, {
          reason: String(cause),
          cause,
        }),
      );
    }
  };

  return {
    get isReady() {
      return isReady;
    },
    on(event, listener) {
      const set = (event === "ready" ? ready : event === "changed" ? changed : errors) as Set<
        typeof listener
      >;
      set.add(listener);
      if (event === "ready" && isReady) {
        // Late listeners are called too, but never synchronously inside `on`.
        queueMicrotask(() => {
          if (set.delete(listener)) call("ready", listener as () => void);
        });
      }
      return () => {
        set.delete(listener);
      };
    },
    ready() {
      if (isReady) return;
      isReady = true;
      for (const listener of [...ready]) {
        ready.delete(listener);
        call("ready", listener);
      }
    },
    changed(change) {
      for (const listener of [...changed]) call("changed", () => listener(change));
    },
    error,
  };
}

export interface FailureFilter<C extends string> {
  failed(error: FlagsClientError, channel: C): void;
  succeeded(channel: C): void;
}

/**
 * Emits each distinct failure (code and reason) once until it is over. A success on `healer`
 * (the stream) clears every failure; a success elsewhere (a poll) clears all but the healer's,
 * so a broken stream is not reported again after each successful fallback poll.
 */
export function createFailureFilter<C extends string>(
  emit: (error: FlagsClientError) => void,
  healer?: C,
): FailureFilter<C> {
  const seen = new Map<string, C>();
  return {
    failed(error, channel) {
      const key = `${error.code} ${error.reason}`;
      if (seen.has(key)) return;
      seen.set(key, channel);
      emit(error);
    },
    succeeded(channel) {
      if (seen.size === 0) return;
      for (const [key, by] of seen) if (channel === healer || by !== healer) seen.delete(key);
    },
  };
}
