import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allocateFreePort } from "../agent/agent-paths.js";
import { waitFor } from "../notify/test-support/http-receiver.js";
import { testDialects } from "../test-support/test-databases.js";
import { copyTargetYml, createTestRepo } from "../test-support/test-repo.js";
import { startTestServer, type TestServer } from "../test-support/test-server.js";

type Environment = {
  name: string;
  live: { buildId: number; sha: string; author: string; message: string } | null;
  candidate: { buildId: number; sha: string; author: string; message: string } | null;
  waiting: {
    sha: string;
    author: string;
    message: string;
    additions: number;
    deletions: number;
    files: number;
  }[];
  health: string;
  healthDetail: string | null;
};
type Status = {
  live: string | null;
  healthy: boolean;
  routing: { active: string | null; canary: string | null; percent: number } | null;
  releases: { id: string; role: string; state: string; requests: number }[];
};

const grace = { name: "Grace Hopper", email: "grace@example.com" };

describe.each(testDialects)("environment health, commits and live status on %s", (dialect) => {
  let t: TestServer;
  let out: string;
  let remove = () => {};
  const name = `health-${dialect}`;
  beforeAll(async () => {
    t = await startTestServer(dialect);
    out = mkdtempSync(join(tmpdir(), "weeknight-health-out-"));
  });
  afterAll(async () => {
    await t?.close();
    remove();
    rmSync(out, { recursive: true, force: true });
  });

  const env = async (environment: string) =>
    (await t.api<Environment>("GET", `/projects/${name}/environments/${environment}`)).body;
  const deployedOnGreen = async (sha: string) => {
    const passed = await t.waitForEvent((e) => e.type === "build.passed" && e.data.sha === sha);
    const pending = await t.waitForEvent(
      (e) => e.type === "deployment.pending" && e.data.buildId === passed.data.buildId,
    );
    return t.server.services.deployments.waitFor(Number(pending.data.deploymentId));
  };

  it("shows who wrote what is live, what waits with its size, and how it is doing", async () => {
    const repo = await createTestRepo({
      files: { "weeknight.yml": copyTargetYml("health", out), "app.txt": "good v1\n" },
    });
    remove = repo.remove;
    await t.api("POST", "/projects", { name, repoUrl: repo.dir, poll: "100ms" });
    const first = await deployedOnGreen((await repo.git(["rev-parse", "HEAD"])).stdout.trim());
    expect(first.step).toBe("succeeded");

    const internal = await env("internal");
    expect(internal.live).toMatchObject({ author: "Ada Lovelace", message: "initial commit" });
    // The crash watch polls the target (every 300 ms in tests); health follows it.
    await waitFor(async () => (await env("internal")).health === "healthy", 10_000);
    const production = await env("production");
    expect(production).toMatchObject({
      live: null,
      health: "unknown",
      healthDetail: "Nothing has been deployed here yet.",
    });

    const sha = await repo.commit(
      { "app.txt": "good v2\n", "notes.txt": "one\ntwo\nthree\n" },
      "Add release notes\n\nWith a body that is not shown.",
      grace,
    );
    expect((await deployedOnGreen(sha)).step).toBe("succeeded");
    const next = await env("production");
    expect(next.candidate).toEqual({
      buildId: expect.any(Number),
      sha,
      author: "Grace Hopper",
      message: "Add release notes",
    });
    expect(next.waiting[0]).toEqual({
      sha,
      author: "Grace Hopper",
      message: "Add release notes",
      additions: 4,
      deletions: 1,
      files: 2,
    });
    // The root commit is measured against the empty tree.
    expect(next.waiting[1]).toMatchObject({ message: "initial commit", files: 2 });

    const overview = await t.api<{ project: string; environments: Environment[] }[]>(
      "GET",
      "/overview",
    );
    const row = overview.body.find((p) => p.project === name);
    expect(row?.environments.map((e) => Object.keys(e).includes("health"))).toEqual([true, true]);

    const bad = await repo.commit({ "app.txt": "broken\n" }, "Break it", grace);
    const rolledBack = await deployedOnGreen(bad);
    expect(rolledBack.step).toBe("rolled-back");
    const failing = await env("internal");
    expect(failing.health).toBe("failing");
    expect(failing.healthDetail).toMatch(
      new RegExp(`^Deployment #${rolledBack.id} was rolled back: `),
    );
    expect(failing.live?.message).toBe("Add release notes");
  });

  it("reads a command target's status live: no traffic split to show", async () => {
    const status = await t.api<Status>("GET", `/projects/${name}/environments/internal/status`);
    expect(status.status).toBe(200);
    expect(status.body).toMatchObject({ healthy: true, routing: null, releases: [] });
    expect(status.body.live).toMatch(/^b\d+-d\d+$/);
  });

  it("answers 404 for an unknown project or environment", async () => {
    const env = await t.api<{ error: { message: string } }>(
      "GET",
      `/projects/${name}/environments/staging/status`,
    );
    expect(env.status).toBe(404);
    expect(env.body.error.message).toContain('no environment "staging"');
    expect((await t.api("GET", "/projects/nope/environments/internal/status")).status).toBe(404);
    expect((await t.api("GET", "/projects/nope/environments")).status).toBe(404);
  });
});

const APP = `
require("node:http")
  .createServer((req, res) => res.end("ok"))
  .listen(Number(process.env.PORT), "127.0.0.1");
`;

describe("the live status of a process target (agent)", () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer("sqlite");
  });
  afterAll(async () => {
    await t?.close();
  });

  it("has the traffic split and per-release request counts from the agent's proxy", async () => {
    const port = await allocateFreePort();
    const yml = [
      "project: agented",
      "build:",
      "  stages:",
      "    - name: test",
      '      run: "true"',
      "environments:",
      "  production:",
      `    target: { type: process, start: node app.cjs, port: ${port} }`,
      "    health: { path: /health }",
      "",
    ].join("\n");
    const repo = await createTestRepo({ files: { "weeknight.yml": yml, "app.cjs": APP } });
    await t.api("POST", "/projects", { name: "agented", repoUrl: repo.dir, poll: "1h" });
    const built = await t.waitForEvent(
      (e) => e.type === "build.passed" && e.data.project === "agented",
    );
    const deploy = await t.api<{ id: number; releaseId: string }>(
      "POST",
      "/projects/agented/environments/production/deploy",
      { build: built.data.buildId },
    );
    expect((await t.server.services.deployments.waitFor(deploy.body.id)).step).toBe("succeeded");
    for (let i = 0; i < 3; i++) await fetch(`http://127.0.0.1:${port}/`).then((r) => r.text());

    const status = await t.api<Status>("GET", "/projects/agented/environments/production/status");
    expect(status.body).toMatchObject({
      live: deploy.body.releaseId,
      healthy: true,
      routing: { active: deploy.body.releaseId, canary: null },
    });
    expect(status.body.releases).toEqual([
      expect.objectContaining({ id: deploy.body.releaseId, role: "active", state: "healthy" }),
    ]);
    await waitFor(
      async () =>
        (await t.api<Environment>("GET", "/projects/agented/environments/production")).body
          .health === "healthy",
      10_000,
    );
    repo.remove();
  });
});
