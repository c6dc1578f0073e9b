import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { groupAlive } from "../process/process-group.js";
import { allocateFreePort } from "./agent-paths.js";
import {
  type AgentProcess,
  removeDir,
  spawnAgentProcess,
  waitForStatus,
} from "./test-support/test-agent.js";
import { packTestApp, testDesiredState, testRun } from "./test-support/test-apps.js";
import { get } from "./test-support/test-load.js";

const APP = "shop/production";
const home = mkdtempSync(join(tmpdir(), "weeknight-agent-restart-"));
const token = randomBytes(16).toString("hex");
let running: AgentProcess | undefined;

afterAll(async () => {
  if (running) {
    process.kill(running.pid, "SIGTERM");
    await running.exited;
  }
  removeDir(home);
});

describe("agent process: killed and started again", () => {
  it("reloads its desired state, stops what the killed agent left, and serves again", async () => {
    running = await spawnAgentProcess({ home, token });
    const apiPort = Number(new URL(running.url).port);
    const port = await allocateFreePort();
    const app = await packTestApp(home, "app");
    await running.client.putApp(
      testDesiredState({ app: APP, port, releases: [testRun("v1", app)] }),
    );
    const before = await waitForStatus(running.client, APP, (s) => s.phase === "promoted");
    const oldPid = before.releases[0]?.pid ?? -1;
    expect((await get(`http://127.0.0.1:${port}/`, false)).release).toBe("v1");
    const saved = JSON.parse(readFileSync(join(home, "agent", "state.json"), "utf8"));
    expect(saved.apps[APP].pids).toEqual({ v1: oldPid });

    process.kill(running.pid, "SIGKILL");
    await running.exited;
    running = undefined;
    expect(groupAlive(oldPid)).toBe(true); // the release outlived its agent

    running = await spawnAgentProcess({ home, token, apiPort });
    const after = await waitForStatus(
      running.client,
      APP,
      (s) => s.releases[0]?.state === "healthy",
    );
    expect(after.routing.active).toBe("v1");
    expect(after.releases[0]?.pid).not.toBe(oldPid);
    expect(groupAlive(oldPid)).toBe(false);
    const answer = await get(`http://127.0.0.1:${port}/`, false);
    expect(answer.status).toBe(200);
    expect(answer.release).toBe("v1");
  });
});
