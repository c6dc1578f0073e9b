import { describe, expect, it } from "vitest";
import type { MetricRuleConfig } from "../../config/monitor-schema.js";
import { InvalidInputError } from "../../errors/domain-errors.js";
import { compileMetricRules, type RuleResult } from "./metric-rules.js";
import { parsePrometheusText } from "./prometheus-text.js";
import { createScrapeHistory, type ScrapePoint, selectSeries } from "./scrape-history.js";

const MINUTE = 60_000;

function rule(fields: Partial<MetricRuleConfig> & { name: string }): MetricRuleConfig {
  return { window: 5 * MINUTE, min_rate: 0, ...fields };
}

/** Feeds scrapes (text at minute t) through the rules, as the check does; returns the last results. */
function evaluate(rules: MetricRuleConfig[], scrapes: [number, string][]): RuleResult[] {
  const compiled = compileMetricRules(rules);
  const history = createScrapeHistory(compiled.longestWindowMs + MINUTE);
  let results: RuleResult[] = [];
  for (const [minute, text] of scrapes) {
    const at = minute * MINUTE;
    history.add({ at, selected: selectSeries(parsePrometheusText(text), compiled.selectors) });
    results = compiled.evaluate(history.points(), at);
  }
  return results;
}

const one = (rules: MetricRuleConfig[], scrapes: [number, string][]) =>
  evaluate(rules, scrapes)[0] as RuleResult;

const requests = (ok: number, errors: number) =>
  [
    "# TYPE http_requests_total counter",
    `http_requests_total{code="200"} ${ok}`,
    errors > 0 ? `http_requests_total{code="500"} ${errors}` : "",
  ].join("\n");

describe("gauge rules", () => {
  const depth = rule({ name: "queue depth", gauge: 'queue_depth{queue="emails"}', below: 100 });
  const text = (a: string, b: string) =>
    `queue_depth{queue="emails",shard="1"} ${a}\nqueue_depth{queue="emails",shard="2"} ${b}\nqueue_depth{queue="sms"} 999`;

  it("passes and fails on the sum of the matching series", () => {
    expect(one([depth], [[0, text("20", "30")]])).toEqual({
      name: "queue depth",
      status: "pass",
      message: 'queue depth 50 is below 100 (queue_depth{queue="emails"}, 2 series)',
      value: 50,
    });
    expect(one([depth], [[0, text("60", "40.5")]])).toEqual({
      name: "queue depth",
      status: "fail",
      message: 'queue depth 100.5 is not below 100 (queue_depth{queue="emails"}, 2 series)',
      value: 100.5,
    });
  });

  it("checks above, and both bounds together", () => {
    const both = rule({ name: "workers", gauge: "workers", above: 2, below: 10 });
    expect(one([both], [[0, "workers 5"]]).message).toBe(
      "workers 5 is above 2 and below 10 (workers)",
    );
    expect(one([both], [[0, "workers 2"]]).message).toBe("workers 2 is not above 2 (workers)");
    expect(one([both], [[0, "workers 10"]]).status).toBe("fail");
    expect(one([both], [[0, "workers +Inf"]]).message).toBe(
      "workers +Inf is not below 10 (workers)",
    );
  });

  it("is inconclusive with no matching series or a NaN value", () => {
    expect(one([depth], [[0, 'queue_depth{queue="sms"} 1']])).toEqual({
      name: "queue depth",
      status: "inconclusive",
      message: 'queue depth: no series match queue_depth{queue="emails"}',
      value: null,
    });
    expect(one([depth], [[0, text("NaN", "3")]]).message).toBe(
      'queue depth: queue_depth{queue="emails"} is NaN',
    );
  });

  it("reads only the newest scrape", () => {
    expect(
      one(
        [depth],
        [
          [0, text("500", "0")],
          [1, text("1", "0")],
        ],
      ).status,
    ).toBe("pass");
  });
});

describe("rate rules", () => {
  const errors = rule({ name: "errors", rate: 'http_requests_total{code="500"}', below: 1 });

  it("is inconclusive until two scrapes fall in the window", () => {
    expect(one([errors], [[0, requests(0, 5)]])).toMatchObject({
      status: "inconclusive",
      message: "errors: not enough scrapes in the 5m window yet (1 of 2)",
      value: null,
    });
    // the first scrape has left the 5m window by minute 6
    expect(
      one(
        [errors],
        [
          [0, requests(0, 5)],
          [6, requests(0, 10)],
        ],
      ).message,
    ).toBe("errors: not enough scrapes in the 5m window yet (1 of 2)");
  });

  it("computes the per-second increase over the scrapes in the window", () => {
    const result = one(
      [errors],
      [
        [0, requests(100, 10)],
        [1, requests(200, 70)],
        [2, requests(300, 130)],
      ],
    );
    expect(result).toEqual({
      name: "errors",
      status: "fail",
      message: 'errors 1/s is not below 1/s (http_requests_total{code="500"} over 5m)',
      value: 1,
    });
  });

  it("forgets scrapes that left the window", () => {
    // a burst of 600 errors in minute 1, then quiet: by minute 7 only quiet scrapes remain
    const scrapes: [number, string][] = [
      [0, requests(0, 0)],
      [1, requests(0, 600)],
    ];
    for (let m = 2; m <= 7; m++) scrapes.push([m, requests(0, 600)]);
    expect(one([errors], scrapes.slice(0, 3)).status).toBe("fail");
    expect(one([errors], scrapes)).toMatchObject({ status: "pass", value: 0 });
  });

  it("treats a decrease as a counter reset, per series", () => {
    const all = rule({ name: "requests", rate: "http_requests_total", above: 0 });
    // 200s: 1000 → 1060 → (restart) 30: 60 + 30; 500s: 50 → 80 → (restart) 0: 30
    const result = one(
      [all],
      [
        [0, requests(1000, 50)],
        [1, requests(1060, 80)],
        [2, requests(30, 0)],
      ],
    );
    expect(result.value).toBeCloseTo(120 / 120);
  });

  it("counts a series that appears between scrapes from zero", () => {
    const result = one(
      [errors],
      [
        [0, requests(100, 0)],
        [1, requests(200, 30)],
      ],
    );
    expect(result).toMatchObject({ status: "pass", value: 0.5 });
  });

  it("is 0/s when the metric is there but no series matches yet", () => {
    const result = one(
      [errors],
      [
        [0, requests(100, 0)],
        [1, requests(160, 0)],
      ],
    );
    expect(result).toMatchObject({ status: "pass", value: 0 });
    expect(result.message).toBe(
      'errors 0/s is below 1/s (http_requests_total{code="500"} over 5m)',
    );
  });

  it("is inconclusive when the metric is not in the scrapes at all", () => {
    const typo = rule({ name: "typo", rate: "http_request_total", below: 1 });
    expect(
      one(
        [typo],
        [
          [0, requests(1, 0)],
          [1, requests(2, 0)],
        ],
      ).message,
    ).toBe("typo: no series match http_request_total");
  });

  it("knows a declared histogram by its _count even before any observation", () => {
    const slow = rule({ name: "slow", rate: "latency_seconds_count", below: 1 });
    const declared = "# HELP latency_seconds L.\n# TYPE latency_seconds histogram";
    expect(
      one(
        [slow],
        [
          [0, declared],
          [1, declared],
        ],
      ),
    ).toMatchObject({ status: "pass", value: 0 });
  });

  it("is inconclusive when a counter is NaN", () => {
    expect(
      one(
        [errors],
        [
          [0, requests(0, 1)],
          [1, 'http_requests_total{code="500"} NaN'],
        ],
      ).message,
    ).toBe('errors: http_requests_total{code="500"} is NaN');
  });
});

describe("ratio rules", () => {
  const ratio = rule({
    name: "error ratio",
    ratio: { numerator: 'http_requests_total{code=~"5.."}', denominator: "http_requests_total" },
    below: 0.05,
    min_rate: 0.1,
  });

  it("fails with both rates in the message", () => {
    // over 5 minutes: 15000 requests (50/s), 1080 of them errors (3.6/s)
    const result = one(
      [ratio],
      [
        [0, requests(0, 0)],
        [5, requests(13920, 1080)],
      ],
    );
    expect(result).toMatchObject({
      name: "error ratio",
      status: "fail",
      message:
        'error ratio 7.2% is not below 5% (http_requests_total{code=~"5.."} 3.6/s ÷ 50/s over 5m)',
    });
    expect(result.value).toBeCloseTo(0.072);
  });

  it("passes with no error series at all", () => {
    const result = one(
      [ratio],
      [
        [0, requests(0, 0)],
        [1, requests(600, 0)],
      ],
    );
    expect(result).toMatchObject({ status: "pass", value: 0 });
    expect(result.message).toBe(
      'error ratio 0% is below 5% (http_requests_total{code=~"5.."} 0/s ÷ 10/s over 5m)',
    );
  });

  it("is inconclusive with too little traffic", () => {
    const result = one(
      [ratio],
      [
        [0, requests(0, 0)],
        [5, requests(3, 3)],
      ],
    );
    expect(result).toEqual({
      name: "error ratio",
      status: "inconclusive",
      message:
        "error ratio: too little traffic: 0.02/s < min_rate 0.1/s (http_requests_total over 5m)",
      value: null,
    });
  });

  it("is inconclusive with no traffic rather than dividing by zero", () => {
    const noMin = { ...ratio, min_rate: 0 };
    expect(
      one(
        [noMin],
        [
          [0, requests(5, 0)],
          [1, requests(5, 0)],
        ],
      ).message,
    ).toBe("error ratio: no traffic: http_requests_total 0/s over 5m");
  });

  it("is inconclusive before two scrapes", () => {
    expect(one([ratio], [[0, requests(5, 0)]]).status).toBe("inconclusive");
  });
});

describe("compileMetricRules", () => {
  it("shares one selector between rules and keeps the longest window", () => {
    const compiled = compileMetricRules([
      rule({ name: "a", rate: "x_total", below: 1, window: MINUTE }),
      rule({ name: "b", ratio: { numerator: "x_total", denominator: "y_total" }, below: 1 }),
      rule({ name: "c", gauge: "x_total", below: 1, window: 60 * MINUTE }),
    ]);
    expect(compiled.selectors.map((s) => s.text)).toEqual(["x_total", "y_total"]);
    expect(compiled.longestWindowMs).toBe(5 * MINUTE);
  });

  it("names the rule and field of an invalid selector", () => {
    let caught: unknown;
    try {
      compileMetricRules([
        rule({ name: "errors", ratio: { numerator: 'x{a=~"("}', denominator: "y" }, below: 1 }),
      ]);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InvalidInputError);
    expect((caught as Error).message).toMatch(
      /^metrics rule "errors", ratio.numerator: series selector x\{a=~"\("\}: column 6: invalid regular expression/,
    );
    expect((caught as InvalidInputError).details).toEqual({
      rule: "errors",
      field: "ratio.numerator",
      column: 6,
    });
  });

  it("refuses a rule without a kind", () => {
    expect(() => compileMetricRules([rule({ name: "empty", below: 1 })])).toThrow(
      'metrics rule "empty": give exactly one of gauge, rate or ratio',
    );
  });
});

describe("scrape history", () => {
  const point = (at: number): ScrapePoint => ({ at, selected: [] });

  it("keeps only the retention and drops points a clock step back would leave ahead", () => {
    const history = createScrapeHistory(100);
    for (const at of [0, 50, 100, 150]) history.add(point(at));
    expect(history.points().map((p) => p.at)).toEqual([50, 100, 150]);
    history.add(point(120));
    expect(history.points().map((p) => p.at)).toEqual([50, 100, 120]);
  });
});
