import { describe, expect, it } from "vitest";
import {
  parseConstraint,
  parseContext,
  parseList,
  parsePercent,
  parseRampStep,
} from "./flag-args.js";

describe("flag command arguments", () => {
  it("reads percentages, lists and contexts", () => {
    expect(parsePercent("10%")).toBe(10);
    expect(parsePercent("100")).toBe(100);
    expect(() => parsePercent("150%")).toThrow(/not a percentage/);
    expect(() => parsePercent("ten")).toThrow(/not a percentage/);
    expect(parseList("acme, globex initech")).toEqual(["acme", "globex", "initech"]);
    expect(parseContext(["customerId=acme", "note=a=b"])).toEqual({
      customerId: "acme",
      note: "a=b",
    });
    expect(() => parseContext(["=x"])).toThrow(/name=value/);
  });

  it("reads ramp steps at a time or from now", () => {
    expect(parseRampStep("5%@2026-12-01T09:00Z", 0)).toEqual({
      at: Date.parse("2026-12-01T09:00Z"),
      percent: 5,
    });
    expect(parseRampStep("25%@+2d", 1000)).toEqual({ at: 1000 + 2 * 86_400_000, percent: 25 });
    expect(() => parseRampStep("25%", 0)).toThrow(/<percent>@<when>/);
    expect(() => parseRampStep("25%@monday", 0)).toThrow(/not a time/);
  });

  it("reads constraints the way the docs write them", () => {
    expect(parseConstraint("role IN admin,owner")).toEqual({
      contextName: "role",
      operator: "IN",
      values: ["admin", "owner"],
    });
    expect(parseConstraint("email not str_ends_with @acme.com /i")).toEqual({
      contextName: "email",
      operator: "STR_ENDS_WITH",
      values: ["@acme.com"],
      inverted: true,
      caseInsensitive: true,
    });
    expect(parseConstraint("appVersion SEMVER_GT 2.3.0")).toEqual({
      contextName: "appVersion",
      operator: "SEMVER_GT",
      value: "2.3.0",
    });
    expect(() => parseConstraint("role LIKE admin")).toThrow(/not a constraint/);
    expect(() => parseConstraint("role IN")).toThrow(/no value/);
  });
});
