import { describe, expect, it } from "vitest";
import {
  type DeploymentRecord,
  doraMetrics,
  durationBand,
  frequencyBand,
  median,
  percentile,
  rateBand,
} from "./dora-metrics.js";
import { isoWeek, weekRanges } from "./stats-weeks.js";

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const at = (iso: string) => new Date(iso).getTime();

/** Four UTC weeks of March 2025: the third has nothing in it. */
const weeks = weekRanges(at("2025-03-26T12:00:00Z"), 4, "UTC");

function deploy(
  id: number,
  finished: string,
  fields: Partial<Omit<DeploymentRecord, "id" | "finishedAt">> & { commitTimes?: string[] } = {},
): DeploymentRecord {
  const { commitTimes = [], ...rest } = fields;
  return {
    id,
    outcome: "succeeded",
    startedAt: at(finished) - MIN,
    finishedAt: at(finished),
    newCommits: commitTimes.map((time, i) => ({ sha: `${id}-${i}`, committedAt: at(time) })),
    commits: commitTimes.length,
    lines: 0,
    ...rest,
  };
}

describe("weekRanges", () => {
  it("cuts ISO weeks from Monday 00:00, the current week last", () => {
    expect(weeks.map((w) => [w.week, w.firstDay])).toEqual([
      ["2025-W10", "2025-03-03"],
      ["2025-W11", "2025-03-10"],
      ["2025-W12", "2025-03-17"],
      ["2025-W13", "2025-03-24"],
    ]);
    expect(weeks[0]?.start).toBe(at("2025-03-03T00:00:00Z"));
    expect(weeks[3]?.end).toBe(at("2025-03-31T00:00:00Z"));
    expect(weeks.every((w, i) => i === 0 || w.start === weeks[i - 1]?.end)).toBe(true);
    // On Monday at midnight the new week has begun.
    expect(weekRanges(at("2025-03-10T00:00:00Z"), 1, "UTC")[0]?.week).toBe("2025-W11");
  });

  it("follows the environment's time zone, daylight saving included", () => {
    const london = weekRanges(at("2025-04-02T12:00:00Z"), 2, "Europe/London");
    expect(london.map((w) => w.firstDay)).toEqual(["2025-03-24", "2025-03-31"]);
    // Clocks went forward on 30 March: that week is an hour short, the next starts at 23:00 UTC.
    expect(london[0]?.start).toBe(at("2025-03-24T00:00:00Z"));
    expect(london[1]?.start).toBe(at("2025-03-30T23:00:00Z"));
    expect((london[0]?.end ?? 0) - (london[0]?.start ?? 0)).toBe(7 * DAY - HOUR);
    // Monday 00:30 in Tokyo is still Sunday in UTC: Tokyo's new week has begun, UTC's not.
    const sunday = at("2025-03-09T15:30:00Z");
    expect(weekRanges(sunday, 1, "Asia/Tokyo")[0]?.firstDay).toBe("2025-03-10");
    expect(weekRanges(sunday, 1, "UTC")[0]?.firstDay).toBe("2025-03-03");
  });

  it("names weeks by the year their Thursday is in", () => {
    expect(isoWeek({ year: 2024, month: 12, day: 30 })).toBe("2025-W01");
    expect(isoWeek({ year: 2020, month: 12, day: 28 })).toBe("2020-W53");
    expect(isoWeek({ year: 2021, month: 1, day: 4 })).toBe("2021-W01");
  });
});

describe("median and percentile", () => {
  it("takes the middle value, or the mean of the two middle ones", () => {
    expect(median([])).toBeNull();
    expect(median([7])).toBe(7);
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it("takes the nearest rank", () => {
    expect(percentile([], 90)).toBeNull();
    expect(percentile([5], 90)).toBe(5);
    expect(percentile([1, 2, 3], 90)).toBe(3);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9);
    expect(percentile([10, 1, 2, 3, 4, 5, 6, 7, 8, 9, 11], 90)).toBe(10);
  });
});

describe("doraMetrics", () => {
  const report = doraMetrics({
    weeks,
    deployments: [
      // Before the range: neither it, its rollback nor its incident count.
      deploy(0, "2025-03-01T10:00:00Z", { commitTimes: ["2025-02-28T10:00:00Z"] }),
      // Week 10: lead times 24 h and 2 h.
      deploy(1, "2025-03-04T10:00:00Z", {
        commitTimes: ["2025-03-03T10:00:00Z", "2025-03-04T08:00:00Z"],
        lines: 30,
      }),
      // Rolled back by a person 30 min after it went live; lead time 1 h.
      deploy(2, "2025-03-06T12:00:00Z", { commitTimes: ["2025-03-06T11:00:00Z"], lines: 10 }),
      // Put back automatically 5 min after the target began: no lead time, a failure.
      deploy(3, "2025-03-07T09:05:00Z", {
        outcome: "rolled-back",
        startedAt: at("2025-03-07T09:00:00Z"),
        commitTimes: ["2025-03-07T08:00:00Z"],
        commits: 4,
        lines: 100,
      }),
      // Never live: not a deployment.
      deploy(4, "2025-03-07T10:00:00Z", {
        outcome: "failed",
        commitTimes: ["2025-03-07T09:30:00Z"],
      }),
      // Began on Sunday, went live on Monday: week 11's. Its incident took 2 h to resolve.
      deploy(5, "2025-03-10T00:10:00Z", {
        startedAt: at("2025-03-09T23:50:00Z"),
        commitTimes: ["2025-03-07T08:00:00Z", "2025-03-09T23:00:00Z"],
        commits: 5,
        lines: 120,
      }),
      // Week 13: an incident still open, and a redeploy that brought nothing new.
      deploy(6, "2025-03-25T10:00:00Z", { commitTimes: ["2025-03-25T09:00:00Z"], lines: 2 }),
      deploy(7, "2025-03-26T10:00:00Z"),
    ],
    rollbacks: [
      { replaced: 2, finishedAt: at("2025-03-06T12:30:00Z") },
      { replaced: 2, finishedAt: at("2025-03-06T13:00:00Z") },
      { replaced: 0, finishedAt: at("2025-03-03T09:00:00Z") },
    ],
    incidents: [
      { deploymentId: 0, openedAt: at("2025-03-03T08:00:00Z"), resolvedAt: null },
      // Blames the rolled-back deployment 2: the rollback restored service, not the fix.
      {
        deploymentId: 2,
        openedAt: at("2025-03-06T12:10:00Z"),
        resolvedAt: at("2025-03-07T12:00:00Z"),
      },
      {
        deploymentId: 5,
        openedAt: at("2025-03-10T09:00:00Z"),
        resolvedAt: at("2025-03-10T11:00:00Z"),
      },
      // No suspect: 45 min to restore, and no change failure.
      {
        deploymentId: null,
        openedAt: at("2025-03-12T10:00:00Z"),
        resolvedAt: at("2025-03-12T10:45:00Z"),
      },
      { deploymentId: 6, openedAt: at("2025-03-25T11:00:00Z"), resolvedAt: null },
      // Opened before the range: nothing.
      {
        deploymentId: null,
        openedAt: at("2025-03-02T10:00:00Z"),
        resolvedAt: at("2025-03-03T10:00:00Z"),
      },
    ],
  });

  it("counts each week's deployments, lead times, failures, restores and batch sizes", () => {
    const [w10, w11, w12, w13] = report.weeks;
    expect(w10).toMatchObject({
      week: "2025-W10",
      deployments: 3,
      leadTimeMedianMs: 2 * HOUR,
      leadTimeP90Ms: 24 * HOUR,
      failures: 2,
      changeFailureRate: 2 / 3,
      restores: 2,
      timeToRestoreMedianMs: 17.5 * MIN,
      commitsPerDeployMedian: 2,
      linesPerDeployMedian: 30,
    });
    // 7 Mar 08:00 → 10 Mar 00:10 is 64 h 10 min: the commit waited out the automatic rollback.
    expect(w11).toMatchObject({
      deployments: 1,
      leadTimeMedianMs: (64 * HOUR + 10 * MIN + 70 * MIN) / 2,
      leadTimeP90Ms: 64 * HOUR + 10 * MIN,
      failures: 1,
      changeFailureRate: 1,
      restores: 2,
      timeToRestoreMedianMs: (2 * HOUR + 45 * MIN) / 2,
      commitsPerDeployMedian: 5,
      linesPerDeployMedian: 120,
    });
    expect(w12).toEqual({
      ...weeks[2],
      deployments: 0,
      leadTimeMedianMs: null,
      leadTimeP90Ms: null,
      failures: 0,
      changeFailureRate: null,
      restores: 0,
      timeToRestoreMedianMs: null,
      commitsPerDeployMedian: null,
      linesPerDeployMedian: null,
    });
    expect(w13).toMatchObject({
      deployments: 2,
      leadTimeMedianMs: HOUR,
      failures: 1,
      changeFailureRate: 0.5,
      restores: 0,
      timeToRestoreMedianMs: null,
      commitsPerDeployMedian: 0.5,
      linesPerDeployMedian: 1,
    });
  });

  it("totals the whole range and places it in the DORA bands", () => {
    // Lead times 1 h, 1 h, 1 h 10, 2 h, 24 h, 64 h 10; restores 5, 30, 45, 120 min.
    expect(report.totals).toEqual({
      from: at("2025-03-03T00:00:00Z"),
      to: at("2025-03-31T00:00:00Z"),
      deployments: 6,
      deploysPerWeek: 1.5,
      leadTimeMedianMs: (70 * MIN + 2 * HOUR) / 2,
      leadTimeP90Ms: 64 * HOUR + 10 * MIN,
      failures: 4,
      changeFailureRate: 4 / 6,
      restores: 4,
      timeToRestoreMedianMs: 37.5 * MIN,
      commitsPerDeployMedian: 1.5,
      linesPerDeployMedian: 20,
      bands: {
        deploymentFrequency: "high",
        leadTime: "elite",
        changeFailureRate: "low",
        timeToRestore: "elite",
      },
    });
  });

  it("reports an environment without deployments as zero, without figures", () => {
    const empty = doraMetrics({ weeks, deployments: [], rollbacks: [], incidents: [] });
    expect(empty.weeks.map((w) => w.deployments)).toEqual([0, 0, 0, 0]);
    expect(empty.totals).toMatchObject({
      deployments: 0,
      deploysPerWeek: 0,
      leadTimeMedianMs: null,
      changeFailureRate: null,
      timeToRestoreMedianMs: null,
      commitsPerDeployMedian: null,
      bands: {
        deploymentFrequency: "low",
        leadTime: null,
        changeFailureRate: null,
        timeToRestore: null,
      },
    });
  });

  it("never reports a negative lead time for a commit dated after its deploy", () => {
    const skewed = doraMetrics({
      weeks,
      deployments: [deploy(1, "2025-03-04T10:00:00Z", { commitTimes: ["2025-03-04T10:05:00Z"] })],
      rollbacks: [],
      incidents: [],
    });
    expect(skewed.totals.leadTimeMedianMs).toBe(0);
  });
});

describe("DORA bands", () => {
  it("places deployment frequency: daily, weekly, monthly", () => {
    expect([7, 6.9, 1, 0.25, 0.2, 0].map(frequencyBand)).toEqual([
      "elite",
      "high",
      "high",
      "medium",
      "low",
      "low",
    ]);
  });

  it("places lead time (day, week, month) and time to restore (hour, day, week)", () => {
    const lead: [number, number, number] = [DAY, 7 * DAY, 30 * DAY];
    expect([DAY - 1, DAY, 7 * DAY, 30 * DAY].map((ms) => durationBand(ms, lead))).toEqual([
      "elite",
      "high",
      "medium",
      "low",
    ]);
    expect(durationBand(null, lead)).toBeNull();
  });

  it("places the change failure rate: 5, 10, 15 %", () => {
    expect([0, 0.05, 0.1, 0.15, 0.16, null].map(rateBand)).toEqual([
      "elite",
      "elite",
      "high",
      "medium",
      "low",
      null,
    ]);
  });
});
