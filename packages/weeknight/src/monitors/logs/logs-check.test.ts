import { describe, expect, it } from "vitest";
import { type LogsMonitorConfig, monitorSchema } from "../../config/monitor-schema.js";
import { createLogRules } from "./log-rules.js";
import { createLogsCheck, createPushBuffer } from "./logs-check.js";

const T0 = Date.UTC(2024, 4, 1);

describe("createLogsCheck", () => {
  it("takes the source's new lines at each run and stamps them with the serving release", async () => {
    const config = monitorSchema.parse({
      name: "pushed",
      type: "logs",
      source: { push: { app: "checkout" } },
      rules: [{ name: "new", new_patterns: true }],
    }) as LogsMonitorConfig;
    const rules = createLogRules(config, { startedAt: T0 });
    const buffer = createPushBuffer(2);
    const check = createLogsCheck({ rules, source: buffer });
    const context = (now: number) => ({
      signal: new AbortController().signal,
      release: "b7",
      releaseSince: T0 + 1000,
      now: () => now,
    });
    buffer.add([{ at: T0 + 2000, text: "ERROR lost" }]);
    buffer.add([
      { at: T0 + 2000, text: "ERROR order 1 failed" },
      { at: T0 + 3000, text: "ERROR order 2 failed" },
    ]);
    expect(buffer.dropped).toBe(1);
    const outcome = await check.run(context(T0 + 4000));
    expect(outcome.status).toBe("fail");
    expect(outcome.message).toBe(
      'new: 1 new error pattern in release b7: "ERROR order <num> failed" ×2',
    );
    expect(rules.knownPatterns()[0]?.firstRelease).toBe("b7");
    expect((await check.run(context(T0 + 5000))).status).toBe("fail");
    expect(await buffer.poll(null)).toEqual([]);
  });
});
