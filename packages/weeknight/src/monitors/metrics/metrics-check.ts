import type { MetricsMonitorConfig } from "../../config/monitor-schema.js";
import { InvalidInputError } from "../../errors/domain-errors.js";
import type { Check, CheckContext, CheckOutcome } from "../monitor-types.js";
import { formatDuration } from "./metric-format.js";
import { compileMetricRules, type RuleResult } from "./metric-rules.js";
import { ScrapeError, scrapeMetrics } from "./metrics-scrape.js";
import { parsePrometheusText } from "./prometheus-text.js";
import { createScrapeHistory, selectSeries } from "./scrape-history.js";

export interface MetricsCheckOptions {
  /** What a relative `url` such as `/metrics` resolves against: the environment's URL. */
  baseUrl?: string;
  /** Replaces `${SECRET}` references in header values; may throw when one is missing. */
  resolveSecrets?: (text: string) => string;
}

/**
 * Application ("guts") monitoring: scrapes a Prometheus text endpoint and evaluates the rules.
 * The check keeps the recent scrapes (only the series its rules select, only as long as the
 * longest window plus one interval) so rates need no Prometheus. Throws InvalidInputError at
 * creation for a bad URL or selector.
 */
export function createMetricsCheck(
  config: MetricsMonitorConfig,
  options: MetricsCheckOptions = {},
): Check {
  const url = resolveScrapeUrl(config.url, options.baseUrl, config.name);
  const shownUrl = `${url.protocol}//${url.host}${url.pathname}`; // no userinfo or query tokens
  checkWindows(config);
  const rules = compileMetricRules(config.rules);
  const history = createScrapeHistory(rules.longestWindowMs + config.interval);
  const resolve = options.resolveSecrets ?? ((text: string) => text);

  return {
    async run(context: CheckContext): Promise<CheckOutcome> {
      const started = context.now();
      let text: string;
      try {
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(config.headers)) headers[name] = resolve(value);
        text = await scrapeMetrics({
          url,
          headers,
          timeoutMs: config.timeout,
          signal: context.signal,
        });
        const families = parsePrometheusText(text);
        history.add({ at: started, selected: selectSeries(families, rules.selectors) });
      } catch (error) {
        const why = error instanceof Error ? error.message : String(error);
        const known = error instanceof ScrapeError || error instanceof InvalidInputError;
        return {
          status: "fail",
          durationMs: context.now() - started,
          message: `scrape of ${shownUrl} failed: ${known ? why : `unexpected error: ${why}`}`,
        };
      }
      const results = rules.evaluate(history.points(), started);
      return summarize(results, context.now() - started);
    },
  };
}

export function resolveScrapeUrl(raw: string, baseUrl: string | undefined, monitor: string): URL {
  const absolute = URL.canParse(raw);
  if (!absolute && baseUrl === undefined) {
    throw new InvalidInputError(
      `metrics monitor "${monitor}": url ${raw} is relative and the environment has no url; give an absolute URL such as http://127.0.0.1:3000/metrics`,
    );
  }
  if (!absolute && !URL.canParse(raw, baseUrl)) {
    throw new InvalidInputError(
      `metrics monitor "${monitor}": url ${raw} does not resolve against ${baseUrl}; give an absolute URL`,
    );
  }
  const url = absolute ? new URL(raw) : new URL(raw, baseUrl);
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new InvalidInputError(
      `metrics monitor "${monitor}": url ${raw} must be an http:// or https:// address`,
    );
  }
  return url;
}

/** A window shorter than the interval could never hold the two scrapes a rate needs. */
function checkWindows(config: MetricsMonitorConfig): void {
  for (const rule of config.rules) {
    if (rule.gauge === undefined && rule.window < config.interval) {
      throw new InvalidInputError(
        `metrics rule "${rule.name}": window ${formatDuration(rule.window)} is shorter than the monitor's interval ${formatDuration(config.interval)}, so it can never hold the two scrapes a rate needs; make the window at least ${formatDuration(2 * config.interval)}`,
      );
    }
  }
}

/** Fail if any rule fails, else inconclusive if any is, else pass; one part per rule. */
function summarize(results: readonly RuleResult[], durationMs: number): CheckOutcome {
  const failed = results.filter((r) => r.status === "fail");
  const unsure = results.filter((r) => r.status === "inconclusive");
  const status = failed.length > 0 ? "fail" : unsure.length > 0 ? "inconclusive" : "pass";
  const shown = failed.length > 0 ? failed : unsure.length > 0 ? unsure : results;
  const message =
    status === "pass" && results.length > 1
      ? `all ${results.length} rules pass`
      : shown.map((r) => r.message).join("; ");
  const parts = results.map(({ name, status, message, value }) => ({
    name,
    status,
    message,
    value,
  }));
  return { status, durationMs, message, parts };
}
