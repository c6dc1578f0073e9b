import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allocateFreePort } from "../../agent/agent-paths.js";
import { removeDir, startTestAgent, type TestAgent } from "../../agent/test-support/test-agent.js";
import { type PackedApp, packTestApp } from "../../agent/test-support/test-apps.js";
import { get, startLoad } from "../../agent/test-support/test-load.js";
import type { ProcessTargetConfig } from "../../config/config-schema.js";
import type { ApplyContext, DeploymentStep, ReleaseSpec } from "../target.js";
import { createProcessTarget } from "./process-target.js";

let work: string;
let agent: TestAgent;
let good: PackedApp;
let bad: PackedApp;
let sick: PackedApp;
let port: number;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "weeknight-target-"));
  [good, bad, sick] = await Promise.all([
    packTestApp(work, "good"),
    packTestApp(work, "bad", { failRatio: 0.4 }),
    packTestApp(work, "sick", { neverHealthy: true }),
  ]);
  agent = await startTestAgent();
  port = await allocateFreePort();
});
afterAll(async () => {
  await agent?.close();
  removeDir(agent?.home ?? "");
  removeDir(work);
});

function target() {
  const config: ProcessTargetConfig = {
    type: "process",
    start: "exec node app.js",
    port,
    env: { GREETING: "hello" },
  };
  return createProcessTarget({
    config,
    app: "shop/production",
    agent: agent.client,
    pollMs: 50,
    plan: { analysis: { intervalMs: 100, minRequests: 10 } },
  });
}

function spec(id: string, app: PackedApp, traffic = 50): ReleaseSpec {
  return {
    id,
    buildId: 1,
    project: "shop",
    environment: "production",
    artifact: app,
    health: { path: "/health", timeoutMs: 1500 },
    canary: { traffic, bakeMs: 600 },
    rollbackWindowMs: 60_000,
  };
}

function context() {
  const steps: DeploymentStep[] = [];
  const lines: string[] = [];
  const controller = new AbortController();
  const ctx: ApplyContext = {
    step: async (step) => {
      steps.push(step);
    },
    log: (line) => lines.push(line),
    signal: controller.signal,
  };
  return { ctx, steps, lines, controller };
}

describe("process target against a real agent", () => {
  const url = () => `http://127.0.0.1:${port}/`;

  it("deploys a first release straight to 100 %", async () => {
    const t = target();
    expect(t.validate()).toEqual([]);
    const { ctx, steps } = context();
    const result = await t.apply(t.plan(spec("r1", good), null), ctx);
    expect(result).toEqual({ status: "succeeded" });
    expect(steps).toEqual(["starting", "health-check"]);
    expect(await t.status()).toMatchObject({ live: "r1", warm: null, healthy: true });
    const env = await get(`${url()}env`, false);
    expect(JSON.parse(env.body)).toEqual({ release: "r1", greeting: "hello" });
  });

  it("deploys r2 through canary and bake, with no failed request, keeping r1 warm", async () => {
    const t = target();
    const load = startLoad(url());
    const { ctx, steps, lines } = context();
    const result = await t.apply(t.plan(spec("r2", good), spec("r1", good)), ctx);
    const traffic = await load.stop();
    expect(result).toEqual({ status: "succeeded" });
    expect(steps).toEqual(["starting", "health-check", "canary", "baking"]);
    expect(lines.some((l) => /r2 takes 100 %|takes 100 %/.test(l))).toBe(true);
    expect(traffic.failures).toEqual([]);
    expect(await t.status()).toMatchObject({ live: "r2", warm: "r1", healthy: true });
  });

  it("reports rolled-back with the agent's reason for a release answering 500", async () => {
    const t = target();
    const load = startLoad(url());
    const { ctx, steps } = context();
    const result = await t.apply(t.plan(spec("r3", bad), spec("r2", good)), ctx);
    await load.stop();
    expect(result).toMatchObject({
      status: "rolled-back",
      reason: expect.stringMatching(/5xx ratio/),
    });
    expect(steps.slice(0, 3)).toEqual(["starting", "health-check", "canary"]);
    expect((await t.status()).live).toBe("r2");
    expect((await get(url(), false)).release).toBe("r2");
  });

  it("fails a release that never becomes healthy; traffic never moves", async () => {
    const t = target();
    const { ctx } = context();
    const result = await t.apply(t.plan(spec("r4", sick), spec("r2", good)), ctx);
    expect(result).toMatchObject({
      status: "failed",
      reason: expect.stringMatching(/never became healthy/),
    });
    expect((await get(url(), false)).release).toBe("r2");
  });

  it("fails a corrupt artifact before anything starts", async () => {
    const t = target();
    const corrupt = await packTestApp(work, "corrupt");
    writeFileSync(corrupt.path, "garbage");
    const { ctx, steps } = context();
    const result = await t.apply(t.plan(spec("r5", corrupt), spec("r2", good)), ctx);
    expect(result).toMatchObject({ status: "failed", reason: expect.stringMatching(/sha256/) });
    expect(steps).toEqual(["starting"]);
  });

  it("starts an older release again from its artifact when it is no longer warm", async () => {
    const t = target();
    const { ctx, lines } = context();
    expect(await t.rollback(spec("r1", good), ctx)).toEqual({ status: "succeeded" });
    expect(lines).toContain("r1 is not warm on the agent: starting it again from its artifact");
    expect(await t.status()).toMatchObject({ live: "r1", warm: "r2" });
    expect((await get(url(), false)).release).toBe("r1");
  });

  it("rolls back to the warm release at once", async () => {
    const t = target();
    const { ctx, lines } = context();
    expect(await t.rollback(spec("r2", good), ctx)).toEqual({ status: "succeeded" });
    expect(lines).toEqual(["agent: traffic is back on r2"]);
    expect((await t.status()).live).toBe("r2");
    expect((await get(url(), false)).release).toBe("r2");
  });

  it("stops waiting when the context is aborted", async () => {
    const t = target();
    const { ctx, controller } = context();
    const slow = { ...spec("r6", good), canary: { traffic: 50, bakeMs: 60_000 } };
    const pending = t.apply(t.plan(slow, spec("r1", good)), ctx);
    setTimeout(() => controller.abort(new Error("server shutting down")), 300);
    await expect(pending).rejects.toThrow("server shutting down");
  });

  it("validates the port and the start command", () => {
    const broken = createProcessTarget({
      config: { type: "process", start: " ", port: 70_000, env: {} },
      app: "shop/production",
      agent: agent.client,
    });
    expect(broken.validate()).toEqual([
      "target.port must be a whole number from 1 to 65535, got 70000",
      'target.start is required: the command that starts a release and listens on $PORT, e.g. "node server.js"',
    ]);
  });
});
