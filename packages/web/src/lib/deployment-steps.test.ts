import { describe, expect, it } from "vitest";
import { buildTimeline, isFinished, type StepRecord, watchesTraffic } from "./deployment-steps.js";

const at = (seconds: number) => 1_000_000 + seconds * 1000;

describe("buildTimeline", () => {
  it("times each step to the next and lists the steps still ahead while it runs", () => {
    const steps: StepRecord[] = [
      { step: "pending", detail: null, at: at(0) },
      { step: "backing-up", detail: "sqlite", at: at(2) },
      { step: "starting", detail: null, at: at(5) },
      { step: "health-check", detail: "GET /health", at: at(9) },
    ];
    const timeline = buildTimeline(steps, at(12));
    expect(timeline.map((item) => [item.step, item.state, item.durationMs])).toEqual([
      ["pending", "done", 2000],
      ["backing-up", "done", 3000],
      ["starting", "done", 4000],
      ["health-check", "active", 3000],
      ["canary", "upcoming", null],
      ["baking", "upcoming", null],
      ["succeeded", "upcoming", null],
    ]);
    expect(timeline[1]?.detail).toBe("sqlite");
  });

  it("orders steps by time even when the server lists them otherwise", () => {
    const timeline = buildTimeline(
      [
        { step: "starting", detail: null, at: at(5) },
        { step: "pending", detail: null, at: at(0) },
      ],
      at(6),
    );
    expect(timeline.slice(0, 2).map((item) => item.step)).toEqual(["pending", "starting"]);
  });

  it("ends a finished deployment at its last step, with no duration and nothing upcoming", () => {
    const timeline = buildTimeline(
      [
        { step: "pending", detail: null, at: at(0) },
        { step: "baking", detail: null, at: at(1) },
        { step: "succeeded", detail: null, at: at(61) },
      ],
      at(500),
    );
    expect(timeline.map((item) => [item.step, item.state, item.durationMs])).toEqual([
      ["pending", "done", 1000],
      ["baking", "done", 60_000],
      ["succeeded", "done", null],
    ]);
  });

  it("marks the step a rollback interrupted, and the rollback's outcome, as problems", () => {
    const timeline = buildTimeline(
      [
        { step: "canary", detail: "30 %", at: at(0) },
        { step: "rolling-back", detail: "5xx rate 12 %", at: at(20) },
        { step: "rolled-back", detail: null, at: at(22) },
      ],
      at(30),
    );
    expect(timeline.map((item) => item.state)).toEqual(["problem", "done", "problem"]);
  });

  it("expects only rolled-back after a rollback starts", () => {
    const timeline = buildTimeline([{ step: "rolling-back", detail: null, at: at(0) }], at(1));
    expect(timeline.map((item) => [item.step, item.state])).toEqual([
      ["rolling-back", "active"],
      ["rolled-back", "upcoming"],
    ]);
  });

  it("continues from approval to the usual steps", () => {
    const timeline = buildTimeline(
      [
        { step: "pending", detail: null, at: at(0) },
        { step: "awaiting-approval", detail: null, at: at(1) },
      ],
      at(2),
    );
    expect(timeline.map((item) => item.step)).toEqual([
      "pending",
      "awaiting-approval",
      "backing-up",
      "starting",
      "health-check",
      "canary",
      "baking",
      "succeeded",
    ]);
  });

  it("shows nothing for a deployment without steps", () => {
    expect(buildTimeline([], at(0))).toEqual([]);
  });
});

describe("step groups", () => {
  it("knows which steps end a deployment and which watch traffic", () => {
    expect(isFinished("succeeded")).toBe(true);
    expect(isFinished("rolling-back")).toBe(false);
    expect(watchesTraffic("canary")).toBe(true);
    expect(watchesTraffic("succeeded")).toBe(false);
  });
});
