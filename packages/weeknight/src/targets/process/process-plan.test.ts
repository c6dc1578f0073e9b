import { describe, expect, it } from "vitest";
import type { ProcessTargetConfig } from "../../config/config-schema.js";
import type { ReleaseSpec } from "../target.js";
import { planProcessRelease } from "./process-plan.js";

const config: ProcessTargetConfig = {
  type: "process",
  start: "node server.js",
  port: 8080,
  env: { NODE_ENV: "production" },
};

const spec = (id: string, build: number, traffic = 10): ReleaseSpec => ({
  id,
  buildId: build,
  project: "shop",
  environment: "production",
  artifact: { path: `/home/wn/artifacts/${id}.tar.gz`, sha256: `${build}`.repeat(64).slice(0, 64) },
  health: { path: "/health", timeoutMs: 30_000 },
  canary: { traffic, bakeMs: 60_000 },
  rollbackWindowMs: 1_800_000,
});

const analysis = {
  intervalMs: 1000,
  minRequests: 20,
  errorRatioFactor: 2,
  errorRatioMargin: 0.05,
  p95Factor: 2,
  p95MarginMs: 100,
};

const run = (id: string, build: number) => ({
  id,
  artifactPath: `/home/wn/artifacts/${id}.tar.gz`,
  sha256: `${build}`.repeat(64).slice(0, 64),
  start: "node server.js",
  env: { NODE_ENV: "production" },
  health: { path: "/health", timeoutMs: 30_000 },
  keepWarmMs: 1_800_000,
});

describe("process plan", () => {
  it("makes the first release active at once", () => {
    expect(planProcessRelease({ config, release: spec("b1-d1", 1), previous: null })).toEqual({
      app: "shop/production",
      publicPort: 8080,
      releases: [run("b1-d1", 1)],
      active: "b1-d1",
      canary: undefined,
      analysis,
      autoRollbacksLeft: 3,
    });
  });

  it("keeps the previous release active and makes the new one a canary", () => {
    const plan = planProcessRelease({
      config,
      release: spec("b2-d2", 2),
      previous: spec("b1-d1", 1),
    });
    expect(plan).toEqual({
      app: "shop/production",
      publicPort: 8080,
      releases: [run("b1-d1", 1), run("b2-d2", 2)],
      active: "b1-d1",
      canary: { release: "b2-d2", percent: 10, bakeMs: 60_000 },
      analysis,
      autoRollbacksLeft: 3,
    });
  });

  it("switches at once when canary traffic is 0, keeping the previous release warm", () => {
    const plan = planProcessRelease({
      config,
      release: spec("b2-d2", 2, 0),
      previous: spec("b1-d1", 1),
    });
    expect(plan.active).toBe("b2-d2");
    expect(plan.canary).toBeUndefined();
    expect(plan.releases.map((r) => [r.id, r.keepWarmMs])).toEqual([
      ["b1-d1", 1_800_000],
      ["b2-d2", 1_800_000],
    ]);
  });

  it("treats redeploying the live release as a first deploy", () => {
    const plan = planProcessRelease({
      config,
      release: spec("b1-d1", 1),
      previous: spec("b1-d1", 1),
    });
    expect(plan.releases.map((r) => r.id)).toEqual(["b1-d1"]);
    expect(plan.canary).toBeUndefined();
  });

  it("takes analysis overrides and the rollback cap from the options", () => {
    const plan = planProcessRelease({
      config,
      release: spec("b2-d2", 2),
      previous: spec("b1-d1", 1),
      options: { analysis: { intervalMs: 200, minRequests: 5 }, autoRollbacks: 1 },
    });
    expect(plan.analysis).toEqual({ ...analysis, intervalMs: 200, minRequests: 5 });
    expect(plan.autoRollbacksLeft).toBe(1);
  });
});
