import type { Check } from "../monitor-types.js";
import type { SourceLine } from "./file-tail.js";
import type { LogRules } from "./log-rules.js";

/** Where a `logs` monitor's lines come from: a file tail, the release log or a push buffer. */
export interface LogLineSource {
  /** Lines not returned before; `release` is the one serving now. */
  poll(release: string | null): Promise<SourceLine[]>;
  close?(): Promise<void>;
}

/**
 * A `logs` monitor as the scheduler runs it: each run takes the source's new lines, counts them
 * against the serving release, and evaluates the rules.
 */
export function createLogsCheck(deps: { rules: LogRules; source: LogLineSource }): Check {
  return {
    async run(context) {
      const started = performance.now();
      const lines = await deps.source.poll(context.release);
      const release = context.release;
      deps.rules.ingest(lines.map((line) => ({ at: line.at, text: line.text, release })));
      const outcome = deps.rules.evaluate(context.now(), release, context.releaseSince);
      return { ...outcome, durationMs: performance.now() - started };
    },
    async close() {
      await deps.source.close?.();
    },
  };
}

export interface PushBuffer extends LogLineSource {
  /** Lines pushed for this monitor (its `push` labels matched); the oldest go past `max`. */
  add(lines: readonly SourceLine[]): void;
  /** Lines dropped because runs did not keep up. */
  readonly dropped: number;
}

/** Holds pushed lines between two runs of a monitor, at most `max` of them (default 100,000). */
export function createPushBuffer(max = 100_000): PushBuffer {
  let pending: SourceLine[] = [];
  let dropped = 0;
  return {
    get dropped() {
      return dropped;
    },
    add(lines) {
      for (const line of lines) pending.push(line);
      if (pending.length > max) {
        dropped += pending.length - max;
        pending = pending.slice(pending.length - max);
      }
    },
    async poll() {
      const lines = pending;
      pending = [];
      return lines;
    },
  };
}
