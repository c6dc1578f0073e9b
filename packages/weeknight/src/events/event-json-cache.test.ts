import { describe, expect, it } from "vitest";
import { createEventBus } from "./event-bus.js";
import { createEventJsonCache } from "./event-json-cache.js";

function setup(maxAgeMs?: number) {
  let now = 0;
  const clock = { now: () => now };
  const bus = createEventBus({ clock });
  const cache = createEventJsonCache({ bus, clock, maxAgeMs });
  let computed = 0;
  const compute = async () => JSON.stringify({ computed: ++computed });
  return { bus, cache, compute, tick: (ms: number) => (now += ms), count: () => computed };
}

describe("event JSON cache", () => {
  it("computes once for concurrent callers and reuses the value until an event", async () => {
    const { bus, cache, compute, count } = setup();
    const [a, b] = await Promise.all([cache.get("k", compute), cache.get("k", compute)]);
    expect([a, b, await cache.get("k", compute)]).toEqual(Array(3).fill('{"computed":1}'));
    bus.publish("build.log", { buildId: 1 });
    expect(await cache.get("k", compute)).toBe('{"computed":1}');
    bus.publish("build.passed", { buildId: 1 });
    expect(await cache.get("k", compute)).toBe('{"computed":2}');
    expect(count()).toBe(2);
  });

  it("keeps separate values per key", async () => {
    const { cache } = setup();
    expect(await cache.get("a", async () => "1")).toBe("1");
    expect(await cache.get("b", async () => "2")).toBe("2");
    expect(await cache.get("a", async () => "changed")).toBe("1");
  });

  it("does not keep a value computed while an event happened: it may predate the change", async () => {
    const { bus, cache } = setup();
    let release: (json: string) => void = () => {};
    const slow = cache.get("k", () => new Promise<string>((resolve) => (release = resolve)));
    bus.publish("deployment.succeeded", {});
    release("before");
    expect(await slow).toBe("before");
    expect(await cache.get("k", async () => "after")).toBe("after");
  });

  it("serves an old value while refreshing it in the background after maxAgeMs", async () => {
    const { cache, compute, tick } = setup(5_000);
    await cache.get("k", compute);
    tick(5_001);
    expect(await cache.get("k", compute)).toBe('{"computed":1}');
    await new Promise((resolve) => setImmediate(resolve));
    expect(await cache.get("k", compute)).toBe('{"computed":2}');
  });

  it("lets a failure reach the caller and tries again on the next call", async () => {
    const { cache } = setup();
    await expect(
      cache.get("k", async () => {
        throw new Error("database is down");
      }),
    ).rejects.toThrow("database is down");
    expect(await cache.get("k", async () => "ok")).toBe("ok");
  });

  it("drops everything on clear()", async () => {
    const { cache, compute } = setup();
    await cache.get("k", compute);
    cache.clear();
    expect(await cache.get("k", compute)).toBe('{"computed":2}');
  });
});
