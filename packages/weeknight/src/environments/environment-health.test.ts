import { describe, expect, it } from "vitest";
import type { DeploymentStep } from "../targets/target.js";
import { environmentHealth } from "./environment-health.js";

const deployment = (step: DeploymentStep, reason: string | null = null) => ({
  id: 4,
  step,
  reason,
  finishedAt: step === "canary" ? null : 1_000,
});

describe("environment health", () => {
  it("is unknown before anything was deployed", () => {
    expect(environmentHealth({ lastDeployment: null, status: null })).toEqual({
      health: "unknown",
      healthDetail: "Nothing has been deployed here yet.",
    });
  });

  it("is deploying while the last deployment runs, whatever the target said", () => {
    const status = { healthy: false, detail: "crashed", at: 2_000 };
    expect(environmentHealth({ lastDeployment: deployment("canary"), status })).toEqual({
      health: "deploying",
      healthDetail: "Deployment #4 is at step canary.",
    });
  });

  it("is failing after a rollback or failure, with its reason", () => {
    const status = { healthy: true, detail: "promoted", at: 2_000 };
    expect(
      environmentHealth({
        lastDeployment: deployment("rolled-back", "canary 5xx ratio 0.4 > 0.05"),
        status,
      }),
    ).toEqual({
      health: "failing",
      healthDetail: "Deployment #4 was rolled back: canary 5xx ratio 0.4 > 0.05.",
    });
    expect(environmentHealth({ lastDeployment: deployment("failed"), status }).healthDetail).toBe(
      "Deployment #4 failed.",
    );
  });

  it("follows the target's polled status after a success", () => {
    const live = deployment("succeeded");
    expect(
      environmentHealth({
        lastDeployment: live,
        status: { healthy: true, detail: "promoted", at: 2_000 },
      }),
    ).toEqual({ health: "healthy", healthDetail: "Promoted." });
    expect(
      environmentHealth({
        lastDeployment: live,
        status: { healthy: false, detail: "release b3-d4 crashed\nrestarting", at: 2_000 },
      }),
    ).toEqual({ health: "failing", healthDetail: "Release b3-d4 crashed restarting." });
  });

  it("is unknown until the target was polled, and trusts the health gate over an older poll", () => {
    const live = deployment("succeeded");
    expect(environmentHealth({ lastDeployment: live, status: null }).health).toBe("unknown");
    expect(
      environmentHealth({
        lastDeployment: live,
        status: { healthy: false, detail: "old release down", at: 500 },
      }),
    ).toEqual({
      health: "healthy",
      healthDetail: "Deployment #4 went live after passing its health check.",
    });
  });
});
