import { describe, expect, it } from "vitest";
import {
  dueSteps,
  OFF,
  planRamp,
  releasedAt,
  stageOf,
  staleness,
  toAdmins,
  toCustomers,
  toReleased,
  toRollout,
} from "./flag-lifecycle.js";
import type { FlagRecord } from "./flag-store.js";

const DAY = 24 * 60 * 60_000;

describe("the flag lifecycle", () => {
  it("moves admins → customers → percentage → released, keeping the rules in order", () => {
    const admins = toAdmins(OFF);
    expect(stageOf(admins).stage).toBe("admins");
    const customers = toCustomers(admins, [" acme", "globex", "acme", ""]);
    expect(stageOf(customers)).toEqual({
      stage: "customers",
      percent: null,
      customers: ["acme", "globex"],
    });
    const rollout = toRollout(toAdmins(customers), 10, "customerId");
    expect(rollout.rules.map((r) => r.name)).toEqual(["admins", "customers", "rollout"]);
    expect(stageOf(rollout)).toMatchObject({ stage: "percentage", percent: 10 });
    expect(stageOf(toReleased(rollout))).toMatchObject({ stage: "released", percent: 100 });
    expect(stageOf(toRollout(rollout, 100, "default")).stage).toBe("released");
    expect(stageOf(toRollout(rollout, 0, "default")).stage).toBe("customers");
    expect(stageOf({ ...rollout, enabled: false }).stage).toBe("killed");
    expect(stageOf(undefined).stage).toBe("off");
  });

  it("adds to and removes from the allow-list, and refuses huge or odd ones", () => {
    const list = toCustomers(OFF, ["acme"]);
    expect(stageOf(toCustomers(list, ["globex"], "add")).customers).toEqual(["acme", "globex"]);
    expect(stageOf(toCustomers(list, ["acme"], "remove")).stage).toBe("off");
    const many = Array.from({ length: 10_001 }, (_, i) => `c${i}`);
    expect(() => toCustomers(OFF, many)).toThrow(/more than the 10000/);
    expect(() => toCustomers(OFF, ["x".repeat(201)])).toThrow(/longer than 200/);
    expect(() => toRollout(OFF, 12.5, "default")).toThrow(/whole percentage/);
  });

  it("calls hand-written rules custom", () => {
    const custom = {
      ...OFF,
      rules: [
        { name: "beta", constraints: [], segments: ["beta"], rollout: 100, stickiness: "default" },
      ],
    };
    expect(stageOf(custom).stage).toBe("custom");
  });

  it("keeps the release time while a flag stays released, and clears it otherwise", () => {
    const released = toReleased(OFF);
    expect(releasedAt(OFF, null, released, 5)).toBe(5);
    expect(releasedAt(released, 5, released, 9)).toBe(5);
    expect(releasedAt(released, 5, toAdmins(OFF), 9)).toBeNull();
  });

  it("finds release flags released for 30 days and experiments for 40, never kill switches", () => {
    const flag = (type: FlagRecord["type"], days: number): FlagRecord => ({
      id: 1,
      projectId: 1,
      key: "f",
      type,
      description: "",
      createdBy: "a",
      createdAt: 0,
      archivedAt: null,
      staleNotifiedAt: null,
      environments: [
        {
          environment: "production",
          ...toReleased(OFF),
          ramp: null,
          releasedAt: 100 * DAY - days * DAY,
          updatedBy: "a",
          updatedAt: 0,
        },
      ],
    });
    expect(staleness(flag("release", 30), 100 * DAY)).toEqual({
      environment: "production",
      releasedAt: 70 * DAY,
    });
    expect(staleness(flag("release", 29), 100 * DAY)).toBeNull();
    expect(staleness(flag("experiment", 39), 100 * DAY)).toBeNull();
    expect(staleness(flag("kill-switch", 400), 100 * DAY)).toBeNull();
  });

  it("plans ramps that rise and lie ahead, and finds the steps due", () => {
    const ramp = planRamp(
      [
        { at: 3000, percent: 100 },
        { at: 2000, percent: 25 },
      ],
      "customerId",
      "ann",
      1000,
    );
    expect(ramp.steps.map((s) => s.percent)).toEqual([25, 100]);
    expect(dueSteps(ramp, 2500).map((s) => s.percent)).toEqual([25]);
    expect(() => planRamp([{ at: 500, percent: 5 }], "default", "ann", 1000)).toThrow(
      /in the past/,
    );
    expect(() =>
      planRamp(
        [
          { at: 2000, percent: 50 },
          { at: 3000, percent: 50 },
        ],
        "default",
        "ann",
        1000,
      ),
    ).toThrow(/must rise/);
    expect(() => planRamp([], "default", "ann", 1000)).toThrow(/1 to 20 steps/);
  });
});
