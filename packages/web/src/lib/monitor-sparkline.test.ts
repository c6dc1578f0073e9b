import { describe, expect, it } from "vitest";
import { deployMarkers, describeSparkline, shapeSparkline } from "./monitor-sparkline.js";

const result = (at: number, durationMs: number, status: "pass" | "fail" = "pass") => ({
  at,
  durationMs,
  status,
});
const box = { width: 100, height: 20, pad: 0 };

describe("a monitor's latency sparkline", () => {
  it("draws the API's newest-first results oldest to newest, left to right", () => {
    const spark = shapeSparkline([result(3000, 50), result(2000, 100), result(1000, 0)], [], box);
    expect(spark.points.map((p) => [p.x, p.y])).toEqual([
      [0, 20],
      [50, 0],
      [100, 10],
    ]);
    expect(spark.line).toBe("M0 20 L50 0 L100 10");
    expect(spark.maxMs).toBe(100);
  });

  it("keeps each result's status so failures can be coloured, and counts them", () => {
    const spark = shapeSparkline([result(2000, 10, "fail"), result(1000, 10)], [], box);
    expect(spark.points.map((p) => p.status)).toEqual(["pass", "fail"]);
    expect(spark.failures).toBe(1);
  });

  it("centres a single result instead of dividing by a zero time span", () => {
    const spark = shapeSparkline([result(1000, 40)], [], box);
    expect(spark.points[0]).toMatchObject({ x: 50, y: 0 });
  });

  it("puts a deploy marker where the deploy finished, labelled with its release", () => {
    const spark = shapeSparkline(
      [result(1000, 10), result(3000, 10)],
      [{ id: 12, releaseId: "r12", finishedAt: 1500 }],
      box,
    );
    expect(spark.markers).toEqual([{ x: 25, deploymentId: 12, release: "r12", at: 1500 }]);
  });

  it("describes itself for screen readers", () => {
    const spark = shapeSparkline(
      [result(1000, 10, "fail"), result(3000, 120)],
      [{ id: 4, releaseId: "r4", finishedAt: 2000 }],
      box,
    );
    expect(describeSparkline(spark)).toBe("2 runs, 1 failed, slowest 120 ms, 1 deploy (r4)");
    expect(describeSparkline(shapeSparkline([], [], box))).toBe("No results yet");
  });
});

describe("deploy markers", () => {
  it("leaves out deploys outside the results' time span and unfinished ones", () => {
    const deploys = [
      { id: 1, releaseId: "old", finishedAt: 500 },
      { id: 3, releaseId: "late", finishedAt: 2500 },
      { id: 2, releaseId: "in", finishedAt: 1500 },
      { id: 4, releaseId: "running", finishedAt: null },
    ];
    expect(deployMarkers(deploys, 1000, 2000)).toEqual([
      { deploymentId: 2, release: "in", at: 1500 },
    ]);
    expect(deployMarkers(deploys, 0, 3000).map((m) => m.deploymentId)).toEqual([1, 2, 3]);
  });
});
