import { describe, expect, it } from "vitest";
import { type LogsMonitorConfig, monitorSchema } from "../../config/monitor-schema.js";
import { createLogRules, type LogLine } from "./log-rules.js";

const T0 = Date.UTC(2024, 4, 1, 12);
const MIN = 60_000;

function config(rules: unknown[], errors?: string): LogsMonitorConfig {
  return monitorSchema.parse({
    name: "app logs",
    type: "logs",
    rules,
    ...(errors ? { errors } : {}),
  }) as LogsMonitorConfig;
}

function lines(at: number, texts: string[], release: string | null = "b1"): LogLine[] {
  return texts.map((text) => ({ at, text, release }));
}

describe("createLogRules", () => {
  it("counts a pattern over its window; old lines roll out", () => {
    const rules = createLogRules(
      config([{ name: "timeouts", pattern: "timeout after \\d+ms", window: "5m", max: 2 }]),
      { startedAt: T0 },
    );
    rules.ingest(lines(T0, ["timeout after 30ms", "timeout after 31ms", "ok"]));
    expect(rules.evaluate(T0 + MIN, "b1", T0).status).toBe("pass");
    rules.ingest(lines(T0 + 2 * MIN, ["timeout after 99ms"]));
    const failing = rules.evaluate(T0 + 2 * MIN, "b1", T0);
    expect(failing.status).toBe("fail");
    expect(failing.message).toBe(
      "timeouts: 3 lines matching timeout after \\d+ms in the last 5m (max 2)",
    );
    expect(failing.parts?.[0]?.value).toBe(3);
    // Five minutes on, the first two have left the window.
    expect(rules.evaluate(T0 + 6 * MIN, "b1", T0).parts?.[0]?.value).toBe(1);
    expect(rules.evaluate(T0 + 8 * MIN, "b1", T0).parts?.[0]?.value).toBe(0);
  });

  it("measures the error rate, inconclusive without lines", () => {
    const rules = createLogRules(
      config([{ name: "errors", error_rate: true, window: "1m", max: 0.1 }]),
      { startedAt: T0 },
    );
    expect(rules.evaluate(T0, "b1", T0)).toMatchObject({
      status: "inconclusive",
      message: "errors: no log lines in the last 1m",
    });
    rules.ingest(lines(T0, [...Array(18).fill("GET / 200"), "ERROR boom", "Fatal: x"]));
    expect(rules.evaluate(T0 + 1000, "b1", T0).status).toBe("pass");
    rules.ingest(lines(T0 + 2000, ["panic: nil map"]));
    const outcome = rules.evaluate(T0 + 3000, "b1", T0);
    expect(outcome.status).toBe("fail");
    expect(outcome.parts?.[0]?.message).toBe(
      "error rate 14.29% (3 of 21 lines) in the last 1m (max 10%)",
    );
  });

  it("flags error patterns first seen after the deploy, never those seen before", () => {
    const rules = createLogRules(
      config([{ name: "new errors", new_patterns: true, window: "30m" }]),
      { startedAt: T0 },
    );
    rules.ingest(lines(T0, ["ERROR db timeout after 3000ms on shard 7"], "b11"));
    const deploy = T0 + 10 * MIN;
    expect(rules.evaluate(deploy, "b12-d7", deploy).status).toBe("pass");
    const crash = "TypeError: Cannot read properties of undefined (reading 'total') error";
    rules.ingest(lines(deploy + MIN, Array(14).fill(crash), "b12-d7"));
    rules.ingest(lines(deploy + MIN, ["ERROR db timeout after 12ms on shard 3"], "b12-d7"));
    rules.ingest(
      lines(deploy + 2 * MIN, ["ERROR payment 12 declined", "ERROR payment 13 declined"]),
    );
    const outcome = rules.evaluate(deploy + 3 * MIN, "b12-d7", deploy);
    expect(outcome.status).toBe("fail");
    expect(outcome.parts?.[0]?.message).toBe(
      `2 new error patterns in release b12-d7: "TypeError: Cannot read properties of undefined (reading '<str>') error" ×14, "ERROR payment <num> declined" ×2`,
    );
    const known = rules.knownPatterns();
    expect(known).toHaveLength(3);
    expect(known.find((p) => p.template.startsWith("ERROR db"))).toMatchObject({
      firstSeen: T0,
      firstRelease: "b11",
      count: 2,
    });
    // Once no new pattern has been seen for the window, the rule passes again.
    expect(rules.evaluate(deploy + 40 * MIN, "b12-d7", deploy).status).toBe("pass");
  });

  it("is inconclusive about new patterns when it started watching after the deploy", () => {
    const rules = createLogRules(config([{ name: "new", new_patterns: true }]), {
      startedAt: T0 + MIN,
    });
    rules.ingest(lines(T0 + 2 * MIN, ["ERROR old or new?"]));
    expect(rules.evaluate(T0 + 3 * MIN, "b2", T0).status).toBe("inconclusive");
    expect(rules.evaluate(T0 + 3 * MIN, null, null).parts?.[0]?.message).toMatch(/no release/);
  });

  it("restores known patterns so a restart does not call old errors new", () => {
    const first = createLogRules(config([{ name: "new", new_patterns: true }]), { startedAt: T0 });
    first.ingest(lines(T0, ["ERROR disk 91% full"]));
    const again = createLogRules(config([{ name: "new", new_patterns: true }]), {
      startedAt: T0 + 5 * MIN,
      known: first.knownPatterns(),
    });
    again.ingest(lines(T0 + 6 * MIN, ["ERROR disk 97% full"]));
    expect(again.knownPatterns()[0]?.count).toBe(2);
  });

  it("keeps memory bounded: the least recently seen patterns are forgotten", () => {
    const rules = createLogRules(config([{ name: "new", new_patterns: true }]), {
      startedAt: T0,
      maxPatterns: 100,
    });
    for (let i = 0; i < 1000; i++) {
      rules.ingest(lines(T0 + i * 1000, [`ERROR shape ${"x".repeat(i % 300)}`]));
    }
    expect(rules.knownPatterns()).toHaveLength(100);
    expect(rules.knownPatterns()[0]?.template).toBe(`ERROR shape ${"x".repeat(999 % 300)}`);
  });

  it("drops lines older than any window and lines with broken timestamps", () => {
    const rules = createLogRules(config([{ name: "all", pattern: ".", window: "1m", max: 100 }]), {
      startedAt: T0,
    });
    rules.ingest(lines(T0 + 10 * MIN, ["new"]));
    rules.ingest([...lines(T0, ["stale"]), ...lines(Number.NaN, ["nan"]), ...lines(-5, ["neg"])]);
    expect(rules.evaluate(T0 + 10 * MIN, null, null).parts?.[0]?.value).toBe(1);
  });

  it("names the monitor and rule of a refused pattern", () => {
    // The schema refuses these too; the engine checks again for configs built in code.
    const valid = config([{ name: "bad", pattern: "x" }]);
    const rule = valid.rules[0];
    if (!rule) throw new Error("no rule");
    expect(() =>
      createLogRules({ ...valid, rules: [{ ...rule, pattern: "(a+)+$" }] }, { startedAt: T0 }),
    ).toThrow(/^monitor "app logs", rule "bad": pattern "\(a\+\)\+\$" can take exponential time/);
    expect(() => createLogRules({ ...valid, errors: "(error" }, { startedAt: T0 })).toThrow(
      /^monitor "app logs", errors: pattern "\(error" is not a valid regular expression/,
    );
  });

  it("fails when any rule fails, naming only the failing ones", () => {
    const rules = createLogRules(
      config([
        { name: "warns", pattern: "WARN", max: 0 },
        { name: "rate", error_rate: true, max: 1 },
      ]),
      { startedAt: T0 },
    );
    rules.ingest(lines(T0, ["WARN low disk", "info"]));
    const outcome = rules.evaluate(T0, null, null);
    expect(outcome.status).toBe("fail");
    expect(outcome.message).toMatch(/^warns: 1 line matching WARN/);
    expect(outcome.parts?.map((p) => p.status)).toEqual(["fail", "pass"]);
  });
});
