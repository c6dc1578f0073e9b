import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allocateFreePort } from "./agent-paths.js";
import type { DesiredState, ReleaseRun } from "./agent-schema.js";
import {
  removeDir,
  startTestAgent,
  type TestAgent,
  waitForStatus,
} from "./test-support/test-agent.js";
import {
  type PackedApp,
  packTestApp,
  testDesiredState,
  testRun,
} from "./test-support/test-apps.js";
import { get, startLoad } from "./test-support/test-load.js";

const APP = "shop/production";
let work: string;
let agent: TestAgent;
let good: PackedApp;
let bad: PackedApp;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "weeknight-agent-test-"));
  good = await packTestApp(work, "good");
  bad = await packTestApp(work, "bad", { failRatio: 0.5 });
  agent = await startTestAgent();
});
afterAll(async () => {
  await agent?.close();
  removeDir(agent?.home ?? "");
  removeDir(work);
});

function desired(
  port: number,
  releases: ReleaseRun[],
  rest: Partial<DesiredState> = {},
): DesiredState {
  return testDesiredState({ app: APP, port, releases, rest });
}

describe("agent: deploys through the proxy", () => {
  let port: number;
  const v1 = () => testRun("v1", good);

  it("starts a release, waits for health, and serves it on the public port", async () => {
    port = await allocateFreePort();
    const first = await agent.client.putApp(desired(port, [v1()]));
    expect(first.phase).toBe("starting");
    const status = await waitForStatus(agent.client, APP, (s) => s.phase === "promoted");
    expect(status.routing).toEqual({ active: "v1", canary: null, percent: 0 });
    expect(status.releases).toEqual([
      expect.objectContaining({ id: "v1", state: "healthy", role: "active", restarts: 0 }),
    ]);
    const answer = await get(`http://127.0.0.1:${port}/`, false);
    expect(answer.status).toBe(200);
    expect(answer.release).toBe("v1");
    expect(JSON.parse(answer.body)).toEqual({ release: "v1" });
  });

  it("is idempotent: the same desired state again changes nothing", async () => {
    const before = await agent.client.getApp(APP);
    const again = await agent.client.putApp(desired(port, [v1()]));
    expect(again.phase).toBe("promoted");
    expect(again.releases[0]?.pid).toBe(before.releases[0]?.pid);
  });

  it("deploys v2 through a canary with no failed request, then keeps v1 warm and retires it", async () => {
    const load = startLoad(`http://127.0.0.1:${port}/`);
    await new Promise((r) => setTimeout(r, 200));
    const v2 = testRun("v2", good);
    await agent.client.putApp(
      desired(port, [{ ...v1(), keepWarmMs: 700 }, v2], {
        active: "v1",
        canary: { release: "v2", percent: 30, bakeMs: 800 },
      }),
    );
    const canary = await waitForStatus(agent.client, APP, (s) => s.routing.canary === "v2");
    expect(canary.routing).toEqual({ active: "v1", canary: "v2", percent: 30 });
    const promoted = await waitForStatus(agent.client, APP, (s) => s.phase === "promoted");
    expect(promoted.phaseRelease).toBe("v2");
    expect(promoted.routing).toEqual({ active: "v2", canary: null, percent: 0 });
    expect(promoted.releases.find((r) => r.id === "v1")).toMatchObject({ role: "warm" });
    await waitForStatus(
      agent.client,
      APP,
      (s) => s.releases.find((r) => r.id === "v1")?.state === "stopped",
    );
    const result = await load.stop();
    expect(result.failures).toEqual([]);
    expect(result.byRelease.v1).toBeGreaterThan(0);
    expect(result.byRelease.v2).toBeGreaterThan(0);
  });

  it("sends the same client to the same release during a canary", async () => {
    const v3 = testRun("v3", good);
    await agent.client.putApp(
      desired(port, [testRun("v2", good), v3], {
        active: "v2",
        canary: { release: "v3", percent: 50, bakeMs: 60_000 },
      }),
    );
    await waitForStatus(agent.client, APP, (s) => s.routing.canary === "v3");
    const seen = new Map<string, Set<string>>();
    for (let round = 0; round < 3; round++) {
      for (let c = 0; c < 20; c++) {
        const answer = await get(`http://127.0.0.1:${port}/`, false, `user-${c}`);
        const releases = seen.get(`user-${c}`) ?? new Set<string>();
        releases.add(answer.release ?? "none");
        seen.set(`user-${c}`, releases);
      }
    }
    for (const releases of seen.values()) expect(releases.size).toBe(1);
    const all = new Set([...seen.values()].flatMap((s) => [...s]));
    expect(all).toEqual(new Set(["v2", "v3"]));
  });

  it("promotes a canary at once when the desired state makes it the active release", async () => {
    const early = await agent.client.putApp(
      desired(port, [testRun("v2", good), testRun("v3", good)], { active: "v3" }),
    );
    expect(early.phase).toBe("promoted");
    expect(early.routing).toEqual({ active: "v3", canary: null, percent: 0 });
    expect(early.releases.find((r) => r.id === "v2")).toMatchObject({ role: "warm" });
    expect((await get(`http://127.0.0.1:${port}/`, false, "client-1")).release).toBe("v3");
  });

  it("rolls a canary that answers 500 back automatically, within the analysis window", async () => {
    const bad4 = testRun("v4", bad);
    const load = startLoad(`http://127.0.0.1:${port}/`);
    await agent.client.putApp(
      desired(port, [testRun("v3", good), bad4], {
        active: "v3",
        canary: { release: "v4", percent: 50, bakeMs: 60_000 },
      }),
    );
    const rolled = await waitForStatus(agent.client, APP, (s) => s.phase === "rolled-back");
    const result = await load.stop();
    expect(rolled.phaseRelease).toBe("v4");
    expect(rolled.reason).toMatch(/5xx ratio/);
    expect(rolled.routing).toEqual({ active: "v3", canary: null, percent: 0 });
    expect(rolled.rollbacks.at(-1)).toMatchObject({ release: "v4", to: "v3", automatic: true });
    expect(rolled.autoRollbacksLeft).toBe(2);
    expect(result.byRelease.v4).toBeGreaterThan(0);
    const after = await get(`http://127.0.0.1:${port}/`, false, "client-1");
    expect(after.release).toBe("v3");
    const v4 = await waitForStatus(
      agent.client,
      APP,
      (s) => s.releases.find((r) => r.id === "v4")?.pid === null,
    );
    expect(v4.releases.find((r) => r.id === "v4")).toMatchObject({ state: "rolled-back" });
  });

  it("does not start a rolled-back canary again when the same state is sent again", async () => {
    const again = await agent.client.putApp(
      desired(port, [testRun("v3", good), testRun("v4", bad)], {
        active: "v3",
        canary: { release: "v4", percent: 50, bakeMs: 60_000 },
      }),
    );
    expect(again.phase).toBe("rolled-back");
    expect(again.routing.canary).toBeNull();
    expect(again.releases.find((r) => r.id === "v4")).toMatchObject({
      state: "rolled-back",
      pid: null,
    });
  });
});
