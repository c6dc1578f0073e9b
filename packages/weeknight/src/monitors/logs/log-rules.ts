import type { LogRuleConfig, LogsMonitorConfig } from "../../config/monitor-schema.js";
import { DomainError, InvalidInputError } from "../../errors/domain-errors.js";
import type { CheckOutcome, CheckStatus } from "../monitor-types.js";
import { createPatternBook, type KnownPattern } from "./pattern-book.js";
import { compileSafePattern } from "./safe-pattern.js";

/** One log line: when it was written (epoch ms), its text, and the release that wrote it. */
export interface LogLine {
  at: number;
  text: string;
  /** Absent for sources that cannot tell (the check fills in the serving release). */
  release?: string | null;
}

export interface LogRules {
  /** Counts lines into time buckets; lines older than the longest window are dropped. */
  ingest(lines: readonly LogLine[]): void;
  evaluate(now: number, release: string | null, releaseSince: number | null): CheckOutcome;
  /** Error patterns seen, most recently seen first, for the API. */
  knownPatterns(): KnownPattern[];
}

export interface LogRulesOptions {
  /** When watching began (epoch ms): before it, "new since the deploy" cannot be told. */
  startedAt: number;
  /** Width of a count bucket (default 10 s, less for windows under 5 minutes). */
  bucketMs?: number;
  /** Error patterns remembered; the least recently seen are forgotten first (default 10,000). */
  maxPatterns?: number;
  /** Patterns remembered from before (e.g. from storage, after a restart). */
  known?: readonly KnownPattern[];
}

/** Lines are matched on their first 16 KiB: a bounded cost per line, whatever is logged. */
export const MATCH_MAX_CHARS = 16 * 1024;

/**
 * The rules of one `logs` monitor over the lines fed to it. Memory stays bounded: counts live in
 * a ring of time buckets (not per line), and the book of error patterns has a fixed size.
 */
export function createLogRules(
  config: Pick<LogsMonitorConfig, "name" | "errors" | "rules">,
  options: LogRulesOptions,
): LogRules {
  const errors = compileIn(config.name, "errors", config.errors);
  const patternRules = config.rules.filter((rule) => rule.pattern !== undefined);
  const patterns = patternRules.map((rule) =>
    compileIn(config.name, `rule "${rule.name}"`, rule.pattern ?? ""),
  );
  const longest = Math.max(...config.rules.map((rule) => rule.window));
  const shortest = Math.min(...config.rules.map((rule) => rule.window));
  const bucketMs = options.bucketMs ?? Math.max(1000, Math.min(10_000, Math.floor(shortest / 30)));
  const slots = Math.ceil(longest / bucketMs) + 2;
  const ids = new Float64Array(slots).fill(-1);
  const totals = new Float64Array(slots);
  const errorCounts = new Float64Array(slots);
  const width = patterns.length;
  const matches = new Float64Array(slots * width);
  const book = createPatternBook({ max: options.maxPatterns ?? 10_000, known: options.known });
  let watchingSince = options.startedAt;

  function slotOf(at: number): number {
    const id = Math.floor(at / bucketMs);
    const slot = id % slots;
    if (ids[slot] === id) return slot;
    if ((ids[slot] ?? -1) > id) return -1; // older than any window: the slot holds newer lines
    ids[slot] = id;
    totals[slot] = 0;
    errorCounts[slot] = 0;
    matches.fill(0, slot * width, slot * width + width);
    return slot;
  }

  function sum(counts: Float64Array, now: number, window: number, column = 0, stride = 1): number {
    const last = Math.floor(now / bucketMs);
    const first = Math.floor((now - window) / bucketMs) + 1;
    let total = 0;
    for (let id = Math.max(first, last - slots + 1); id <= last; id++) {
      const slot = id % slots;
      if (ids[slot] === id) total += counts[slot * stride + column] ?? 0;
    }
    return total;
  }

  function judge(rule: LogRuleConfig, now: number, release: string | null, since: number | null) {
    const window = formatWindow(rule.window);
    if (rule.pattern !== undefined) {
      const count = sum(matches, now, rule.window, patternRules.indexOf(rule), width);
      return part(
        rule,
        count <= rule.max ? "pass" : "fail",
        count,
        `${count} ${plural(count, "line")} matching ${rule.pattern} in the last ${window} (max ${rule.max})`,
      );
    }
    if (rule.error_rate) {
      const all = sum(totals, now, rule.window);
      const bad = sum(errorCounts, now, rule.window);
      if (all === 0) return part(rule, "inconclusive", null, `no log lines in the last ${window}`);
      const rate = bad / all;
      return part(
        rule,
        rate <= rule.max ? "pass" : "fail",
        rate,
        `error rate ${percent(rate)} (${bad} of ${all} lines) in the last ${window} (max ${percent(rule.max)})`,
      );
    }
    return judgeNew(rule, now, release, since);
  }

  function judgeNew(
    rule: LogRuleConfig,
    now: number,
    release: string | null,
    since: number | null,
  ) {
    if (since === null)
      return part(rule, "inconclusive", null, "no release is serving: nothing to compare with");
    if (watchingSince > since) {
      return part(
        rule,
        "inconclusive",
        null,
        `watching since ${new Date(watchingSince).toISOString()}, after release ${release ?? "?"} went live: cannot tell new error patterns from old ones until the next deploy`,
      );
    }
    const fresh = book.firstSeenSince(since, now - rule.window);
    const count = fresh.length;
    const named = fresh
      .slice(0, 3)
      .map((p) => `"${p.template}" ×${p.count}`)
      .join(", ");
    const more = count > 3 ? `, and ${count - 3} more` : "";
    const message =
      count === 0
        ? `no new error patterns in release ${release ?? "?"}`
        : `${count} new error ${plural(count, "pattern")} in release ${release ?? "?"}: ${named}${more}`;
    return part(rule, count <= rule.max ? "pass" : "fail", count, message);
  }

  return {
    ingest(lines) {
      for (const line of lines) {
        if (!(line.at >= 0)) continue; // NaN or before 1970: a broken clock, not a log line
        if (line.at < watchingSince) watchingSince = line.at;
        const slot = slotOf(line.at);
        if (slot < 0) continue;
        totals[slot] = (totals[slot] ?? 0) + 1;
        const text =
          line.text.length > MATCH_MAX_CHARS ? line.text.slice(0, MATCH_MAX_CHARS) : line.text;
        for (let p = 0; p < width; p++) {
          if (patterns[p]?.test(text))
            matches[slot * width + p] = (matches[slot * width + p] ?? 0) + 1;
        }
        if (errors.test(text)) {
          errorCounts[slot] = (errorCounts[slot] ?? 0) + 1;
          book.note(text, line.at, line.release ?? null);
        }
      }
    },
    evaluate(now, release, releaseSince) {
      const started = performance.now();
      const parts = config.rules.map((rule) => judge(rule, now, release, releaseSince));
      return { ...summarize(parts), durationMs: performance.now() - started, parts };
    },
    knownPatterns: () => book.list(),
  };
}

type Part = NonNullable<CheckOutcome["parts"]>[number];

function part(
  rule: LogRuleConfig,
  status: CheckStatus,
  value: number | null,
  message: string,
): Part {
  return { name: rule.name, status, message, value };
}

/** Any failing rule fails the monitor; otherwise any rule without data makes it inconclusive. */
function summarize(parts: Part[]): Pick<CheckOutcome, "status" | "message"> {
  const failed = parts.filter((p) => p.status === "fail");
  if (failed.length > 0)
    return { status: "fail", message: failed.map((p) => `${p.name}: ${p.message}`).join("; ") };
  const unsure = parts.filter((p) => p.status === "inconclusive");
  if (unsure.length > 0)
    return {
      status: "inconclusive",
      message: unsure.map((p) => `${p.name}: ${p.message}`).join("; "),
    };
  return {
    status: "pass",
    message:
      parts.length === 1
        ? `${parts[0]?.name}: ${parts[0]?.message}`
        : `all ${parts.length} log rules pass`,
  };
}

/** Pattern errors name the monitor and rule, for `weeknight validate`. */
function compileIn(monitor: string, where: string, source: string): RegExp {
  try {
    return compileSafePattern(source);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    throw new InvalidInputError(`monitor "${monitor}", ${where}: ${error.message}`);
  }
}

function formatWindow(ms: number): string {
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  if (ms % 60_000 === 0) return `${ms / 60_000}m`;
  if (ms % 1000 === 0) return `${ms / 1000}s`;
  return `${ms}ms`;
}

function percent(ratio: number): string {
  return `${Number((ratio * 100).toFixed(2))}%`;
}

function plural(count: number, word: string): string {
  return count === 1 ? word : `${word}s`;
}
