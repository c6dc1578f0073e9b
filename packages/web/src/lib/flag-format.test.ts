import { describe, expect, it } from "vitest";
import {
  countsByEnvironment,
  type FlagEnvironment,
  type FlagRule,
  historyAction,
  parseContext,
  parseCustomers,
  parseRampRows,
  pendingRows,
  rampBadge,
  ruleText,
  stageBadge,
  toLocalInput,
} from "./flag-format.js";

const rule = (fields: Partial<FlagRule>): FlagRule => ({
  name: "r",
  constraints: [],
  segments: [],
  rollout: 100,
  stickiness: "default",
  ...fields,
});

const env = (fields: Partial<FlagEnvironment>): FlagEnvironment => ({
  environment: "production",
  enabled: true,
  rules: [],
  variants: [],
  stage: "off",
  percent: null,
  customers: [],
  ramp: null,
  releasedAt: null,
  updatedBy: null,
  updatedAt: null,
  ...fields,
});

describe("the lifecycle badge", () => {
  it("names the stage, counting customers and showing the share rolled out", () => {
    expect(stageBadge(env({ stage: "off" }))).toEqual({ label: "off", tone: "idle" });
    expect(stageBadge(env({ stage: "killed", enabled: false })).label).toBe("killed");
    expect(stageBadge(env({ stage: "customers", customers: ["acme", "globex"] })).label).toBe(
      "customers (2)",
    );
    expect(stageBadge(env({ stage: "percentage", percent: 10 })).label).toBe("10 %");
    expect(stageBadge(env({ stage: "released", percent: 100 })).tone).toBe("good");
  });

  it("says a ramp is paused, or which share comes next", () => {
    const steps = [
      { at: 1, percent: 5, appliedAt: 1 },
      { at: 2, percent: 25, appliedAt: null },
    ];
    const ramp = {
      steps,
      stickiness: "default",
      createdBy: "ann",
      pausedAt: null,
      pausedReason: null,
    };
    expect(rampBadge(ramp)?.label).toBe("ramp: 25 % next");
    expect(rampBadge({ ...ramp, pausedAt: 3, pausedReason: "alert firing" })?.label).toBe(
      "ramp paused",
    );
    expect(rampBadge(null)).toBeNull();
  });
});

describe("rules in words", () => {
  it("reads allow-lists, segments and percentages", () => {
    const customers = rule({
      constraints: [{ contextName: "customerId", operator: "IN", values: ["acme", "globex"] }],
    });
    expect(ruleText(customers)).toBe("customerId IN acme, globex");
    expect(ruleText(rule({ segments: ["admins"] }))).toBe("segment admins");
    expect(ruleText(rule({ rollout: 10, stickiness: "customerId" }))).toBe("10 % by customerId");
    expect(ruleText(rule({ rollout: 10 }))).toBe("10 % by userId");
    expect(ruleText(rule({}))).toBe("everyone");
    const inverted = rule({
      segments: ["admins"],
      constraints: [{ contextName: "plan", operator: "IN", values: ["free"], inverted: true }],
      rollout: 50,
    });
    expect(ruleText(inverted)).toBe("segment admins and plan not IN free, 50 % by userId");
  });
});

describe("what people type", () => {
  it("splits an allow-list on commas and newlines, dropping blanks and repeats", () => {
    expect(parseCustomers("acme, globex\n\ninitech,acme ")).toEqual(["acme", "globex", "initech"]);
  });

  it("builds a preview context from the fields and key=value lines", () => {
    expect(
      parseContext({ userId: " u1 ", customerId: "", role: "admin" }, "plan=pro\ncountry = NL"),
    ).toEqual({ context: { userId: "u1", role: "admin", plan: "pro", country: "NL" } });
    expect(parseContext({}, "plan=pro, tags=a,b")).toEqual({
      context: { plan: "pro", tags: "a,b" },
    });
    expect(parseContext({}, "plan pro")).toEqual({
      error: '"plan pro" is not key=value, e.g. plan=enterprise',
    });
  });

  it("turns ramp rows into steps and says which row is wrong", () => {
    const now = new Date("2026-11-30T12:00").getTime();
    expect(parseRampRows([{ percent: "25", at: "2026-12-01T09:00" }], now)).toEqual({
      steps: [{ percent: 25, at: new Date("2026-12-01T09:00").getTime() }],
    });
    expect(parseRampRows([{ percent: "", at: "" }], now)).toEqual({
      error: "Add at least one step: a percentage and a time.",
    });
    expect(parseRampRows([{ percent: "150", at: "2026-12-01T09:00" }], now)).toEqual({
      error: "Step 1: the percentage is a whole number from 1 to 100.",
    });
    expect(parseRampRows([{ percent: "5", at: "2026-11-29T09:00" }], now)).toEqual({
      error: "Step 1: 2026-11-29 09:00 is in the past.",
    });
  });

  it("keeps a ramp's pending steps as rows, in the browser's time", () => {
    const at = new Date("2026-12-01T09:30").getTime();
    const ramp = {
      steps: [
        { at: at - 1000, percent: 5, appliedAt: at - 1000 },
        { at, percent: 50, appliedAt: null },
      ],
      stickiness: "default",
      createdBy: "ann",
      pausedAt: null,
      pausedReason: null,
    };
    expect(pendingRows(ramp)).toEqual([{ percent: "50", at: "2026-12-01T09:30" }]);
    expect(toLocalInput(at)).toBe("2026-12-01T09:30");
  });
});

describe("evaluation counts", () => {
  it("adds up each environment's hours, and counts variants apart", () => {
    const metrics = [
      { environment: "production", hour: 1, variant: "", yes: 3, no: 1 },
      { environment: "production", hour: 2, variant: "", yes: 2, no: 0 },
      { environment: "production", hour: 2, variant: "blue", yes: 2, no: 0 },
      { environment: "internal", hour: 2, variant: "", yes: 0, no: 7 },
    ];
    expect(countsByEnvironment(metrics, ["internal", "production", "staging"])).toEqual([
      { environment: "internal", yes: 0, no: 7, variants: [] },
      { environment: "production", yes: 5, no: 1, variants: [{ name: "blue", count: 2 }] },
      { environment: "staging", yes: 0, no: 0, variants: [] },
    ]);
  });
});

it("reads history actions without the flag. prefix", () => {
  expect(historyAction("flag.ramp.step")).toBe("ramp step");
  expect(historyAction("flag.created")).toBe("created");
});
