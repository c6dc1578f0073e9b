import { describe, expect, it } from "vitest";
import { InvalidInputError } from "../../errors/domain-errors.js";
import { parseSeriesSelector } from "./series-selector.js";

const labels = (l: Record<string, string>) => Object.assign(Object.create(null), l);

describe("parseSeriesSelector", () => {
  it("reads a metric name and the four matchers", () => {
    const selector = parseSeriesSelector(
      ' http_requests_total{method="GET", code=~"5..", path!~"/health.*", env!="dev"} ',
    );
    expect(selector.text).toBe(
      'http_requests_total{method="GET", code=~"5..", path!~"/health.*", env!="dev"}',
    );
    expect(selector.metricName).toBe("http_requests_total");
    expect(selector.matchers).toEqual([
      { label: "__name__", op: "=", value: "http_requests_total" },
      { label: "method", op: "=", value: "GET" },
      { label: "code", op: "=~", value: "5.." },
      { label: "path", op: "!~", value: "/health.*" },
      { label: "env", op: "!=", value: "dev" },
    ]);
    const match = (name: string, l: Record<string, string>) => selector.matches(name, labels(l));
    const base = { method: "GET", code: "503", path: "/api" };
    expect(match("http_requests_total", base)).toBe(true);
    expect(match("http_requests_total", { ...base, env: "prod" })).toBe(true);
    expect(match("http_requests_total", { ...base, env: "dev" })).toBe(false);
    expect(match("http_requests_total", { ...base, code: "200" })).toBe(false);
    expect(match("http_requests_total", { ...base, method: "POST" })).toBe(false);
    expect(match("http_requests_total", { ...base, path: "/health/live" })).toBe(false);
    expect(match("http_requests_other", base)).toBe(false);
  });

  it("anchors regexes fully, like PromQL", () => {
    const selector = parseSeriesSelector('m{code=~"5.."}');
    expect(selector.matches("m", labels({ code: "500" }))).toBe(true);
    expect(selector.matches("m", labels({ code: "5000" }))).toBe(false);
    expect(selector.matches("m", labels({ code: "1500" }))).toBe(false);
    const alternation = parseSeriesSelector('m{code=~"500|502"}');
    expect(alternation.matches("m", labels({ code: "502" }))).toBe(true);
    expect(alternation.matches("m", labels({ code: "5020" }))).toBe(false);
  });

  it("uses RE2 syntax: (?i) flags and a dot that matches newlines", () => {
    const selector = parseSeriesSelector('m{method=~"(?i)get", msg=~"a.b"}');
    expect(selector.matches("m", labels({ method: "GeT", msg: "a\nb" }))).toBe(true);
  });

  it("treats a missing label as the empty string", () => {
    expect(parseSeriesSelector('m{env=""}').matches("m", labels({}))).toBe(true);
    expect(parseSeriesSelector('m{env!=""}').matches("m", labels({}))).toBe(false);
    expect(parseSeriesSelector('m{env!~"prod"}').matches("m", labels({}))).toBe(true);
    expect(parseSeriesSelector('m{constructor=""}').matches("m", labels({}))).toBe(true);
  });

  it("selects by __name__ and tells which names could match", () => {
    const byRegex = parseSeriesSelector('{__name__=~"http_.*_total", code="200"}');
    expect(byRegex.metricName).toBeNull();
    expect(byRegex.matches("http_requests_total", labels({ code: "200" }))).toBe(true);
    expect(byRegex.matches("grpc_requests_total", labels({ code: "200" }))).toBe(false);
    expect(byRegex.matchesName("http_errors_total")).toBe(true);
    expect(byRegex.matchesName("grpc_errors_total")).toBe(false);
    const byEquality = parseSeriesSelector('{__name__="up"}');
    expect(byEquality.metricName).toBe("up");
    expect(parseSeriesSelector('{job="api"}').matchesName("anything")).toBe(true);
  });

  it("reads a bare name, empty braces, colons, and a trailing comma", () => {
    expect(parseSeriesSelector("job:rate5m").matches("job:rate5m", labels({}))).toBe(true);
    expect(parseSeriesSelector("up{}").matchers).toHaveLength(1);
    expect(parseSeriesSelector('up{job="a",}').matchers).toHaveLength(2);
  });

  it("reads Go string escapes, single quotes and raw backtick strings", () => {
    const value = (text: string) => parseSeriesSelector(text).matchers[1]?.value;
    expect(value('m{a="x\\"y\\\\z\\n\\t"}')).toBe('x"y\\z\n\t');
    expect(value("m{a='it\\'s'}")).toBe("it's");
    expect(value("m{a=`\\d+`}")).toBe("\\d+");
    expect(value('m{a="\\x41\\u00e9\\U0001F600\\101"}')).toBe("Aé😀A");
    expect(value('m{a=~"\\\\d+"}')).toBe("\\d+");
  });

  it("remembers regex answers without changing them", () => {
    const selector = parseSeriesSelector('m{code=~"4.."}');
    for (let i = 0; i < 3; i++) {
      expect(selector.matches("m", labels({ code: "404" }))).toBe(true);
      expect(selector.matches("m", labels({ code: "500" }))).toBe(false);
    }
  });
});

describe("parseSeriesSelector refuses bad syntax with the column", () => {
  const cases: [string, string][] = [
    ["", "series selector is empty"],
    ["   ", "series selector is empty"],
    ["{}", "give a metric name or at least one matcher that does not match the empty string"],
    ['{env=~".*"}', "give a metric name or at least one matcher"],
    ["m{code 5}", "column 8: expected =, !=, =~ or !~ after label name code"],
    ['m{code=="5"}', "column 8: expected a quoted value"],
    ["m{code=5}", "column 8: expected a quoted value"],
    ['m{code="5}', "column 8: quoted value not closed"],
    ['m{code="5"', "column 11: expected , or } before the end"],
    ['m{code="5" x="1"}', "column 12: expected , or }"],
    ['m{9x="1"}', "column 3: expected a label name or }"],
    [
      'm{code=~"5(.."}',
      'column 9: invalid regular expression "5(..": error parsing regexp: missing closing )',
    ],
    ['m{code!~"(?=x)"}', "column 9: invalid regular expression"],
    ['m{code=~"a{2,1}"}', "column 9: invalid regular expression"],
    [
      'm{a="\\d"}',
      "column 6: unknown escape \\d — in a regex write \\\\d or quote the value with backticks",
    ],
    ['m{a="\\\'"}', "column 6: unknown escape \\'"],
    ['m{a="\\x4"}', "column 6: unknown escape \\x"],
    ['m{a="\\ud800"}', "column 6: unknown escape \\u"],
    ["rate(m[5m])", "column 5: functions do not belong here"],
    ["m[5m]", "column 2: a range such as [5m] does not belong here"],
    ['m{__name__="n"}', "column 3: the metric name is given twice"],
    ['m{a="1"} offset 5m', 'column 10: unexpected "o"'],
    ["m-n", 'column 2: unexpected "-"'],
    ['m{a="x\ny"}', "column 7: newline in a quoted value"],
  ];

  it.each(cases)("%j", (text, message) => {
    let caught: unknown;
    try {
      parseSeriesSelector(text);
    } catch (error) {
      caught = error;
    }
    expect(caught, text).toBeInstanceOf(InvalidInputError);
    expect((caught as Error).message).toContain(message);
  });

  it("names the selector and puts the column in the details", () => {
    try {
      parseSeriesSelector('  up{job="a" x}');
      expect.unreachable();
    } catch (error) {
      expect((error as InvalidInputError).message).toBe(
        'series selector up{job="a" x}: column 12: expected , or }',
      );
      expect((error as InvalidInputError).details).toEqual({ column: 12 });
    }
  });

  it("accepts a double quote inside single quotes", () => {
    expect(parseSeriesSelector("m{a='\"'}").matchers[1]?.value).toBe('"');
  });
});
