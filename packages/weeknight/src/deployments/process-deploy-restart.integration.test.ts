import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allocateFreePort } from "../agent/agent-paths.js";
import { startLoad } from "../agent/test-support/test-load.js";
import { createTestRepo } from "../test-support/test-repo.js";
import { startTestServer, type TestServer } from "../test-support/test-server.js";

type Deployment = { id: number; step: string; reason: string | null; releaseId: string };

const yml = (port: number) =>
  [
    "project: shop",
    "build:",
    "  stages:",
    "    - name: unit",
    "      run: node --test test/unit/*.test.js",
    "  artifact:",
    "    paths: [src, package.json]",
    "environments:",
    "  production:",
    `    target: { type: process, start: node src/main.js, port: ${port} }`,
    "    health: { path: /health, timeout: 20s }",
    "    canary: { traffic: 50, bake: 3s }",
    "",
  ].join("\n");

describe("the process target when the server restarts in the middle of a canary", () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer("sqlite");
  });
  afterAll(async () => {
    await t?.close();
  });

  it.each(["starting", "health-check", "canary", "baking"])(
    "restarted at %s: every request is served and the resumed deployment finishes",
    async (step) => {
      const port = await allocateFreePort();
      const repo = await createTestRepo({ sampleApp: true });
      const v1 = await repo.commit({ "weeknight.yml": yml(port) }, "production on the agent");
      const name = `shop-${step}`;
      await t.api("POST", "/projects", { name, repoUrl: repo.dir, poll: "100ms" });
      const built = await t.waitForEvent((e) => e.type === "build.passed" && e.data.sha === v1);
      const first = await t.api<Deployment>(
        "POST",
        `/projects/${name}/environments/production/deploy`,
        {
          build: built.data.buildId,
        },
      );
      expect((await t.server.services.deployments.waitFor(first.body.id)).step).toBe("succeeded");

      const load = startLoad(`http://127.0.0.1:${port}/`, { pauseMs: 10 });
      try {
        const v2 = await repo.commit({ "README.md": "v2" }, "v2");
        const next = await t.waitForEvent((e) => e.type === "build.passed" && e.data.sha === v2);
        const second = await t.api<Deployment>(
          "POST",
          `/projects/${name}/environments/production/deploy`,
          { build: next.data.buildId },
        );
        await t.waitForEvent(
          (e) => e.type === "deployment.canary" && e.data.deploymentId === second.body.id,
        );

        await t.restart();

        const resumed = await t.server.services.deployments.waitFor(second.body.id);
        expect(resumed.step).toBe("succeeded");
        const production = (
          await t.api<{ live: { releaseId: string } }>(
            "GET",
            `/projects/${name}/environments/production`,
          )
        ).body;
        expect(production.live.releaseId).toBe(second.body.releaseId);
      } finally {
        const result = await load.stop();
        expect(result.total).toBeGreaterThan(50);
        expect(result.failures).toEqual([]);
      }
      repo.remove();
    },
  );
});
