import { describe, expect, it } from "vitest";
import { createReleaseTraffic, percentile } from "./traffic-metrics.js";

describe("release traffic", () => {
  it("counts totals and keeps only the last requests in its window", () => {
    const traffic = createReleaseTraffic(4);
    traffic.record(500, 100, 1_000);
    traffic.record(200, 10, 1_001);
    for (let i = 0; i < 4; i++) traffic.record(200, 20 + i, 1_002 + i);
    expect(traffic.requests).toBe(6);
    expect(traffic.errors5xx).toBe(1);
    expect(traffic.firstRequestAt).toBe(1_000);
    // the 500 and the 10 ms request have left the window
    expect(traffic.window()).toEqual({ requests: 4, errors5xx: 0, p50Ms: 21, p95Ms: 23 });
  });

  it("counts requests in flight and never below zero", () => {
    const traffic = createReleaseTraffic();
    traffic.begin();
    traffic.begin();
    traffic.end();
    expect(traffic.inFlight).toBe(1);
    traffic.end();
    traffic.end();
    expect(traffic.inFlight).toBe(0);
  });

  it("uses nearest-rank percentiles", () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(sorted, 0.95)).toBe(95);
    expect(percentile(sorted, 0.5)).toBe(50);
    expect(percentile([7], 0.95)).toBe(7);
    expect(percentile([], 0.95)).toBeNull();
  });
});
