import { describe, expect, it } from "vitest";
import {
  describeDiff,
  describePolicy,
  describeRouting,
  describeTrigger,
  formatErrorRate,
  formatFileCount,
  formatLatency,
  parseBuildNumber,
} from "./deployment-format.js";

describe("describePolicy", () => {
  it("names each deploy policy", () => {
    expect(describePolicy("on-green")).toBe("Every green build");
    expect(describePolicy("manual")).toBe("Manual only");
    expect(describePolicy({ schedule: "0 22 * * 1-5", timezone: "Europe/Paris" })).toBe(
      "Scheduled 0 22 * * 1-5 (Europe/Paris)",
    );
  });
});

describe("diff sizes", () => {
  it("counts files, singular for one", () => {
    expect(formatFileCount(1)).toBe("1 file");
    expect(formatFileCount(3)).toBe("3 files");
  });
  it("reads a change aloud", () => {
    expect(describeDiff({ additions: 12, deletions: 3, files: 2 })).toBe(
      "12 lines added, 3 removed in 2 files",
    );
  });
});

describe("describeTrigger", () => {
  it("reads the server's trigger strings", () => {
    expect(describeTrigger("manual:ada")).toBe("Manual by ada");
    expect(describeTrigger("rollback:ada")).toBe("Rollback by ada");
    expect(describeTrigger("promote:internal:ada")).toBe("Promoted from internal by ada");
    expect(describeTrigger("schedule")).toBe("Schedule");
    expect(describeTrigger("on-green")).toBe("Green build");
  });
  it("shows an unknown trigger as it is", () => {
    expect(describeTrigger("webhook:github")).toBe("webhook:github");
  });
});

describe("formatErrorRate", () => {
  it("is a dash before any request and a percentage after", () => {
    expect(formatErrorRate(0, 0)).toBe("—");
    expect(formatErrorRate(1000, 4)).toBe("0.4 %");
    expect(formatErrorRate(100, 25)).toBe("25 %");
  });
});

describe("formatLatency", () => {
  it("uses ms below a second and seconds above", () => {
    expect(formatLatency(null)).toBe("—");
    expect(formatLatency(12.4)).toBe("12 ms");
    expect(formatLatency(1250)).toBe("1.3 s");
  });
});

describe("describeRouting", () => {
  it("describes canary, full and missing routing", () => {
    expect(describeRouting({ active: "v1", canary: "v2", percent: 30 })).toBe("canary 30 % to v2");
    expect(describeRouting({ active: "v1", canary: null, percent: 0 })).toBe("all traffic to v1");
    expect(describeRouting(null)).toMatch(/does not route/);
  });
});

describe("parseBuildNumber", () => {
  it("accepts a whole number, with or without #", () => {
    expect(parseBuildNumber(" 42 ")).toEqual({ build: 42 });
    expect(parseBuildNumber("#7")).toEqual({ build: 7 });
  });
  it("explains what is wrong otherwise", () => {
    expect(parseBuildNumber("")).toEqual({ error: expect.stringMatching(/Enter the number/) });
    expect(parseBuildNumber(" ", "the build that fixes it")).toEqual({
      error: "Enter the number of the build that fixes it, e.g. 42.",
    });
    expect(parseBuildNumber("4.5")).toEqual({ error: expect.stringMatching(/not a build number/) });
    expect(parseBuildNumber("0")).toEqual({ error: expect.stringMatching(/not a build number/) });
    expect(parseBuildNumber("abc")).toEqual({ error: expect.stringMatching(/not a build number/) });
  });
});
