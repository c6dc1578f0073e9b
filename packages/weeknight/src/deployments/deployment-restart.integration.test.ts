import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../test-support/test-databases.js";
import { createTestRepo } from "../test-support/test-repo.js";
import { startTestServer, type TestServer } from "../test-support/test-server.js";

type Deployment = { id: number; step: string; reason: string | null; steps: { step: string }[] };

describe.each(testDialects)("a server restarted in the middle of a deployment on %s", (dialect) => {
  let t: TestServer;
  let out: string;
  beforeAll(async () => {
    t = await startTestServer(dialect);
    out = mkdtempSync(join(tmpdir(), "weeknight-restart-out-"));
  });
  afterAll(async () => {
    await t?.close();
    rmSync(out, { recursive: true, force: true });
  });

  it("puts the previous release back instead of leaving the environment half-deployed", async () => {
    // The deploy script of v2 is slow, so the restart lands while it runs.
    const yml = (pause: string) =>
      [
        "project: restart",
        "build:",
        "  stages:",
        "    - name: test",
        '      run: "true"',
        "environments:",
        "  internal:",
        "    deploy: manual",
        "    target:",
        "      type: command",
        `      deploy: sleep ${pause} && cp app.txt ${out}/live.txt`,
        `      rollback: cp app.txt ${out}/live.txt`,
        "",
      ].join("\n");
    const repo = await createTestRepo({ files: { "weeknight.yml": yml("0"), "app.txt": "v1" } });
    await t.api("POST", "/projects", { name: "restart", repoUrl: repo.dir, poll: "100ms" });
    const v1 = await t.waitForEvent(
      (e) => e.type === "build.passed" && e.data.project === "restart",
    );
    const first = await t.api<Deployment>(
      "POST",
      "/projects/restart/environments/internal/deploy",
      { build: v1.data.buildId },
    );
    expect((await t.server.services.deployments.waitFor(first.body.id)).step).toBe("succeeded");

    const sha = await repo.commit(
      { "weeknight.yml": yml("30"), "app.txt": "v2" },
      "v2 with a slow deploy",
    );
    const v2 = await t.waitForEvent((e) => e.type === "build.passed" && e.data.sha === sha);
    const second = await t.api<Deployment>(
      "POST",
      "/projects/restart/environments/internal/deploy",
      { build: v2.data.buildId },
    );
    await t.waitForEvent(
      (e) => e.type === "deployment.starting" && e.data.deploymentId === second.body.id,
    );

    await t.restart();

    const resumed = await t.server.services.deployments.waitFor(second.body.id);
    expect(resumed.step).toBe("rolled-back");
    expect(resumed.reason).toBe("interrupted by a restart");
    expect(resumed.steps.map((s) => s.step)).toEqual([
      "pending",
      "starting",
      "rolling-back",
      "rolled-back",
    ]);
    expect(readFileSync(join(out, "live.txt"), "utf8")).toBe("v1");
    repo.remove();
  });
});
