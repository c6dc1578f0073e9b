import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { groupAlive } from "../process/process-group.js";
import { allocateFreePort } from "./agent-paths.js";
import type { AppStatus, DesiredState, ReleaseRun } from "./agent-schema.js";
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

let work: string;
let agent: TestAgent;
let good: PackedApp;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "weeknight-agent-test-"));
  good = await packTestApp(work, "good");
  agent = await startTestAgent({ backoff: { initialMs: 200 } });
});
afterAll(async () => {
  await agent?.close();
  removeDir(agent?.home ?? "");
  removeDir(work);
});

/** Each test deploys its own app on its own port, with v1 serving first. */
async function serving(app: string, v1: ReleaseRun = testRun("v1", good)) {
  const port = await allocateFreePort();
  const doc = (releases: ReleaseRun[], rest: Partial<DesiredState> = {}): DesiredState =>
    testDesiredState({ app, port, releases, active: releases.at(-1)?.id ?? "", rest });
  await agent.client.putApp(doc([v1]));
  await waitForStatus(agent.client, app, (s) => s.phase === "promoted");
  const url = `http://127.0.0.1:${port}/`;
  return { port, url, doc, v1 };
}

function release(status: AppStatus, id: string) {
  return status.releases.find((r) => r.id === id);
}

describe("agent: bad releases never take traffic", () => {
  const cases: [string, string, Parameters<typeof packTestApp>[2], RegExp][] = [
    [
      "never healthy",
      "shop/never",
      { neverHealthy: true },
      /did not answer 2xx within 800 ms \(last: HTTP 503\)/,
    ],
    [
      "exits at once",
      "shop/exits",
      { exitAtOnce: true },
      /exited with code 3 before it became healthy/,
    ],
    [
      "binds the wrong port",
      "shop/wrong-port",
      { wrongPort: true },
      /connection refused.*listen on \$PORT/,
    ],
  ];
  it.each(cases)(
    "a v2 that %s fails and v1 keeps serving",
    async (_name, app, behavior, reason) => {
      const { url, doc, v1 } = await serving(app);
      const broken = await packTestApp(work, app.replace("/", "-"), behavior);
      const v2 = testRun("v2", broken, { health: { path: "/health", timeoutMs: 800 } });
      await agent.client.putApp(doc([v1, v2]));
      const failed = await waitForStatus(agent.client, app, (s) => s.phase === "failed");
      expect(failed.phaseRelease).toBe("v2");
      expect(failed.reason).toMatch(reason);
      expect(failed.routing).toEqual({ active: "v1", canary: null, percent: 0 });
      expect(release(failed, "v2")).toMatchObject({ state: "unhealthy", pid: null });
      expect((await get(url, false)).release).toBe("v1");
      const logs = await agent.client.logs(app, "v2");
      expect(logs.some((line) => / agent not healthy: /.test(line))).toBe(true);
    },
  );
});

describe("agent: supervision", () => {
  it("restarts a crashed active release with growing backoff and counts the restarts", async () => {
    const app = "shop/crashy";
    const { url } = await serving(app);
    const firstPid = release(await agent.client.getApp(app), "v1")?.pid;
    await get(`${url}crash`, false);
    const crashed = await waitForStatus(agent.client, app, (s) => release(s, "v1")?.restarts === 1);
    expect(
      crashed.events.some((e) => e.kind === "crashed" && /restart 1 in 200 ms/.test(e.message)),
    ).toBe(true);
    const back = await waitForStatus(
      agent.client,
      app,
      (s) => release(s, "v1")?.state === "healthy",
    );
    expect(release(back, "v1")?.pid).not.toBe(firstPid);
    expect((await get(url, false)).release).toBe("v1");
    await get(`${url}crash`, false);
    const again = await waitForStatus(agent.client, app, (s) => release(s, "v1")?.restarts === 2);
    expect(again.events.some((e) => /restart 2 in 400 ms/.test(e.message))).toBe(true);
    await waitForStatus(agent.client, app, (s) => release(s, "v1")?.state === "healthy");
  });

  it("rolls back at once when the canary crashes during its canary phase", async () => {
    const app = "shop/canary-crash";
    const { port, doc, v1 } = await serving(app);
    await agent.client.putApp(
      doc([v1, testRun("v2", good)], {
        active: "v1",
        canary: { release: "v2", percent: 100, bakeMs: 60_000 },
      }),
    );
    await waitForStatus(agent.client, app, (s) => s.routing.canary === "v2");
    await get(`http://127.0.0.1:${port}/crash`, false, "anyone");
    const rolled = await waitForStatus(agent.client, app, (s) => s.phase === "rolled-back");
    expect(rolled.reason).toMatch(/the canary crashed: exited with code 1/);
    expect(rolled.routing).toEqual({ active: "v1", canary: null, percent: 0 });
    expect((await get(`http://127.0.0.1:${port}/`, false, "anyone")).release).toBe("v1");
  });

  it("stops a release that ignores SIGTERM with SIGKILL after the grace", async () => {
    const app = "shop/stubborn";
    const stubborn = await packTestApp(work, "stubborn", { ignoreSigterm: true });
    const { doc } = await serving(app, testRun("v1", stubborn, { keepWarmMs: 0 }));
    const pid = release(await agent.client.getApp(app), "v1")?.pid ?? -1;
    expect(groupAlive(pid)).toBe(true);
    await agent.client.putApp(
      doc([testRun("v1", stubborn, { keepWarmMs: 0 }), testRun("v2", good)]),
    );
    const stopped = await waitForStatus(
      agent.client,
      app,
      (s) => release(s, "v1")?.state === "stopped",
    );
    expect(groupAlive(pid)).toBe(false);
    expect(stopped.routing.active).toBe("v2");
    const logs = await agent.client.logs(app, "v1");
    expect(logs.some((l) => /stdout ignoring SIGTERM/.test(l))).toBe(true);
    expect(logs.some((l) => /still running 1000 ms after SIGTERM: killed/.test(l))).toBe(true);
  });
});

describe("agent: automatic rollbacks are capped", () => {
  it("stops rolling back when the cap is used up, and says so", async () => {
    const app = "shop/capped";
    const { url, doc, v1 } = await serving(app);
    const bad = await packTestApp(work, "capped-bad", { failRatio: 0.5 });
    const canary = (id: string) =>
      doc([v1, testRun(id, bad)], {
        active: "v1",
        canary: { release: id, percent: 100, bakeMs: 60_000 },
        autoRollbacksLeft: 1,
      });
    const load = startLoad(url);
    await agent.client.putApp(canary("v2"));
    const first = await waitForStatus(agent.client, app, (s) => s.phase === "rolled-back");
    expect(first.autoRollbacksLeft).toBe(0);
    expect(first.events.some((e) => e.kind === "auto-rollbacks-off")).toBe(true);
    await agent.client.putApp(canary("v3"));
    const held = await waitForStatus(agent.client, app, (s) => s.phase === "failed");
    await load.stop();
    expect(held.phaseRelease).toBe("v3");
    expect(held.reason).toMatch(
      /automatic rollbacks are used up for shop\/capped; traffic is left as it is/,
    );
    expect(held.routing).toEqual({ active: "v1", canary: "v3", percent: 100 });
    expect(held.rollbacks).toHaveLength(1);
  });
});

describe("agent: refusals and rollbacks by hand", () => {
  it("refuses an artifact whose sha256 does not match, and starts nothing", async () => {
    const app = "shop/corrupt";
    const { url, doc, v1 } = await serving(app);
    const corrupt = await packTestApp(work, "corrupt");
    writeFileSync(corrupt.path, "not the bytes that were hashed");
    const attempt = agent.client.putApp(doc([v1, testRun("v2", corrupt)]));
    await expect(attempt).rejects.toThrow(
      /does not match its sha256: expected [a-f0-9]{64}, got [a-f0-9]{64}/,
    );
    await expect(attempt).rejects.toMatchObject({ code: "INVALID_INPUT" });
    const status = await agent.client.getApp(app);
    expect(status.releases.map((r) => r.id)).toEqual(["v1"]);
    expect(existsSync(agent.agent.paths.releaseDir(app, "v2"))).toBe(false);
    expect((await get(url, false)).release).toBe("v1");
  });

  it("switches back to the warm release at once on POST rollback", async () => {
    const app = "shop/by-hand";
    const { url, doc, v1 } = await serving(app);
    await agent.client.putApp(doc([v1, testRun("v2", good)]));
    await waitForStatus(agent.client, app, (s) => s.routing.active === "v2");
    const rolled = await agent.client.rollback(app, "v1");
    expect(rolled.routing.active).toBe("v1");
    expect(rolled.rollbacks.at(-1)).toMatchObject({ release: "v2", to: "v1", automatic: false });
    expect((await get(url, false)).release).toBe("v1");
    await expect(agent.client.rollback(app, "v9")).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("takes uploaded artifacts, refuses a cut upload, and runs releases from the uploaded copy", async () => {
    const app = "shop/remote";
    const packed = await packTestApp(work, "uploaded");
    expect(await agent.client.ensureArtifact?.(packed.sha256, packed.path)).toBe("uploaded");
    expect(await agent.client.ensureArtifact?.(packed.sha256, packed.path)).toBe("present");
    const wrong = "0".repeat(64);
    await expect(agent.client.ensureArtifact?.(wrong, packed.path)).rejects.toThrow(
      /uploaded artifact does not match its sha256/,
    );
    expect(agent.agent.artifacts.has(wrong)).toBe(false);
    // The server's path does not exist on a remote agent's machine: the uploaded copy is used.
    const elsewhere = { path: "/nowhere/on/this/machine.tar.gz", sha256: packed.sha256 };
    const { url } = await serving(app, testRun("v1", elsewhere));
    expect((await get(url, false)).release).toBe("v1");
  });

  it("answers 401 without the agent token", async () => {
    const response = await fetch(`${agent.url}/agent/v1/health`);
    expect(response.status).toBe(401);
    const ok = await fetch(`${agent.url}/agent/v1/health`, {
      headers: { authorization: `Bearer ${agent.token}` },
    });
    expect(await ok.json()).toMatchObject({ status: "ok" });
  });
});
