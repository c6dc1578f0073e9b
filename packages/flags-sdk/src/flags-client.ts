import {
  createClientEvents,
  createFailureFilter,
  type FlagsClientEvent,
  type FlagsClientEvents,
} from "./client-events.js";
import { compileFlags, type FlagEvaluator } from "./evaluate.js";
import { createEvaluationCounter } from "./evaluation-counter.js";
import { isInlineBootstrap, readBootstrap } from "./flag-bootstrap.js";
import { parseFlagSet } from "./flag-set-schema.js";
import { type SyncChannel, startFlagSync } from "./flag-sync.js";
import type { Context, Flag, FlagSet, VariantResult } from "./flag-types.js";
import { FlagsClientError } from "./flags-client-errors.js";
import { type FlagsClientOptions, resolveOptions } from "./flags-client-options.js";
import { type MetricsReporter, startMetricsReporter } from "./metrics-reporter.js";

export interface FlagsClient {
  /** Synchronous, from the flags in force: bootstrap until the server answers, all off before. */
  isEnabled(key: string, context?: Context): boolean;
  getVariant(key: string, context?: Context): VariantResult;
  /** The definition in force for `key`; undefined when the flag set has no such flag. */
  flag(key: string): Flag | undefined;
  /** The version of the flags in force, "" before any. */
  readonly version: string;
  /** What `compileFlags` found wrong in the flags in force (each turned something off). */
  readonly problems: readonly string[];
  readonly isReady: boolean;
  /**
   * Resolves once flags are known: the first server answer or the bootstrap. It keeps waiting
   * through failures (see the `error` event) unless `timeoutMs` is given; rejects on `close()`.
   */
  ready(options?: { timeoutMs?: number }): Promise<void>;
  /** Subscribes; returns the unsubscribe function. */
  on<E extends FlagsClientEvent>(event: E, listener: FlagsClientEvents[E]): () => void;
  /** Stops the stream, polling and timers, sends the last evaluation counts once, and resolves. */
  close(): Promise<void>;
}

const NOTHING: FlagSet = { version: "", flags: [], segments: [] };

/** Definitions by key; like `compileFlags`, the first flag with a key wins. */
function indexFlags(flags: readonly Flag[]): Map<string, Flag> {
  const byKey = new Map<string, Flag>();
  for (const flag of flags) {
    if (typeof flag?.key === "string" && !byKey.has(flag.key)) byKey.set(flag.key, flag);
  }
  return byKey;
}

/**
 * A client for one Weeknight project and environment: fetches the flags, keeps them current
 * (stream or poll), evaluates locally, counts evaluations and reports them in the background.
 */
export function createFlagsClient(options: FlagsClientOptions): FlagsClient {
  const o = resolveOptions(options);
  const compileOptions = { now: o.now, random: o.random };
  const events = createClientEvents(o.warn);
  const flagFailures = createFailureFilter<SyncChannel | "bootstrap">(events.error, "stream");
  const metricsFailures = createFailureFilter<"metrics">(events.error);
  const counter = createEvaluationCounter(o.now);
  const counting = o.metricsIntervalMs > 0;
  let evaluator: FlagEvaluator = compileFlags(NOTHING, compileOptions);
  let definitions = new Map<string, Flag>();
  let inForce: string | undefined;
  let fromServer = false;
  let closed = false;
  let lastFailure: FlagsClientError | undefined;
  const onClose = new Set<() => void>();

  const failed = (error: FlagsClientError, channel: SyncChannel | "bootstrap") => {
    lastFailure = error;
    flagFailures.failed(error, channel);
  };

  /** Puts a flag set in force unless it is malformed; false when it was refused. */
  function apply(text: string, from: string, source: "server" | "bootstrap"): boolean {
    if (closed) return false;
    // The server's flags are newer than any bootstrap, however late the file is read.
    if (source === "bootstrap" && fromServer) return true;
    if (text !== inForce) {
      const parsed = parseFlagSet(text);
      if (!parsed.ok) {
        const kept = inForce === undefined ? "no flags yet" : `version ${evaluator.version}`;
        const error =
          source === "server"
            ? new FlagsClientError(
                "MALFORMED_FLAGS",
                `${from} sent an invalid flag set: ${parsed.problem}. Keeping ${kept}.`,
                { reason: parsed.problem },
              )
            : new FlagsClientError(
                "BOOTSTRAP_FAILED",
                `${from} is not a flag set: ${parsed.problem}.`,
                { reason: parsed.problem },
              );
        failed(error, source === "server" ? "poll" : "bootstrap");
        return false;
      }
      const previousVersion = evaluator.version;
      const first = inForce === undefined;
      evaluator = compileFlags(parsed.set, compileOptions);
      definitions = indexFlags(parsed.set.flags);
      inForce = text;
      if (!first) events.changed({ version: evaluator.version, previousVersion });
    }
    if (source === "server") fromServer = true;
    events.ready();
    return true;
  }

  let bootstrapping: Promise<void> | undefined;
  if (o.bootstrap !== undefined && isInlineBootstrap(o.bootstrap)) {
    apply(JSON.stringify(o.bootstrap), "the bootstrap flag set", "bootstrap");
  } else if (o.bootstrap !== undefined) {
    const where = `the bootstrap file ${o.bootstrap.file}`;
    bootstrapping = readBootstrap(o.bootstrap, o.readFile).then(
      (text) => void apply(text, where, "bootstrap"),
      (error) => {
        if (closed) return;
        const message = `cannot read ${where}: ${error?.message}.`;
        const reason = String(error?.code ?? error);
        failed(
          new FlagsClientError("BOOTSTRAP_FAILED", message, { reason, cause: error }),
          "bootstrap",
        );
      },
    );
  }

  const sync = startFlagSync({
    ...o,
    receive: (text, from) => apply(text, from, "server"),
    failed,
    succeeded: (channel) => flagFailures.succeeded(channel),
  });

  const metrics: MetricsReporter | undefined = counting
    ? startMetricsReporter({
        ...o,
        intervalMs: o.metricsIntervalMs,
        counter,
        failed: (error) => metricsFailures.failed(error, "metrics"),
        succeeded: () => metricsFailures.succeeded("metrics"),
      })
    : undefined;

  let closing: Promise<void> | undefined;

  return {
    isEnabled(key, context) {
      const on = evaluator.isEnabled(key, context);
      if (counting) counter.count(key, on);
      return on;
    },
    getVariant(key, context) {
      const variant = evaluator.getVariant(key, context);
      if (counting) counter.countVariant(key, variant.featureEnabled, variant.name);
      return variant;
    },
    flag: (key) => definitions.get(key),
    get version() {
      return evaluator.version;
    },
    get problems() {
      return evaluator.problems;
    },
    get isReady() {
      return events.isReady;
    },
    ready({ timeoutMs } = {}) {
      if (events.isReady) return Promise.resolve();
      if (closed) return Promise.reject(new FlagsClientError("CLOSED", "the client is closed."));
      return new Promise<void>((resolve, reject) => {
        let timer: NodeJS.Timeout | undefined;
        const settle = () => {
          off();
          clearTimeout(timer);
          onClose.delete(abandon);
        };
        const off = events.on("ready", () => {
          settle();
          resolve();
        });
        const abandon = () => {
          settle();
          reject(new FlagsClientError("CLOSED", "the client was closed before flags were known."));
        };
        onClose.add(abandon);
        if (timeoutMs === undefined) return;
        timer = setTimeout(() => {
          settle();
          const why = lastFailure ? ` The last failure: ${lastFailure.message}` : "";
          reject(new FlagsClientError("READY_TIMEOUT", `no flags after ${timeoutMs} ms.${why}`));
        }, timeoutMs);
      });
    },
    on: (event, listener) => events.on(event, listener),
    close() {
      closing ??= (async () => {
        closed = true;
        for (const abandon of [...onClose]) abandon();
        await sync.stop();
        await bootstrapping;
        await metrics?.stop();
      })();
      return closing;
    },
  };
}
