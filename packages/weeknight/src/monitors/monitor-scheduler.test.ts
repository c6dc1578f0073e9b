import { describe, expect, it } from "vitest";
import { createMonitorScheduler } from "./monitor-scheduler.js";

/** A clock and timers the test moves by hand. */
function fakeTime() {
  let now = 0;
  let timers: { at: number; callback: () => void }[] = [];
  return {
    clock: { now: () => now },
    setTimer(callback: () => void, ms: number) {
      const timer = { at: now + ms, callback };
      timers.push(timer);
      return () => {
        timers = timers.filter((t) => t !== timer);
      };
    },
    async advance(ms: number) {
      const until = now + ms;
      for (;;) {
        const next = timers.filter((t) => t.at <= until).sort((a, b) => a.at - b.at)[0];
        if (!next) break;
        timers = timers.filter((t) => t !== next);
        now = next.at;
        next.callback();
        await new Promise((resolve) => setImmediate(resolve));
      }
      now = until;
      await new Promise((resolve) => setImmediate(resolve));
    },
  };
}

describe("monitor scheduler", () => {
  it("runs each job once per interval, first runs spread over the interval", async () => {
    const time = fakeTime();
    const scheduler = createMonitorScheduler({ ...time, concurrency: 100 });
    const runs = new Map<string, number[]>();
    for (const key of ["a", "b", "c"]) {
      scheduler.upsert({
        key,
        intervalMs: 10_000,
        run: async () => void runs.set(key, [...(runs.get(key) ?? []), time.clock.now()]),
      });
    }
    scheduler.start();
    await time.advance(60_000);
    for (const key of ["a", "b", "c"]) {
      const at = runs.get(key) ?? [];
      expect(at.length).toBeGreaterThanOrEqual(5);
      expect(at.slice(1).map((t, i) => t - (at[i] ?? 0))).toEqual(
        Array(at.length - 1).fill(10_000),
      );
    }
    expect(new Set([...runs.values()].map((at) => at[0])).size).toBe(3);
    expect(scheduler.stats()).toMatchObject({ jobs: 3, lagP99Ms: 0 });
  });

  it("never stacks runs of a job that is still running, and honours the concurrency limit", async () => {
    const time = fakeTime();
    const scheduler = createMonitorScheduler({ ...time, concurrency: 1 });
    let release: () => void = () => {};
    let active = 0;
    let most = 0;
    let runs = 0;
    const slow = () =>
      new Promise<void>((resolve) => {
        runs++;
        active++;
        most = Math.max(most, active);
        release = () => {
          active--;
          resolve();
        };
      });
    scheduler.upsert({ key: "slow", intervalMs: 1_000, run: slow });
    scheduler.upsert({ key: "other", intervalMs: 1_000, run: slow });
    scheduler.start();
    await time.advance(5_000);
    expect(most).toBe(1);
    expect(runs).toBe(1);
    release();
    await time.advance(0);
    expect(runs).toBe(2);
    expect(scheduler.stats().lagP99Ms).toBeGreaterThan(0);
  });

  it("applies a shorter interval at once and forgets removed jobs", async () => {
    const time = fakeTime();
    const scheduler = createMonitorScheduler({ ...time, concurrency: 10 });
    let runs = 0;
    const job = { key: "k", intervalMs: 60_000, run: async () => void runs++ };
    scheduler.upsert(job);
    scheduler.start();
    await time.advance(60_000);
    const before = runs;
    scheduler.upsert({ ...job, intervalMs: 1_000 });
    await time.advance(10_000);
    expect(runs - before).toBeGreaterThanOrEqual(9);
    scheduler.remove("k");
    const afterRemove = runs;
    await time.advance(10_000);
    expect(runs).toBe(afterRemove);
    expect(scheduler.keys()).toEqual([]);
  });

  it("keeps going when a run fails", async () => {
    const time = fakeTime();
    const scheduler = createMonitorScheduler({ ...time, concurrency: 10 });
    let runs = 0;
    scheduler.upsert({
      key: "boom",
      intervalMs: 1_000,
      run: async () => {
        runs++;
        throw new Error("boom");
      },
    });
    scheduler.start();
    await time.advance(5_000);
    expect(runs).toBeGreaterThanOrEqual(4);
  });
});
