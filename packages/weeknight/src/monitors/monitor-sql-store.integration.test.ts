import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  insertTestProject,
  openTestDatabase,
  type TestDatabase,
  testDialects,
} from "../test-support/test-databases.js";
import { createMonitorSqlStore } from "./monitor-sql-store.js";
import type { MonitorStore } from "./monitor-store.js";
import type { CheckStatus } from "./monitor-types.js";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe.each(testDialects)("monitor results and rollups on %s", (dialect) => {
  let database: TestDatabase;
  let store: MonitorStore;
  let projectId: number;
  const key = () => ({ projectId, environment: "production", monitor: "home page" });

  beforeAll(async () => {
    database = await openTestDatabase(dialect);
    store = createMonitorSqlStore(database.db);
    projectId = await insertTestProject(database.db, "rollups");
  });
  afterAll(async () => {
    await database?.close();
  });

  async function run(at: number, status: CheckStatus, durationMs: number) {
    const result = { ...key(), at, status, durationMs, message: status, release: "b1-d1" };
    await store.record(result, {
      ...key(),
      status,
      failures: status === "fail" ? 1 : 0,
      failingSince: null,
      lastAt: at,
      message: status,
      durationMs,
      release: "b1-d1",
    });
  }

  it("rolls raw results up per minute, then per hour, counting each run once", async () => {
    const base = 100 * HOUR;
    await run(base + 1_000, "pass", 100);
    await run(base + 20_000, "fail", 300);
    await run(base + MINUTE + 5_000, "inconclusive", 50);
    await run(base + 2 * HOUR, "pass", 10); // newer than the cut: stays raw

    await store.compact({ rawBefore: base + HOUR, minuteBefore: 0, hourBefore: 0 });
    await store.compact({ rawBefore: base + HOUR, minuteBefore: 0, hourBefore: 0 });
    const minutes = await store.history({ ...key(), period: "minute", from: 0, to: base * 2 });
    expect(minutes).toEqual([
      {
        start: base,
        runs: 2,
        passes: 1,
        failures: 1,
        inconclusive: 0,
        durationAvgMs: 200,
        durationMaxMs: 300,
      },
      {
        start: base + MINUTE,
        runs: 1,
        passes: 0,
        failures: 0,
        inconclusive: 1,
        durationAvgMs: 50,
        durationMaxMs: 50,
      },
    ]);
    expect((await store.results({ ...key(), limit: 10 })).map((r) => r.at)).toEqual([
      base + 2 * HOUR,
    ]);

    await store.compact({ rawBefore: base + HOUR, minuteBefore: base + HOUR, hourBefore: 0 });
    expect(await store.history({ ...key(), period: "minute", from: 0, to: base * 2 })).toEqual([]);
    const hours = await store.history({ ...key(), period: "hour", from: 0, to: base * 2 });
    expect(hours).toEqual([
      {
        start: base,
        runs: 3,
        passes: 1,
        failures: 1,
        inconclusive: 1,
        durationAvgMs: 150,
        durationMaxMs: 300,
      },
    ]);

    await store.compact({ rawBefore: 0, minuteBefore: 0, hourBefore: base + HOUR });
    expect(await store.history({ ...key(), period: "hour", from: 0, to: base * 2 })).toEqual([]);
  });
});
