import { describe, expect, it } from "vitest";
import { type EnvironmentConfig, weeknightConfigSchema } from "../config/config-schema.js";
import { decide, type PolicyInput } from "./deploy-policy.js";
import type { RiskAssessment } from "./risk-rules.js";

function environment(extra: Record<string, unknown>): EnvironmentConfig {
  const config = weeknightConfigSchema.parse({
    project: "shop",
    build: { stages: [{ name: "test", run: "true" }] },
    environments: {
      production: {
        deploy: { schedule: "0 22 * * 1-5", timezone: "Europe/London" },
        target: { type: "command", deploy: "true", rollback: "true" },
        ...extra,
      },
    },
  });
  return config.environments.production as EnvironmentConfig;
}

const high: RiskAssessment = {
  level: "high",
  levels: ["low", "medium", "high"],
  reasons: [{ level: "high", text: "adds or changes migrations (migrations/1.sql)", rule: 0 }],
};
const low: RiskAssessment = { level: "low", levels: ["low", "medium", "high"], reasons: [] };
// Monday 30 November 2026, 22:00 in London (GMT).
const MONDAY_22 = Date.parse("2026-11-30T22:00:00Z");

function input(env: EnvironmentConfig, overrides: Partial<PolicyInput> = {}): PolicyInput {
  return {
    environment: "production",
    env,
    risk: low,
    approvals: [],
    blocks: [],
    incidents: [],
    now: MONDAY_22,
    ...overrides,
  };
}

describe("decide", () => {
  it("lets a low-risk change go with no policy at all", () => {
    const decision = decide(input(environment({})));
    expect(decision.holds).toEqual([]);
    expect(decision.nextTryAt).toBe(Date.parse("2026-12-01T22:00:00Z"));
  });

  it("counts approvals and says who gave them", () => {
    const env = environment({ policy: { high: { approvals: 2 } } });
    expect(decide(input(env, { risk: high })).holds).toEqual([
      "high risk needs 2 approvals: weeknight approve production",
    ]);
    const one = decide(input(env, { risk: high, approvals: [{ by: "bob", at: 1 }] }));
    expect(one.holds).toEqual([
      "high risk needs 2 approvals, 1 given (bob): weeknight approve production",
    ]);
    const two = [
      { by: "bob", at: 1 },
      { by: "cy", at: 2 },
    ];
    expect(decide(input(env, { risk: high, approvals: two })).holds).toEqual([]);
  });

  it("uses the level's own window and canary", () => {
    const env = environment({
      windows: ["* 20-23 * * 1-5"],
      policy: { high: { windows: ["* 22-23 * * 2-4"], canary: { traffic: 5, bake: "30m" } } },
    });
    const decision = decide(input(env, { risk: high }));
    expect(decision.holds).toEqual([
      "outside the high-risk deploy window (* 22-23 * * 2-4 Europe/London); next window 2026-12-01 22:00 Europe/London",
    ]);
    expect(decision.policy.canary).toEqual({ traffic: 5, bake: 1_800_000 });
    expect(decide(input(env, { risk: low })).holds).toEqual([]);
  });

  it("names the freeze and when it ends, and tries again at the first run after it", () => {
    const env = environment({
      freezes: [{ name: "Launch", from: "2026-11-30", to: "2026-12-01" }],
    });
    const decision = decide(input(env));
    expect(decision.holds).toEqual(["frozen: Launch (until 2026-12-02 00:00 Europe/London)"]);
    expect(decision.nextTryAt).toBe(Date.parse("2026-12-02T22:00:00Z"));
  });

  it("says who blocked what, until when, and how to lift a rollback block", () => {
    const block = {
      id: 7,
      project: "shop",
      environment: "production",
      buildId: null,
      sha: null,
      kind: "manual",
      reason: "support sees checkout errors",
      createdBy: "sam",
      expiresAt: Date.parse("2026-11-30T23:30:00Z"),
    };
    const rollback = {
      ...block,
      id: 8,
      kind: "rollback",
      createdBy: "weeknight",
      expiresAt: null,
      reason: "deployment 4 was rolled back automatically",
    };
    const project = { ...block, id: 9, environment: null, expiresAt: null, reason: "migration" };
    const commit = { ...block, id: 10, sha: "abcdef1234", expiresAt: null, reason: "bad commit" };
    expect(
      decide(input(environment({}), { blocks: [block, rollback, project, commit] })).holds,
    ).toEqual([
      "production is blocked by sam: support sees checkout errors (until 2026-11-30 23:30 Europe/London)",
      "blocked after an automatic rollback: deployment 4 was rolled back automatically — lift it once the fix is in (weeknight unblock 8)",
      "shop is blocked by sam: migration",
      "commit abcdef1 is blocked by sam: bad commit",
    ]);
  });

  it("holds back builds that fix no open incident at or above the configured severity", () => {
    const open = [
      { id: 3, severity: "sev1" as const, fixed: false },
      { id: 4, severity: "sev2" as const, fixed: false },
    ];
    expect(decide(input(environment({}), { incidents: open })).holds).toEqual([]);
    const explicit = environment({ defects_first: { severity: "sev1" } });
    expect(decide(input(explicit, { incidents: open })).holds).toEqual([
      'incident INC-3 (sev1) is open: only a build that fixes it goes out (commit trailer "Fixes: INC-3", or weeknight incident fix 3 --build <id>)',
    ]);
    const fixed = [{ id: 3, severity: "sev1" as const, fixed: true }];
    expect(decide(input(explicit, { incidents: fixed })).holds).toEqual([]);
    const wider = environment({ defects_first: { severity: "sev2" } });
    expect(decide(input(wider, { incidents: open })).holds).toHaveLength(2);
  });
});
