import { describe, expect, it } from "vitest";
import { analysisSchema } from "./agent-schema.js";
import { judgeCanary } from "./canary-analysis.js";
import type { WindowStats } from "./traffic-metrics.js";

const rules = analysisSchema.parse({});
const stats = (requests: number, errors5xx: number, p95Ms: number | null = 20): WindowStats => ({
  requests,
  errors5xx,
  p50Ms: p95Ms === null ? null : p95Ms / 2,
  p95Ms,
});

describe("canary analysis", () => {
  it("has the documented defaults", () => {
    expect(rules).toEqual({
      intervalMs: 1000,
      minRequests: 20,
      errorRatioFactor: 2,
      errorRatioMargin: 0.05,
      p95Factor: 2,
      p95MarginMs: 100,
    });
  });

  it("does not judge before the canary has minRequests", () => {
    const verdict = judgeCanary({ canary: stats(19, 19), baseline: stats(500, 0), rules });
    expect(verdict).toEqual({ kind: "insufficient", detail: "19 of 20 requests needed to judge" });
  });

  it("calls a 5xx ratio above previous + 5 points worse when the previous is clean", () => {
    expect(judgeCanary({ canary: stats(20, 1), baseline: stats(500, 0), rules }).kind).toBe("fine");
    const worse = judgeCanary({ canary: stats(20, 2), baseline: stats(500, 0), rules });
    expect(worse).toEqual({
      kind: "worse",
      reason:
        "5xx ratio 10.0% (2 of 20 requests) against 0.0% on the previous release — limit 5.0%",
    });
  });

  it("uses twice the previous ratio when that is the larger limit", () => {
    // previous 10 %: limit is max(20 %, 15 %) = 20 %
    const baseline = stats(100, 10);
    expect(judgeCanary({ canary: stats(100, 20), baseline, rules }).kind).toBe("fine");
    const worse = judgeCanary({ canary: stats(100, 21), baseline, rules });
    expect(worse).toMatchObject({ kind: "worse", reason: expect.stringContaining("limit 20.0%") });
  });

  it("calls p95 worse only when above both twice the previous and previous + 100 ms", () => {
    // 2× but not +100 ms: a fast app that got a little slower is fine
    expect(judgeCanary({ canary: stats(50, 0, 90), baseline: stats(50, 0, 20), rules }).kind).toBe(
      "fine",
    );
    // +100 ms but not 2×: a slow app with some jitter is fine
    expect(
      judgeCanary({ canary: stats(50, 0, 650), baseline: stats(50, 0, 500), rules }).kind,
    ).toBe("fine");
    const worse = judgeCanary({ canary: stats(50, 0, 250), baseline: stats(50, 0, 100), rules });
    expect(worse).toEqual({
      kind: "worse",
      reason: "p95 latency 250 ms against 100 ms on the previous release — limit 200 ms",
    });
  });

  it("judges the ratio alone when the previous release has no traffic yet", () => {
    const quiet = stats(0, 0, null);
    expect(judgeCanary({ canary: stats(20, 0, 5000), baseline: quiet, rules }).kind).toBe("fine");
    expect(judgeCanary({ canary: stats(20, 5), baseline: quiet, rules }).kind).toBe("worse");
  });
});
