/**
 * The parts of `@openfeature/server-sdk`'s provider interface the Weeknight provider implements,
 * declared here so this package has no dependency, not even a type-only one.
 */

/**
 * OpenFeature's error codes. TypeScript treats two string enums with the same name and the same
 * member values as compatible, so this must stay named `ErrorCode` for the provider to satisfy
 * OpenFeature's `Provider` type without a cast. Exported as `OpenFeatureErrorCode`.
 */
export enum ErrorCode {
  PROVIDER_NOT_READY = "PROVIDER_NOT_READY",
  FLAG_NOT_FOUND = "FLAG_NOT_FOUND",
  PARSE_ERROR = "PARSE_ERROR",
  TYPE_MISMATCH = "TYPE_MISMATCH",
  GENERAL = "GENERAL",
}

export type JsonValue =
  | string
  | number
  | boolean
  | null
  | JsonValue[]
  | { [key: string]: JsonValue };

/** OpenFeature's evaluation context: a `targetingKey` and any attributes. */
export interface OpenFeatureContext {
  targetingKey?: string;
  [attribute: string]: unknown;
}

export interface ResolutionDetails<T> {
  value: T;
  variant?: string;
  reason?: string;
  errorCode?: ErrorCode;
  errorMessage?: string;
  flagMetadata?: Record<string, string | number | boolean>;
}

/** What OpenFeature passes to event handlers (its `EventDetails`). */
export interface ProviderEventDetails {
  readonly providerName: string;
  readonly clientName?: string;
  readonly domain?: string;
  readonly message?: string;
  readonly metadata?: { [key: string]: string | boolean | number };
  readonly flagsChanged?: string[];
  readonly [key: string]: unknown;
}

export type ProviderEventHandler = (details?: ProviderEventDetails) => unknown;

/** The event emitter OpenFeature subscribes to (`ProviderEventEmitter`). */
export interface ProviderEvents {
  /** A provider emits without `providerName`; OpenFeature adds it before its handlers run. */
  emit(event: string, details?: Omit<ProviderEventDetails, "providerName">): void;
  addHandler(event: string, handler: ProviderEventHandler): void;
  removeHandler(event: string, handler: ProviderEventHandler): void;
  removeAllHandlers(event?: string): void;
  getHandlers(event: string): ProviderEventHandler[];
  setLogger(logger: unknown): ProviderEvents;
}

export const CONFIGURATION_CHANGED = "PROVIDER_CONFIGURATION_CHANGED";

/** A tiny emitter; a handler that throws does not stop the others. */
export function createProviderEvents(): ProviderEvents {
  const handlers = new Map<string, ProviderEventHandler[]>();
  const events: ProviderEvents = {
    emit(event, details) {
      for (const handler of handlers.get(event) ?? []) {
        try {
          const result = handler(details as ProviderEventDetails);
          if (result instanceof Promise) result.catch(() => {});
        } catch {
          // OpenFeature's own handlers report their errors; ours must not break the client.
        }
      }
    },
    addHandler(event, handler) {
      handlers.set(event, [...(handlers.get(event) ?? []), handler]);
    },
    removeHandler(event, handler) {
      handlers.set(
        event,
        (handlers.get(event) ?? []).filter((h) => h !== handler),
      );
    },
    removeAllHandlers(event) {
      if (event === undefined) handlers.clear();
      else handlers.delete(event);
    },
    getHandlers: (event) => [...(handlers.get(event) ?? [])],
    setLogger: () => events,
  };
  return events;
}
