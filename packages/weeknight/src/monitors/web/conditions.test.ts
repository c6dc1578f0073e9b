import { describe, expect, it } from "vitest";
import { InvalidInputError } from "../../errors/domain-errors.js";
import { evaluateCondition, parseCondition, type ResponseFacts } from "./conditions.js";
import { formatDuration } from "./format-duration.js";
import { globMatch } from "./glob-match.js";

const HOUR = 3_600_000;

function facts(overrides: Partial<ResponseFacts> = {}): ResponseFacts {
  return {
    connected: true,
    status: 200,
    responseTimeMs: 120,
    body: JSON.stringify({
      status: "ok",
      up: true,
      count: 3,
      version: "1.10",
      queue: "42",
      items: [{ name: "a" }, { name: "b" }],
      meta: { region: "eu", tags: [] },
      nothing: null,
    }),
    headers: { "content-type": "application/json; charset=utf-8", vary: ["accept", "origin"] },
    ...overrides,
  };
}

function check(text: string, f: ResponseFacts = facts()) {
  return evaluateCondition(parseCondition(text), f);
}

function parseError(text: string): string {
  try {
    parseCondition(text);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidInputError);
    return (error as Error).message;
  }
  throw new Error(`expected "${text}" to be refused`);
}

describe("parseCondition", () => {
  it("reads a placeholder, an operator and a value", () => {
    expect(parseCondition("  [STATUS] == 200 ")).toMatchObject({
      text: "[STATUS] == 200",
      subject: { placeholder: "STATUS", path: [], header: null, len: false },
      operator: "==",
      operand: { kind: "number", value: 200 },
    });
  });

  it("reads JSON paths, len() and header names", () => {
    expect(parseCondition("[BODY].data.items[0].name == x").subject.path).toEqual([
      "data",
      "items",
      0,
      "name",
    ]);
    expect(parseCondition("len([BODY].items) > 0").subject).toMatchObject({
      placeholder: "BODY",
      path: ["items"],
      len: true,
      text: "len([BODY].items)",
    });
    expect(parseCondition("[HEADER].Content-Type == x").subject.header).toBe("content-type");
    expect(parseCondition("[STATUS]==200").operator).toBe("==");
  });

  it("reads every kind of value", () => {
    const operand = (text: string) => parseCondition(`[BODY].x == ${text}`).operand;
    expect(operand("-1.5")).toMatchObject({ kind: "number", value: -1.5 });
    expect(operand("true")).toMatchObject({ kind: "boolean", value: true });
    expect(operand("ok")).toMatchObject({ kind: "string", value: "ok" });
    expect(operand("two words")).toMatchObject({ kind: "string", value: "two words" });
    expect(operand('"say \\"hi\\""')).toMatchObject({ kind: "string", value: 'say "hi"' });
    expect(operand("'single'")).toMatchObject({ kind: "string", value: "single" });
    expect(operand('any(ok, "a, b", 3)')).toMatchObject({
      kind: "any",
      items: [
        { kind: "string", value: "ok" },
        { kind: "string", value: "a, b" },
        { kind: "number", value: 3 },
      ],
    });
    expect(operand("pat(*ok*)")).toMatchObject({ kind: "pattern", glob: "*ok*" });
    expect(operand('pat("a b*")')).toMatchObject({ kind: "pattern", glob: "a b*" });
  });

  it.each([
    ["500ms", 500],
    ["2s", 2_000],
    ["10m", 600_000],
    ["72h", 72 * HOUR],
    ["30d", 30 * 24 * HOUR],
    ["1.5s", 1_500],
  ])("reads the duration %s", (text, ms) => {
    expect(parseCondition(`[CERTIFICATE_EXPIRATION] > ${text}`).operand).toMatchObject({
      kind: "duration",
      ms,
    });
  });

  it("says which operator is unknown, where, and what to use", () => {
    expect(parseError("[STATUS] = 200")).toBe(
      'condition "[STATUS] = 200": unknown operator "=" at column 10 — use ==, !=, <, <=, >, >=',
    );
    expect(parseError("[STATUS] => 200")).toContain('unknown operator "=>" at column 10');
    expect(parseError("[STATUS] === 200")).toContain('unknown operator "==="');
  });

  it("counts columns in the text as written", () => {
    expect(parseError("   [STATUS] = 200")).toContain("at column 13");
  });

  it.each([
    ["", "empty — write e.g. [STATUS] == 200"],
    ["STATUS == 200", "expected a placeholder at column 1"],
    ["[STAUTS] == 200", 'unknown placeholder "[STAUTS]" at column 1 — use [STATUS]'],
    ["[status] == 200", 'unknown placeholder "[status]"'],
    ["[STATUS == 200", 'expected "]" to close the placeholder at column 1'],
    ["[STATUS]", "expected an operator after [STATUS] — use =="],
    ["[STATUS] 200", 'expected an operator at column 10, found "200"'],
    ["[STATUS] ==", 'expected a value after "==" at column 12'],
    ["[STATUS].code == 200", "[STATUS] has no fields"],
    ["[BODY]. == 1", 'expected a key after "." at column 8'],
    ["[BODY].items[x] == 1", "expected a list index such as [0] at column 13"],
    ["[HEADER] == x", "expected a header name after [HEADER] at column 9"],
    ["len([STATUS]) > 1", "len() takes [BODY] or [BODY].path, not [STATUS]"],
    ["len([BODY] > 1", 'expected ")" at column 11'],
    ['[BODY].x == "open', "unclosed quote at column 13"],
    ['[BODY].x == "a" b', 'unexpected " b" after the closing quote at column 16'],
    ["[BODY].x == any(a, , b)", "empty value in any() at column 20"],
    ["[BODY].x == any(a, b", 'expected ")" to close any(…)'],
    ["[BODY].x == pat(*", 'expected ")" to close pat(…)'],
    ["[BODY].x > any(1, 2)", "any() works only with == and !="],
    ["[BODY].x < pat(1*)", "pat() works only with == and !="],
    ["[STATUS] == ok", "[STATUS] is a number: compare it with a number, e.g. 200"],
    ["[STATUS] == 2s", '[STATUS] is a number: compare it with a number, e.g. 200 — got "2s"'],
    ["[STATUS] == any(200, ok)", 'got "ok"'],
    ["[STATUS] == pat(2*)", "pat() compares text, and [STATUS] is a number"],
    ["len([BODY]) > 1s", "len([BODY]) is a number"],
    ["[RESPONSE_TIME] < fast", "[RESPONSE_TIME] is a time: compare it with a duration"],
    ["[CERTIFICATE_EXPIRATION] > soon", "[CERTIFICATE_EXPIRATION] is a time"],
    ["[CONNECTED] == yes", "[CONNECTED] is true or false: write [CONNECTED] == true"],
    ["[CONNECTED] > true", "[CONNECTED] is true or false"],
    ["[BODY].count > many", '> compares numbers: write a number after it, not "many"'],
    ["[BODY].x >= true", ">= compares numbers"],
  ])("refuses %j", (text, expected) => {
    const message = parseError(text);
    expect(message.startsWith(`condition "${text}": `)).toBe(true);
    expect(message).toContain(expected);
  });
});

describe("evaluateCondition", () => {
  it("reports pass and fail with the value it got", () => {
    expect(check("[STATUS] == 200")).toEqual({
      ok: true,
      message: "[STATUS] == 200 passed: got 200",
      value: 200,
    });
    expect(check("[STATUS] == 200", facts({ status: 503 }))).toEqual({
      ok: false,
      message: "[STATUS] == 200 failed: got 503",
      value: 503,
    });
  });

  it.each([
    ["[STATUS] == 200", true],
    ["[STATUS] != 200", false],
    ["[STATUS] < 300", true],
    ["[STATUS] < 200", false],
    ["[STATUS] <= 200", true],
    ["[STATUS] <= 199", false],
    ["[STATUS] > 199", true],
    ["[STATUS] > 200", false],
    ["[STATUS] >= 200", true],
    ["[STATUS] >= 201", false],
    ["[STATUS] == any(200, 204)", true],
    ["[STATUS] == any(201, 204)", false],
    ["[STATUS] != any(500, 503)", true],
    ["[STATUS] != any(200, 503)", false],
  ])("compares numbers: %s → %s", (text, ok) => {
    expect(check(text).ok).toBe(ok);
  });

  it("compares times with milliseconds or durations", () => {
    expect(check("[RESPONSE_TIME] < 300").ok).toBe(true);
    expect(check("[RESPONSE_TIME] < 100ms").ok).toBe(false);
    expect(check("[RESPONSE_TIME] < 1s").ok).toBe(true);
    expect(check("[RESPONSE_TIME] < 100").message).toBe("[RESPONSE_TIME] < 100 failed: got 120 ms");
  });

  it("compares the time left on the certificate with durations", () => {
    const f = facts({ certificateExpiresInMs: 47 * HOUR + 30 * 60_000 });
    expect(check("[CERTIFICATE_EXPIRATION] > 24h", f).ok).toBe(true);
    expect(check("[CERTIFICATE_EXPIRATION] > 72h", f)).toMatchObject({
      ok: false,
      message: "[CERTIFICATE_EXPIRATION] > 72h failed: got 1d 23h",
    });
    expect(
      check("[CERTIFICATE_EXPIRATION] > 1d", facts({ certificateExpiresInMs: -HOUR })).message,
    ).toBe("[CERTIFICATE_EXPIRATION] > 1d failed: got -1h");
    expect(check("[CERTIFICATE_EXPIRATION] > 24h")).toMatchObject({
      ok: false,
      message:
        "[CERTIFICATE_EXPIRATION] > 24h failed: no TLS certificate (the URL is not https://)",
    });
  });

  it("reads [LOAD_TIME] of browser checks only", () => {
    expect(check("[LOAD_TIME] < 2s", facts({ loadTimeMs: 800 }))).toMatchObject({
      ok: true,
      message: "[LOAD_TIME] < 2s passed: got 800 ms",
    });
    expect(check("[LOAD_TIME] < 2s").message).toBe(
      "[LOAD_TIME] < 2s failed: no load time measured (browser checks only)",
    );
  });

  it("reads [CONNECTED], also when no response came back", () => {
    const down: ResponseFacts = { connected: false, error: "connection refused" };
    expect(check("[CONNECTED] == true").ok).toBe(true);
    expect(check("[CONNECTED] == false", down)).toEqual({
      ok: true,
      message: "[CONNECTED] == false passed: got false",
      value: false,
    });
    expect(check("[CONNECTED] != false", down).ok).toBe(false);
    expect(check("[STATUS] == 200", down).message).toBe(
      "[STATUS] == 200 failed: no response (connection refused)",
    );
    expect(check("[BODY].status == ok", down).ok).toBe(false);
    expect(check("[HEADER].vary == x", down).ok).toBe(false);
    expect(check("[RESPONSE_TIME] < 1", down).ok).toBe(false);
  });

  it("reads JSON paths into the body", () => {
    expect(check("[BODY].status == ok").ok).toBe(true);
    expect(check("[BODY].status == 'ok'").ok).toBe(true);
    expect(check("[BODY].status != ok").ok).toBe(false);
    expect(check("[BODY].status == down")).toMatchObject({
      ok: false,
      message: '[BODY].status == down failed: got "ok"',
      value: "ok",
    });
    expect(check("[BODY].items[1].name == b").ok).toBe(true);
    expect(check("[BODY].meta.region == any(us, eu)").ok).toBe(true);
    expect(check("[BODY].up == true").ok).toBe(true);
    expect(check("[BODY].up == false").ok).toBe(false);
    expect(check("[BODY].nothing == null").ok).toBe(true);
    expect(check("[BODY].meta == x").message).toBe(
      '[BODY].meta == x failed: got {"region":"eu","tags":[]}',
    );
  });

  it("compares numbers in the body as numbers and text as text", () => {
    expect(check("[BODY].count == 3").ok).toBe(true);
    expect(check("[BODY].count == 3.0").ok).toBe(true);
    expect(check("[BODY].count >= 3").ok).toBe(true);
    expect(check("[BODY].queue < 50").ok).toBe(true);
    expect(check("[BODY].queue == 42").ok).toBe(true);
    expect(check("[BODY].version == 1.10").ok).toBe(true);
    expect(check('[BODY].version == "1.1"').ok).toBe(false);
    expect(check("[BODY].status > 1")).toMatchObject({
      ok: false,
      message: '[BODY].status > 1 failed: got "ok"',
    });
    expect(check('[BODY].up == "true"').ok).toBe(true);
  });

  it("fails clearly on a missing key, a bad index or a body that is not JSON", () => {
    expect(check("[BODY].missing == 1")).toEqual({
      ok: false,
      message: '[BODY].missing == 1 failed: no key "missing" in [BODY]',
      value: null,
    });
    expect(check("[BODY].meta.zone == eu").message).toContain('no key "zone" in [BODY].meta');
    expect(check("[BODY].items[5].name == a").message).toContain(
      "[BODY].items has 2 items, no [5]",
    );
    expect(check("[BODY].status[0] == o").message).toContain("[BODY].status is text, not a list");
    expect(check("[BODY].count.x == 1").message).toContain(
      "[BODY].count is a number, not an object",
    );
    expect(check("[BODY].items.name == 1").message).toContain(
      "[BODY].items is a list, not an object",
    );
    const html = facts({ body: "<html><body>Service Unavailable</body></html>" });
    expect(check("[BODY].status == ok", html)).toMatchObject({
      ok: false,
      message:
        '[BODY].status == ok failed: the body is not JSON (starts with "<html><body>Service Unavailable</body></html>")',
    });
    expect(check("[BODY].status == ok", facts({ body: undefined })).message).toContain(
      "no body read",
    );
  });

  it("measures len() of lists, objects and text", () => {
    expect(check("len([BODY].items) == 2")).toMatchObject({ ok: true, value: 2 });
    expect(check("len([BODY].items) > 2").message).toBe("len([BODY].items) > 2 failed: got 2");
    expect(check("len([BODY].meta.tags) == 0").ok).toBe(true);
    expect(check("len([BODY].meta) == 2").ok).toBe(true);
    expect(check("len([BODY].status) == 2").ok).toBe(true);
    expect(check("len([BODY]) == 3", facts({ body: "[1,2,3]" })).ok).toBe(true);
    expect(check("len([BODY]) == 5", facts({ body: "hello" })).ok).toBe(true);
    expect(check("len([BODY].count) > 0").message).toBe(
      "len([BODY].count) > 0 failed: [BODY].count is a number: len() needs a list, text or object",
    );
    expect(check("len([BODY].nope) > 0").message).toContain('no key "nope" in [BODY]');
  });

  it("matches the whole body as text, with patterns", () => {
    const text = facts({ body: "Status: all systems operational" });
    expect(check("[BODY] == pat(*operational*)", text).ok).toBe(true);
    expect(check("[BODY] == pat(*degraded*)", text)).toMatchObject({
      ok: false,
      message: '[BODY] == pat(*degraded*) failed: got "Status: all systems operational"',
    });
    expect(check("[BODY] != pat(*error*)", text).ok).toBe(true);
    expect(check("[BODY].status == pat(o?)").ok).toBe(true);
    expect(check("[BODY] == pat(x)", facts({ body: "x".repeat(500) })).message).toMatch(/…"$/);
  });

  it("reads headers case-insensitively", () => {
    expect(check("[HEADER].Content-Type == pat(application/json*)").ok).toBe(true);
    expect(check("[HEADER].vary == 'accept, origin'").ok).toBe(true);
    expect(check("[HEADER].x-missing == 1")).toMatchObject({
      ok: false,
      message: '[HEADER].x-missing == 1 failed: no header "x-missing" in the response',
    });
  });

  it("parses the body once per response", () => {
    const f = facts();
    check("[BODY].status == ok", f);
    f.body = "changed: not parsed again";
    expect(check("[BODY].count == 3", f).ok).toBe(true);
  });
});

describe("globMatch", () => {
  it.each([
    ["*", "", true],
    ["", "", true],
    ["", "a", false],
    ["a*c", "abbbc", true],
    ["a*c", "abbb", false],
    ["*ok*", "all ok here", true],
    ["a?c", "abc", true],
    ["a?c", "ac", false],
    ["*a*b", "xaxxbxb", true],
    ["**", "anything", true],
    ["exact", "exact", true],
    ["exact", "exactly", false],
  ])("pat(%s) on %j → %s", (glob, text, ok) => {
    expect(globMatch(glob, text)).toBe(ok);
  });
});

describe("formatDuration", () => {
  it.each([
    [250, "250 ms"],
    [10_000, "10 s"],
    [1_500, "1.5 s"],
    [90_000, "1m"],
    [2 * HOUR, "2h"],
    [HOUR + 60_000, "1h 1m"],
    [49 * HOUR, "2d 1h"],
    [48 * HOUR, "2d"],
    [-5 * HOUR, "-5h"],
  ])("%i ms reads %s", (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});
