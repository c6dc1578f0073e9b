import { describe, expect, it } from "vitest";
import {
  approvalsLabel,
  forceDeployOffer,
  hasApproved,
  parseForceReason,
  riskLabel,
  riskTone,
} from "./control-format.js";

describe("the risk badge's colour", () => {
  it("is green for the lowest level, red for the highest and amber between", () => {
    const levels = ["low", "medium", "high"];
    expect(riskTone("low", levels)).toBe("good");
    expect(riskTone("medium", levels)).toBe("warn");
    expect(riskTone("high", levels)).toBe("bad");
  });

  it("follows the position in custom levels, not their names", () => {
    const levels = ["green", "amber", "red", "black"];
    expect(riskTone("green", levels)).toBe("good");
    expect(riskTone("amber", levels)).toBe("warn");
    expect(riskTone("red", levels)).toBe("warn");
    expect(riskTone("black", levels)).toBe("bad");
    expect(riskTone("low", ["low", "high"])).toBe("good");
    expect(riskTone("high", ["low", "high"])).toBe("bad");
  });

  it("is amber for a level the list does not name", () => {
    expect(riskTone("extreme", ["low", "high"])).toBe("warn");
  });

  it("says the level in words", () => {
    expect(riskLabel("high")).toBe("high risk");
  });
});

describe("approvals", () => {
  const approvals = { required: 2, given: [{ by: "ann", at: 1 }] };

  it("count what was given against what is required", () => {
    expect(approvalsLabel(approvals)).toBe("Approvals 1 of 2");
    expect(approvalsLabel({ required: 1, given: [] })).toBe("Approvals 0 of 1");
  });

  it("know who already approved", () => {
    expect(hasApproved(approvals, "ann")).toBe(true);
    expect(hasApproved(approvals, "bob")).toBe(false);
  });
});

describe("forcing a deploy", () => {
  const holds = [
    "production is blocked by vera: support sees errors",
    "high risk needs 1 approval",
  ];
  const env = {
    candidate: { buildId: 45 },
    live: { buildId: 41 },
    control: { holds },
  };

  it("offers the held candidate, with every hold it overrides", () => {
    expect(forceDeployOffer(env)).toEqual({ buildId: 45, holds });
    expect(forceDeployOffer({ ...env, live: null })).toEqual({ buildId: 45, holds });
  });

  it("is not offered when nothing holds the candidate", () => {
    expect(forceDeployOffer({ ...env, control: { holds: [] } })).toBeNull();
    expect(forceDeployOffer({ ...env, control: null })).toBeNull();
  });

  it("is not offered without a candidate, or when the candidate is already live", () => {
    expect(forceDeployOffer({ ...env, candidate: null })).toBeNull();
    expect(forceDeployOffer({ ...env, live: { buildId: 45 } })).toBeNull();
  });

  it("needs a reason, trimmed", () => {
    expect(parseForceReason("  hotfix for INC-4 ")).toEqual({ reason: "hotfix for INC-4" });
    expect(parseForceReason(" \n ")).toEqual({
      error: expect.stringMatching(/^Say why .*audit log/),
    });
  });
});
