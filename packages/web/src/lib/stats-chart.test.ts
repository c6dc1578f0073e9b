import { describe, expect, it } from "vitest";
import {
  chartBars,
  describeChart,
  type StatsWeek,
  statsMetrics,
  totalsCards,
  weekLabel,
} from "./stats-chart.js";

function week(n: number, figures: Partial<StatsWeek> = {}): StatsWeek {
  return {
    week: `2025-W${String(n).padStart(2, "0")}`,
    firstDay: `2025-03-${String(3 + (n - 10) * 7).padStart(2, "0")}`,
    start: 0,
    end: 0,
    deployments: 0,
    leadTimeMedianMs: null,
    leadTimeP90Ms: null,
    failures: 0,
    changeFailureRate: null,
    restores: 0,
    timeToRestoreMedianMs: null,
    commitsPerDeployMedian: null,
    linesPerDeployMedian: null,
    ...figures,
  };
}

const metric = (id: string) => {
  const found = statsMetrics.find((m) => m.id === id);
  if (!found) throw new Error(id);
  return found;
};

describe("stats charts", () => {
  it("labels a week by its Monday, whatever the browser's time zone", () => {
    expect(weekLabel({ firstDay: "2025-03-03" })).toBe("3 Mar");
  });

  it("scales bars to the tallest week and leaves weeks without data empty", () => {
    const weeks = [
      week(10, { deployments: 2 }),
      week(11, { deployments: 4 }),
      week(12, { deployments: 0 }),
    ];
    const { bars, max } = chartBars(weeks, metric("deployments"), { width: 120, height: 40 });
    expect(max).toBe(4);
    expect(bars.map((b) => b.height)).toEqual([20, 40, 0]);
    expect(bars.map((b) => b.y)).toEqual([20, 0, 40]);
    expect(bars[1]?.x).toBeCloseTo(42);
    expect(bars.map((b) => b.text)).toEqual(["2", "4", "0"]);

    const rates = chartBars(
      [week(10, { changeFailureRate: 0.25 }), week(11)],
      metric("failure-rate"),
      { width: 100, height: 40 },
    );
    expect(rates.bars.map((b) => [b.text, b.height])).toEqual([
      ["25 %", 40],
      ["no data", 0],
    ]);
  });

  it("describes a chart in a sentence: range, highest week, this week, gaps", () => {
    const weeks = [week(10, { leadTimeMedianMs: 7_200_000 }), week(11)];
    const lead = metric("lead-time");
    const { bars } = chartBars(weeks, lead, { width: 100, height: 40 });
    expect(describeChart(lead, bars)).toBe(
      "Median lead time, from commit to live, week by week from 3 Mar to 10 Mar; highest 2 h (week of 3 Mar); this week no data; 1 week without data.",
    );
    const none = chartBars([week(11)], lead, { width: 100, height: 40 }).bars;
    expect(describeChart(lead, none)).toBe(
      "Median lead time, from commit to live, 10 Mar to 10 Mar: no data yet.",
    );
  });

  it("sums the range up in cards with DORA bands", () => {
    const cards = totalsCards({
      ...week(10, {
        deployments: 6,
        failures: 1,
        changeFailureRate: 1 / 6,
        leadTimeMedianMs: 3_600_000,
        leadTimeP90Ms: 7_200_000,
      }),
      from: 0,
      to: 0,
      deploysPerWeek: 1.5,
      bands: {
        deploymentFrequency: "high",
        leadTime: "elite",
        changeFailureRate: "low",
        timeToRestore: null,
      },
    });
    expect(cards.map((c) => [c.title, c.value, c.band])).toEqual([
      ["Deployment frequency", "1.5 / week", "high"],
      ["Lead time for changes", "1 h", "elite"],
      ["Change failure rate", "16.7 %", "low"],
      ["Time to restore", "—", null],
      ["Batch size", "—", null],
    ]);
    expect(cards[1]?.detail).toBe("median; 90 % within 2 h");
  });
});
