import { describe, expect, it } from "vitest";
import { formatDuration, formatNumber, formatPercent } from "./metric-format.js";

describe("metric formats", () => {
  it("shows numbers as people read them, without rounding across a threshold", () => {
    const shown = [0, 50, -3, 100.5, 99.96, 3.6, 1234.567, 0.02, 0.0234567, 1e-7, 1e21];
    expect(shown.map(formatNumber)).toEqual([
      "0",
      "50",
      "-3",
      "100.5",
      "99.96",
      "3.6",
      "1234.57",
      "0.02",
      "0.0235",
      "1e-7",
      "1e+21",
    ]);
    expect(
      [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY].map(formatNumber),
    ).toEqual(["NaN", "+Inf", "-Inf"]);
  });

  it("shows ratios as percentages", () => {
    expect([0.072, 0.05, 0, 1, 0.00012].map(formatPercent)).toEqual([
      "7.2%",
      "5%",
      "0%",
      "100%",
      "0.012%",
    ]);
  });

  it("writes durations the way weeknight.yml does", () => {
    expect([300_000, 5_400_000, 30_000, 1_500, 250, 0].map(formatDuration)).toEqual([
      "5m",
      "1h30m",
      "30s",
      "1s500ms",
      "250ms",
      "0s",
    ]);
  });
});
