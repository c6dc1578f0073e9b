import type { MetricRuleConfig } from "../../config/monitor-schema.js";
import { InvalidInputError } from "../../errors/domain-errors.js";
import type { CheckStatus } from "../monitor-types.js";
import { formatDuration, formatNumber, formatPercent } from "./metric-format.js";
import type { ScrapePoint } from "./scrape-history.js";
import { parseSeriesSelector, type SeriesSelector } from "./series-selector.js";

/**
 * The rules of a metrics monitor: a gauge's value, a counter's rate over a window, and the
 * ratio of two rates. A result is pass, fail or inconclusive — no data, NaN, too few scrapes
 * or too little traffic is never reported as a failure.
 */

export interface RuleResult {
  name: string;
  status: CheckStatus;
  message: string;
  /** The gauge's sum, the rate per second, or the ratio (0.072 for 7.2 %); null when unknown. */
  value: number | null;
}

export interface CompiledMetricRules {
  /** Every distinct selector the rules use; a ScrapePoint holds one entry per selector. */
  selectors: readonly SeriesSelector[];
  /** The longest window a rule looks back over (0 for gauges only). */
  longestWindowMs: number;
  /** Evaluates every rule, in order, at `now` (the newest point is the current scrape). */
  evaluate(history: readonly ScrapePoint[], now: number): RuleResult[];
}

type Evaluate = (history: readonly ScrapePoint[], now: number) => RuleResult;

/** Throws InvalidInputError naming the rule when one of its selectors is invalid. */
export function compileMetricRules(rules: readonly MetricRuleConfig[]): CompiledMetricRules {
  const selectors: SeriesSelector[] = [];
  const indexOf = (rule: MetricRuleConfig, field: string, text: string): number => {
    const selector = parseRuleSelector(rule, field, text);
    const found = selectors.findIndex((s) => s.text === selector.text);
    if (found >= 0) return found;
    selectors.push(selector);
    return selectors.length - 1;
  };
  const evaluators = rules.map((rule) => compileRule(rule, indexOf));
  const windows = rules.filter((r) => r.gauge === undefined).map((r) => r.window);
  return {
    selectors,
    longestWindowMs: Math.max(0, ...windows),
    evaluate: (history, now) => evaluators.map((evaluate) => evaluate(history, now)),
  };
}

function parseRuleSelector(rule: MetricRuleConfig, field: string, text: string): SeriesSelector {
  try {
    return parseSeriesSelector(text);
  } catch (error) {
    if (!(error instanceof InvalidInputError)) throw error;
    throw new InvalidInputError(`metrics rule "${rule.name}", ${field}: ${error.message}`, {
      rule: rule.name,
      field,
      ...(error.details as object | undefined),
    });
  }
}

type IndexOf = (rule: MetricRuleConfig, field: string, text: string) => number;

function compileRule(rule: MetricRuleConfig, indexOf: IndexOf): Evaluate {
  const { name, window } = rule;
  const over = formatDuration(window);
  if (rule.gauge !== undefined) {
    const index = indexOf(rule, "gauge", rule.gauge);
    return (history) => gaugeResult(rule, history, index, rule.gauge as string);
  }
  if (rule.rate !== undefined) {
    const index = indexOf(rule, "rate", rule.rate);
    const text = rule.rate;
    return (history, now) => {
      const rate = rateOver(history, index, text, now, window);
      if (typeof rate === "string") return inconclusive(name, rate);
      return judge(rule, rate, formatNumber, "/s", `(${text} over ${over})`);
    };
  }
  if (rule.ratio !== undefined) {
    const { numerator, denominator } = rule.ratio;
    const num = indexOf(rule, "ratio.numerator", numerator);
    const den = indexOf(rule, "ratio.denominator", denominator);
    return (history, now) => {
      const denRate = rateOver(history, den, denominator, now, window);
      if (typeof denRate === "string") return inconclusive(name, denRate);
      if (denRate < rule.min_rate) {
        return inconclusive(
          name,
          `too little traffic: ${formatNumber(denRate)}/s < min_rate ${formatNumber(rule.min_rate)}/s (${denominator} over ${over})`,
        );
      }
      if (denRate === 0) return inconclusive(name, `no traffic: ${denominator} 0/s over ${over}`);
      const numRate = rateOver(history, num, numerator, now, window);
      if (typeof numRate === "string") return inconclusive(name, numRate);
      const detail = `(${numerator} ${formatNumber(numRate)}/s ÷ ${formatNumber(denRate)}/s over ${over})`;
      return judge(rule, numRate / denRate, formatPercent, "", detail);
    };
  }
  throw new InvalidInputError(`metrics rule "${name}": give exactly one of gauge, rate or ratio`);
}

function gaugeResult(
  rule: MetricRuleConfig,
  history: readonly ScrapePoint[],
  index: number,
  text: string,
): RuleResult {
  const selected = history.at(-1)?.selected[index];
  if (selected === undefined || selected.values.size === 0) {
    return inconclusive(rule.name, `no series match ${text}`);
  }
  let sum = 0;
  for (const value of selected.values.values()) sum += value;
  if (Number.isNaN(sum)) return inconclusive(rule.name, `${text} is NaN`);
  const count = selected.values.size;
  return judge(rule, sum, formatNumber, "", count > 1 ? `(${text}, ${count} series)` : `(${text})`);
}

/**
 * Per-second increase of the matching counters over the window, summed per series so one
 * series' reset does not hide another's growth. Like Prometheus, a decrease is a reset (the
 * counter restarted from 0). Unlike plain Prometheus, a series that appears between two scrapes
 * counts from 0: labelled counters appear on their first increment, and those first errors
 * after a deploy are the ones that matter. Returns why not, as a string, when it cannot tell.
 */
export function rateOver(
  history: readonly ScrapePoint[],
  index: number,
  text: string,
  now: number,
  windowMs: number,
): number | string {
  const from = now - windowMs;
  let first = history.length;
  while (first > 0 && (history[first - 1] as ScrapePoint).at >= from) first--;
  const count = history.length - first;
  if (count < 2) {
    return `not enough scrapes in the ${formatDuration(windowMs)} window yet (${count} of 2)`;
  }
  let known = false;
  let increase = 0;
  for (let i = first; i < history.length; i++) {
    const current = (history[i] as ScrapePoint).selected[index];
    if (current === undefined) continue;
    known ||= current.known;
    if (i === first) continue;
    const previous = (history[i - 1] as ScrapePoint).selected[index]?.values;
    for (const [key, value] of current.values) {
      const before = previous?.get(key);
      increase += before === undefined || value < before ? value : value - before;
    }
  }
  if (!known) return `no series match ${text}`;
  if (Number.isNaN(increase)) return `${text} is NaN`;
  const seconds = ((history.at(-1) as ScrapePoint).at - (history[first] as ScrapePoint).at) / 1000;
  return increase / seconds;
}

function judge(
  rule: MetricRuleConfig,
  value: number,
  format: (n: number) => string,
  unit: string,
  detail: string,
): RuleResult {
  const shown = `${rule.name} ${format(value)}${unit}`;
  const limit = (n: number) => `${format(n)}${unit}`;
  const { below, above } = rule;
  let message: string;
  let status: CheckStatus = "fail";
  if (below !== undefined && !(value < below)) message = `${shown} is not below ${limit(below)}`;
  else if (above !== undefined && !(value > above)) {
    message = `${shown} is not above ${limit(above)}`;
  } else {
    status = "pass";
    const parts = [above === undefined ? "" : `above ${limit(above)}`];
    if (below !== undefined) parts.push(`below ${limit(below)}`);
    message = `${shown} is ${parts.filter(Boolean).join(" and ")}`;
  }
  return { name: rule.name, status, message: `${message} ${detail}`, value };
}

function inconclusive(name: string, why: string): RuleResult {
  return { name, status: "inconclusive", message: `${name}: ${why}`, value: null };
}
