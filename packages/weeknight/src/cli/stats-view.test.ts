import { describe, expect, it } from "vitest";
import type { Stats } from "./api-types.js";
import { formatRate, formatSpan, statsBands, statsRows, statsSummary } from "./stats-view.js";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const none = {
  deployments: 0,
  leadTimeMedianMs: null,
  leadTimeP90Ms: null,
  failures: 0,
  changeFailureRate: null,
  restores: 0,
  timeToRestoreMedianMs: null,
  commitsPerDeployMedian: null,
  linesPerDeployMedian: null,
};

describe("stats view", () => {
  it("says spans and rates the way people do", () => {
    expect(
      [null, 400, 45_000, 4 * MINUTE + 20_000, 3.24 * HOUR, 36 * HOUR, 48 * HOUR].map(formatSpan),
    ).toEqual(["-", "0 s", "45 s", "4 min", "3.2 h", "1.5 d", "2 d"]);
    expect([null, 0, 1 / 9, 2 / 3].map(formatRate)).toEqual(["-", "0 %", "11 %", "67 %"]);
  });

  it("prints a row per week (dashes for an empty one), a summary and the bands", () => {
    const stats: Stats = {
      project: "shop",
      environment: "production",
      timezone: "UTC",
      weeks: [
        {
          week: "2025-W10",
          firstDay: "2025-03-03",
          start: 0,
          end: 1,
          deployments: 9,
          leadTimeMedianMs: 36 * HOUR,
          leadTimeP90Ms: 50 * HOUR,
          failures: 1,
          changeFailureRate: 1 / 9,
          restores: 1,
          timeToRestoreMedianMs: 4 * MINUTE,
          commitsPerDeployMedian: 3,
          linesPerDeployMedian: 42.5,
        },
        { week: "2025-W11", firstDay: "2025-03-10", start: 1, end: 2, ...none },
      ],
      totals: {
        from: 0,
        to: 2,
        deployments: 9,
        deploysPerWeek: 9,
        leadTimeMedianMs: 36 * HOUR,
        leadTimeP90Ms: 50 * HOUR,
        failures: 1,
        changeFailureRate: 1 / 9,
        restores: 1,
        timeToRestoreMedianMs: 4 * MINUTE,
        commitsPerDeployMedian: 3,
        linesPerDeployMedian: 42.5,
        bands: {
          deploymentFrequency: "elite",
          leadTime: "high",
          changeFailureRate: "high",
          timeToRestore: null,
        },
      },
    };
    expect(statsRows(stats)).toEqual([
      ["2025-W10", "2025-03-03", "9", "1.5 d", "2.1 d", "1 (11 %)", "4 min", "3", "42.5"],
      ["2025-W11", "2025-03-10", "0", "-", "-", "-", "-", "-", "-"],
    ]);
    expect(statsSummary(stats.totals)).toBe(
      "deploys 9/week · lead time 1.5 d · change failure 11 % · time to restore 4 min · 3 commits/deploy · 42.5 lines/deploy",
    );
    expect(statsBands(stats.totals.bands)).toBe(
      "deployment frequency elite · lead time high · change failure rate high · time to restore -",
    );
  });
});
