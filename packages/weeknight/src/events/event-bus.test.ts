import { describe, expect, it } from "vitest";
import { createEventBus } from "./event-bus.js";
import { eventFilter } from "./event-routes.js";

describe("event bus", () => {
  it("numbers events, fans them out, and replays what a reconnecting client missed", () => {
    const bus = createEventBus({ clock: { now: () => 5 }, replay: 2 });
    const seen: string[] = [];
    const unsubscribe = bus.subscribe((e) => seen.push(`${e.id}:${e.type}`));
    bus.publish("build.queued", { buildId: 1 });
    unsubscribe();
    bus.publish("build.started", { buildId: 1 });
    bus.publish("build.passed", { buildId: 1 });
    expect(seen).toEqual(["1:build.queued"]);
    expect(bus.since(1).map((e) => e.type)).toEqual(["build.started", "build.passed"]);
    expect(bus.since(0).map((e) => e.id)).toEqual([2, 3]);
  });

  it("keeps publishing when a listener throws", () => {
    const bus = createEventBus({ clock: { now: () => 0 } });
    const seen: number[] = [];
    bus.subscribe(() => {
      throw new Error("broken listener");
    });
    bus.subscribe((e) => seen.push(e.id));
    bus.publish("x", {});
    expect(seen).toEqual([1]);
  });

  it("filters by exact type, prefix and project", () => {
    const event = (type: string, project: string) => ({ id: 1, type, at: 0, data: { project } });
    const match = eventFilter({ types: "build.*, delivery.finished", project: "app" });
    expect(match(event("build.passed", "app"))).toBe(true);
    expect(match(event("delivery.finished", "app"))).toBe(true);
    expect(match(event("delivery.started", "app"))).toBe(false);
    expect(match(event("build.passed", "other"))).toBe(false);
    expect(eventFilter({})(event("anything", "x"))).toBe(true);
  });
});
