import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestRepo } from "../test-support/test-repo.js";
import { startTestServer, type TestServer } from "../test-support/test-server.js";

type Environment = {
  name: string;
  live: { buildId: number } | null;
  nextRunAt: number | null;
  lastSkipReason: string | null;
};
type Deployment = { id: number; trigger: string; step: string };

const yml = [
  "project: nightly",
  "build:",
  "  stages:",
  "    - name: test",
  '      run: "true"',
  "environments:",
  "  production:",
  '    deploy: { schedule: "* * * * * *", timezone: Europe/London }',
  '    target: { type: command, deploy: "true", rollback: "true" }',
  "",
].join("\n");

describe("scheduled deploys", () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer("sqlite");
  });
  afterAll(async () => {
    await t?.close();
  });

  it("deploys the candidate at the scheduled time, then records that nothing is new", async () => {
    const repo = await createTestRepo({ files: { "weeknight.yml": yml } });
    await t.api("POST", "/projects", { name: "nightly", repoUrl: repo.dir, poll: "100ms" });
    const done = await t.waitForEvent(
      (e) => e.type === "deployment.succeeded" && e.data.project === "nightly",
      15_000,
    );
    const deployment = (await t.api<Deployment>("GET", `/deployments/${done.data.deploymentId}`))
      .body;
    expect(deployment.trigger).toBe("schedule");

    // The next tick finds the candidate already live and says so instead of deploying again.
    await new Promise((r) => setTimeout(r, 2100));
    const [production] = (await t.api<Environment[]>("GET", "/projects/nightly/environments")).body;
    expect(production?.lastSkipReason).toBe("nothing new: the candidate is already live");
    expect(production?.nextRunAt).toBeGreaterThan(Date.now() - 1000);
    const all = (await t.api<Deployment[]>("GET", "/deployments?project=nightly")).body;
    expect(all).toHaveLength(1);
    repo.remove();
  });
});
