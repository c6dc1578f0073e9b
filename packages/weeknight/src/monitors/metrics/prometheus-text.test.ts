import { Counter, Gauge, Histogram, Registry, Summary } from "prom-client";
import { describe, expect, it } from "vitest";
import { InvalidInputError } from "../../errors/domain-errors.js";
import { type MetricFamily, parsePrometheusText, parseValue } from "./prometheus-text.js";

const parse = (lines: string[]) => parsePrometheusText(`${lines.join("\n")}\n`);
const only = (lines: string[]): MetricFamily => {
  const families = parse(lines);
  expect(families).toHaveLength(1);
  return families[0] as MetricFamily;
};
const plain = (value: unknown) => JSON.parse(JSON.stringify(value));

describe("parsePrometheusText", () => {
  it("reads a counter with HELP, TYPE, labels, a timestamp and a family per name", () => {
    const families = parse([
      "# HELP http_requests_total The total number of HTTP requests.",
      "# TYPE http_requests_total counter",
      'http_requests_total{method="post",code="200"} 1027 1395066363000',
      'http_requests_total{method="post",code="400"}    3 1395066363000',
      "",
      "# A comment that is not HELP or TYPE",
      "# TYPE temperature gauge",
      "temperature -3.5e1",
      "no_type_given 42",
    ]);
    expect(families.map((f) => [f.name, f.type, f.help])).toEqual([
      ["http_requests_total", "counter", "The total number of HTTP requests."],
      ["temperature", "gauge", null],
      ["no_type_given", "untyped", null],
    ]);
    expect(plain(families[0]?.samples)).toEqual([
      {
        name: "http_requests_total",
        labels: { method: "post", code: "200" },
        value: 1027,
        timestampMs: 1395066363000,
      },
      {
        name: "http_requests_total",
        labels: { method: "post", code: "400" },
        value: 3,
        timestampMs: 1395066363000,
      },
    ]);
    expect(families[1]?.samples[0]?.value).toBe(-35);
    expect(families[2]?.samples[0]?.timestampMs).toBeNull();
  });

  it("groups a histogram's buckets, sum and count under its family, keeping le", () => {
    const family = only([
      "# HELP http_request_duration_seconds A histogram of the request duration.",
      "# TYPE http_request_duration_seconds histogram",
      'http_request_duration_seconds_bucket{le="0.05"} 24054',
      'http_request_duration_seconds_bucket{le="0.1"} 33444',
      'http_request_duration_seconds_bucket{le="+Inf"} 144320',
      "http_request_duration_seconds_sum 53423",
      "http_request_duration_seconds_count 144320",
    ]);
    expect(family.type).toBe("histogram");
    expect(family.samples.map((s) => [s.name, s.labels.le, s.value])).toEqual([
      ["http_request_duration_seconds_bucket", "0.05", 24054],
      ["http_request_duration_seconds_bucket", "0.1", 33444],
      ["http_request_duration_seconds_bucket", "+Inf", 144320],
      ["http_request_duration_seconds_sum", undefined, 53423],
      ["http_request_duration_seconds_count", undefined, 144320],
    ]);
  });

  it("groups a summary's quantiles, sum and count under its family", () => {
    const family = only([
      "# TYPE rpc_duration_seconds summary",
      'rpc_duration_seconds{quantile="0.01"} 3102',
      'rpc_duration_seconds{quantile="0.5"} 4773',
      'rpc_duration_seconds{quantile="0.99"} NaN',
      "rpc_duration_seconds_sum 1.7560473e+07",
      "rpc_duration_seconds_count 2693",
    ]);
    expect(family.type).toBe("summary");
    expect(family.samples.map((s) => [s.name, s.labels.quantile, s.value])).toEqual([
      ["rpc_duration_seconds", "0.01", 3102],
      ["rpc_duration_seconds", "0.5", 4773],
      ["rpc_duration_seconds", "0.99", Number.NaN],
      ["rpc_duration_seconds_sum", undefined, 17560473],
      ["rpc_duration_seconds_count", undefined, 2693],
    ]);
  });

  it("keeps _bucket, _sum and _count as their own families when no TYPE groups them", () => {
    const families = parse(['a_bucket{le="1"} 1', "a_sum 2", "a_count 1"]);
    expect(families.map((f) => [f.name, f.type])).toEqual([
      ["a_bucket", "untyped"],
      ["a_sum", "untyped"],
      ["a_count", "untyped"],
    ]);
  });

  it("reads NaN, ±Inf, exponents, signs and decimals as Go's ParseFloat does", () => {
    const values = parse([
      "a NaN",
      "b +Inf",
      "c -Inf",
      "d 1.5e-3",
      "e -0.25",
      "f +7",
      "g .5",
      "h 5.",
      "i 1E6",
      "j Inf",
      "k nan",
      "l 12345678901234567890",
    ]).map((f) => f.samples[0]?.value);
    expect(values).toEqual([
      Number.NaN,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
      0.0015,
      -0.25,
      7,
      0.5,
      5,
      1e6,
      Number.POSITIVE_INFINITY,
      Number.NaN,
      12345678901234567000,
    ]);
  });

  it("unescapes label values and HELP text", () => {
    const family = only([
      '# HELP msg A \\\\ backslash,\\na newline and "quotes" kept as is.',
      'msg{path="C:\\\\dir\\\\file",quote="say \\"hi\\"",multi="one\\ntwo",empty=""} 1',
    ]);
    expect(family.help).toBe('A \\ backslash,\na newline and "quotes" kept as is.');
    expect(plain(family.samples[0]?.labels)).toEqual({
      path: "C:\\dir\\file",
      quote: 'say "hi"',
      multi: "one\ntwo",
      empty: "",
    });
  });

  it("accepts blanks around tokens, a trailing comma, empty braces, CRLF and no final newline", () => {
    const families = parsePrometheusText(
      '  a { x = "1" , y="2", } 3\r\n\tb{} 4 \r\n#TYPE c gauge\nc\t5\t100',
    );
    expect(plain(families.map((f) => f.samples[0]))).toEqual([
      { name: "a", labels: { x: "1", y: "2" }, value: 3, timestampMs: null },
      { name: "b", labels: {}, value: 4, timestampMs: null },
      { name: "c", labels: {}, value: 5, timestampMs: 100 },
    ]);
    expect(families[2]?.type).toBe("gauge");
  });

  it("gives labels no prototype, so any label name is just a label", () => {
    const family = only(['m{constructor="a",__proto__="b",toString="c"} 1', "m 2"]);
    expect(family.samples[0]?.labels.constructor).toBe("a");
    expect(Object.keys(family.samples[0]?.labels ?? {})).toEqual([
      "constructor",
      "__proto__",
      "toString",
    ]);
    expect(family.samples[1]?.labels.constructor).toBeUndefined();
    expect(family.samples[1]?.labels.toString).toBeUndefined();
  });

  it("reads UTF-8 label values and metric names with colons", () => {
    const family = only(['job:requests:rate5m{city="Zürich 🏔"} 1']);
    expect(family.samples[0]?.labels.city).toBe("Zürich 🏔");
  });

  it("merges samples of one name that are not adjacent, and allows HELP after TYPE", () => {
    const families = parse(["# TYPE a counter", "a 1", "b 2", "# HELP a late help", 'a{x="1"} 3']);
    expect(families.map((f) => [f.name, f.help, f.samples.length])).toEqual([
      ["a", "late help", 2],
      ["b", null, 1],
    ]);
  });

  it("returns no families for empty text or only comments", () => {
    expect(parsePrometheusText("")).toEqual([]);
    expect(parsePrometheusText("\n\n# just a comment\n   \n")).toEqual([]);
  });

  it("declares a family by HELP or TYPE alone, with no samples", () => {
    expect(parse(["# HELP a Declared.", "# TYPE a counter"])).toEqual([
      { name: "a", type: "counter", help: "Declared.", samples: [] },
    ]);
  });
});

describe("parsePrometheusText refuses malformed text with the line and what is wrong", () => {
  const cases: [string, string[], string][] = [
    ["an unclosed label value", ["ok 1", 'a{x="1} 2'], "metrics line 2: label value not closed"],
    ["a missing value", ['a{x="1"}'], "metrics line 1: missing value for a"],
    ["a missing value after a name", ["a"], "metrics line 1: missing value for a"],
    ["a bad number", ["a 1.2.3"], 'metrics line 1: bad number "1.2.3"'],
    ["a hex number", ["a 0x10"], 'metrics line 1: bad number "0x10"'],
    ["a word as number", ["a Infinite"], 'metrics line 1: bad number "Infinite"'],
    ["a signed NaN", ["a -NaN"], 'metrics line 1: bad number "-NaN"'],
    [
      "a bad timestamp",
      ["a 1 12.5"],
      'metrics line 1: bad timestamp "12.5": expected milliseconds',
    ],
    [
      "text after the timestamp",
      ["a 1 2 3"],
      "metrics line 1: unexpected text after the timestamp",
    ],
    ["a duplicate label", ['a{x="1",x="2"} 1'], "metrics line 1: duplicate label x on a"],
    ["a reserved label", ['a{__name__="b"} 1'], "metrics line 1: label name __name__ is reserved"],
    [
      "a TYPE after samples",
      ["a 1", "# TYPE a counter"],
      "metrics line 2: TYPE line for a comes after samples of a",
    ],
    [
      "a histogram TYPE after its buckets",
      ['h_bucket{le="1"} 1', "# TYPE h histogram"],
      "metrics line 2: TYPE line for h comes after samples of h_bucket",
    ],
    [
      "a second TYPE",
      ["# TYPE a counter", "# TYPE a gauge"],
      "metrics line 2: second TYPE line for a",
    ],
    ["a second HELP", ["# HELP a x", "# HELP a y"], "metrics line 2: second HELP line for a"],
    ["an unknown type", ["# TYPE a info"], 'metrics line 1: unknown metric type "info" for a'],
    ["a TYPE with no type", ["# TYPE a"], 'metrics line 1: unknown metric type "" for a'],
    [
      "text after the type",
      ["# TYPE a gauge extra"],
      "metrics line 1: unexpected text after the type",
    ],
    [
      "a metric name starting with a digit",
      ["1a 1"],
      'metrics line 1: invalid metric name starting with "1"',
    ],
    [
      "a dash in a metric name",
      ["my-metric 1"],
      'metrics line 1: invalid character "-" in metric name my',
    ],
    [
      "a dot in a HELP name",
      ["# HELP a.b x"],
      'metrics line 1: invalid character "." in metric name a',
    ],
    ["no name after HELP", ["# HELP"], "metrics line 1: invalid metric name after # HELP"],
    ["a colon in a label name", ['a{x:y="1"} 1'], "metrics line 1: expected = after label name x"],
    [
      "a label name starting with a digit",
      ['a{1x="1"} 1'],
      'metrics line 1: invalid label name starting with "1"',
    ],
    [
      "an unquoted label value",
      ["a{x=1} 1"],
      'metrics line 1: expected " to open the value of label x',
    ],
    [
      "a missing comma",
      ['a{x="1" y="2"} 1'],
      "metrics line 1: expected , or } after the value of label x",
    ],
    ["unclosed braces", ['a{x="1"'], "metrics line 1: labels of a not closed"],
    [
      "a bad escape in a label value",
      ['a{x="\\t"} 1'],
      "metrics line 1: invalid escape in label value",
    ],
    ["a bad escape in HELP", ["# HELP a tab\\t"], "metrics line 1: invalid escape in HELP text"],
    ["a raw CR in a value", ["a 1\r2"], 'metrics line 1: bad number "1\\r2"'],
    [
      "a bucket without le",
      ["# TYPE h histogram", "h_bucket 1"],
      "metrics line 2: h_bucket has no le label",
    ],
    [
      "a bucket with a non-numeric le",
      ["# TYPE h histogram", 'h_bucket{le="big"} 1'],
      'metrics line 2: h_bucket has le="big", which is not a number',
    ],
    [
      "a histogram sample named like the family",
      ["# TYPE h histogram", "h 1"],
      "metrics line 2: histogram h has a sample named h",
    ],
    [
      "a quantile-less summary sample",
      ["# TYPE s summary", "s 1"],
      "metrics line 2: s has no quantile label",
    ],
  ];

  it.each(cases)("%s", (_what, lines, message) => {
    let caught: unknown;
    try {
      parse(lines);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InvalidInputError);
    expect((caught as Error).message).toContain(message);
  });

  it("gives the column of the problem in the details", () => {
    try {
      parse(["ok 1", 'bad{x="1",y="oops} 1']);
      expect.unreachable();
    } catch (error) {
      expect((error as InvalidInputError).details).toEqual({ line: 2, column: 13 });
    }
  });
});

describe("parseValue", () => {
  it("takes integers fast and rejects what Go would not read", () => {
    expect(parseValue("0")).toBe(0);
    expect(parseValue("123456789012345")).toBe(123456789012345);
    expect(parseValue("-0")).toBe(-0);
    for (const bad of ["", "+", "-", ".", "e5", "1e", "1_000", " 1", "infinityx", "0b1"]) {
      expect(parseValue(bad), bad).toBeUndefined();
    }
  });
});

describe("prom-client output", () => {
  it("parses a real registry with every metric type and awkward label values", async () => {
    const register = new Registry();
    const awkward = 'a "quoted" \\ back\nslash';
    const counter = new Counter({
      name: "app_requests_total",
      help: "Requests, with a \\ and a\nnewline in the help.",
      labelNames: ["path", "code"],
      registers: [register],
    });
    counter.inc({ path: awkward, code: "200" }, 5);
    counter.inc({ path: "/", code: "500" });
    const gauge = new Gauge({ name: "app_queue_depth", help: "Depth.", registers: [register] });
    gauge.set(Number.NaN);
    const histogram = new Histogram({
      name: "app_duration_seconds",
      help: "Duration.",
      labelNames: ["path"],
      buckets: [0.1, 1],
      registers: [register],
    });
    histogram.observe({ path: awkward }, 0.5);
    histogram.observe({ path: awkward }, 3);
    const summary = new Summary({
      name: "app_size_bytes",
      help: "Size.",
      percentiles: [0.5, 0.99],
      registers: [register],
    });
    summary.observe(100);
    register.setDefaultLabels({ service: "shop" });

    const families = parsePrometheusText(await register.metrics());

    const byName = new Map(families.map((f) => [f.name, f]));
    const requests = byName.get("app_requests_total");
    expect(requests?.type).toBe("counter");
    expect(requests?.help).toBe("Requests, with a \\ and a\nnewline in the help.");
    expect(plain(requests?.samples.map((s) => [s.labels, s.value]))).toEqual([
      [{ path: awkward, code: "200", service: "shop" }, 5],
      [{ path: "/", code: "500", service: "shop" }, 1],
    ]);
    expect(byName.get("app_queue_depth")?.samples[0]?.value).toBeNaN();
    const duration = byName.get("app_duration_seconds");
    expect(duration?.type).toBe("histogram");
    expect(duration?.samples.map((s) => [s.name, s.labels.le ?? null, s.value])).toEqual([
      ["app_duration_seconds_bucket", "0.1", 0],
      ["app_duration_seconds_bucket", "1", 1],
      ["app_duration_seconds_bucket", "+Inf", 2],
      ["app_duration_seconds_sum", null, 3.5],
      ["app_duration_seconds_count", null, 2],
    ]);
    expect(duration?.samples.every((s) => s.labels.path === awkward)).toBe(true);
    const size = byName.get("app_size_bytes");
    expect(size?.type).toBe("summary");
    expect(size?.samples.map((s) => [s.name, s.labels.quantile ?? null, s.value])).toEqual([
      ["app_size_bytes", "0.5", 100],
      ["app_size_bytes", "0.99", 100],
      ["app_size_bytes_sum", null, 100],
      ["app_size_bytes_count", null, 1],
    ]);
  });

  it("parses prom-client's default metrics", async () => {
    const { collectDefaultMetrics } = await import("prom-client");
    const register = new Registry();
    collectDefaultMetrics({ register });
    const families = parsePrometheusText(await register.metrics());
    expect(families.length).toBeGreaterThan(10);
    expect(families.find((f) => f.name === "process_cpu_user_seconds_total")?.type).toBe("counter");
    expect(families.find((f) => f.name === "nodejs_gc_duration_seconds")?.type).toBe("histogram");
  });
});
