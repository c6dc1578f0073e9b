import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type HttpReceiver, startHttpReceiver } from "../notify/test-support/http-receiver.js";
import { runCli } from "../test-support/test-cli.js";
import { testDialects } from "../test-support/test-databases.js";
import { copyTargetYml, createTestRepo } from "../test-support/test-repo.js";
import { startTestServer, type TestServer } from "../test-support/test-server.js";

type Deployment = {
  id: number;
  step: string;
  buildId: number;
  reason: string | null;
  steps: { step: string }[];
};
type Environment = {
  name: string;
  live: { buildId: number } | null;
  candidate: { buildId: number } | null;
  waiting: { message: string }[];
  lastSkipReason: string | null;
};

/** Two environments whose command targets copy the release's app.txt into a folder the test reads. */
function config(out: string, hook: string) {
  return copyTargetYml("flow", out, {
    extra: [
      "notify:",
      "  - type: webhook",
      `    url: ${hook}`,
      "    events: [deploy.succeeded, deploy.rolled-back]",
    ],
    internalExtra: [
      `    backup: { run: "echo snapshot > $WEEKNIGHT_BACKUP_FILE", restore: "true", keep: 2 }`,
    ],
  });
}

describe.each(testDialects)("deployments with the command target on %s", (dialect) => {
  let t: TestServer;
  let out: string;
  let receiver: HttpReceiver;
  beforeAll(async () => {
    t = await startTestServer(dialect);
    out = mkdtempSync(join(tmpdir(), "weeknight-deploy-out-"));
    receiver = await startHttpReceiver(() => ({ status: 204 }));
  });
  afterAll(async () => {
    await t?.close();
    await receiver?.close();
    rmSync(out, { recursive: true, force: true });
  });

  const envs = async () => (await t.api<Environment[]>("GET", "/projects/flow/environments")).body;
  const env = async (name: string) => (await envs()).find((e) => e.name === name);
  const settle = (id: number) => t.server.services.deployments.waitFor(id);

  async function buildAndDeployInternal(sha: string): Promise<Deployment> {
    const passed = await t.waitForEvent((e) => e.type === "build.passed" && e.data.sha === sha);
    const pending = await t.waitForEvent(
      (e) => e.type === "deployment.pending" && e.data.buildId === passed.data.buildId,
    );
    return settle(Number(pending.data.deploymentId)) as Promise<Deployment>;
  }

  it("deploys every green build to internal, and promotes only what internal verified", async () => {
    const repo = await createTestRepo({
      files: { "weeknight.yml": config(out, receiver.url), "app.txt": "good v1" },
    });
    await t.api("POST", "/projects", { name: "flow", repoUrl: repo.dir, poll: "100ms" });
    const head = (await repo.git(["rev-parse", "HEAD"])).stdout.trim();

    const first = await buildAndDeployInternal(head);
    expect(first.step).toBe("succeeded");
    expect(first.steps.map((s) => s.step)).toEqual([
      "pending",
      "backing-up",
      "starting",
      "health-check",
      "succeeded",
    ]);
    const backups = await t.api<{ status: string; deploymentId: number }[]>(
      "GET",
      "/projects/flow/environments/internal/backups",
    );
    expect(backups.body.map((b) => [b.status, b.deploymentId])).toEqual([["ok", first.id]]);
    expect(readFileSync(join(out, "internal.txt"), "utf8")).toBe("good v1");

    const production = await env("production");
    expect(production?.live).toBeNull();
    expect(production?.candidate?.buildId).toBe(first.buildId);

    const promoted = await t.api<Deployment>("POST", "/projects/flow/promote", {
      from: "internal",
      to: "production",
    });
    expect(promoted.status).toBe(202);
    expect((await settle(promoted.body.id)).step).toBe("succeeded");
    expect(readFileSync(join(out, "production.txt"), "utf8")).toBe("good v1");

    // A bad release fails its health check on internal and is rolled back; production's candidate stays v1.
    const bad = await repo.commit({ "app.txt": "bad v2" }, "v2 breaks health");
    const rolledBack = await buildAndDeployInternal(bad);
    expect(rolledBack.step).toBe("rolled-back");
    expect(rolledBack.reason).toContain("unhealthy");
    expect(readFileSync(join(out, "internal.txt"), "utf8")).toBe("good v1");
    expect((await env("internal"))?.live?.buildId).toBe(first.buildId);
    expect((await env("production"))?.candidate?.buildId).toBe(first.buildId);

    // Internal stays blocked after the automatic rollback until someone confirms the fix.
    const block = await t.waitForEvent(
      (e) => e.type === "block.placed" && e.data.environment === "internal",
    );
    const v3 = await repo.commit({ "app.txt": "good v3" }, "v3 fixes it");
    const held = await t.waitForEvent(
      (e) =>
        e.type === "environment.skipped" &&
        e.data.environment === "internal" &&
        String(e.data.reason).includes("automatic rollback"),
    );
    expect(held.data.reason).toContain(`weeknight unblock ${block.data.blockId}`);
    await t.api("POST", `/blocks/${block.data.blockId}/lift`, { reason: "v3 fixes it" });
    expect((await buildAndDeployInternal(v3)).step).toBe("succeeded");
    const waiting = await env("production");
    expect(waiting?.waiting.map((c) => c.message)).toEqual(["v3 fixes it", "v2 breaks health"]);

    await t.server.services.notify.drain();
    const told = receiver.requests.map(
      (r) =>
        JSON.parse(r.body) as {
          event: string;
          deployment: { environment: string; reason: string | null };
        },
    );
    expect(told.map((n) => `${n.event} ${n.deployment.environment}`)).toEqual([
      "deploy.succeeded internal",
      "deploy.succeeded production",
      "deploy.rolled-back internal",
      "deploy.succeeded internal",
    ]);
    expect(told[2]?.deployment.reason).toContain("unhealthy");
    repo.remove();
  });

  it("shows every project and environment on one overview", async () => {
    const overview = await t.api<
      { project: string; lastBuild: { status: string }; environments: Environment[] }[]
    >("GET", "/overview");
    const flow = overview.body.find((p) => p.project === "flow");
    expect(flow?.lastBuild.status).toBe("passed");
    expect(flow?.environments.map((e) => e.name)).toEqual(["internal", "production"]);
    expect(flow?.environments[1]?.waiting.length).toBeGreaterThan(0);
  });

  it("rolls production back to the previous release on request", async () => {
    const deploy = await t.api<Deployment>(
      "POST",
      "/projects/flow/environments/production/deploy",
      {},
    );
    expect(deploy.status).toBe(202);
    expect((await settle(deploy.body.id)).step).toBe("succeeded");
    expect(readFileSync(join(out, "production.txt"), "utf8")).toBe("good v3");

    const rollback = await t.api<Deployment>(
      "POST",
      "/projects/flow/environments/production/rollback",
      {},
    );
    expect(rollback.status).toBe(202);
    expect((await settle(rollback.body.id)).step).toBe("succeeded");
    expect(readFileSync(join(out, "production.txt"), "utf8")).toBe("good v1");
    expect((await env("production"))?.live?.buildId).toBe(rollback.body.buildId);
  });

  it("shows environments and follows a rollback from the CLI", async () => {
    const env = { ...process.env, WEEKNIGHT_URL: t.url, WEEKNIGHT_TOKEN: t.token, NO_COLOR: "1" };
    const shown = await runCli(["env", "show", "production", "--project", "flow"], {
      cwd: out,
      env,
    });
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(/live\s+build #\d+/);
    expect(shown.stdout).toContain("What goes out next");
    const rolled = await runCli(["rollback", "internal", "--project", "flow", "--json"], {
      cwd: out,
      env,
    });
    expect(rolled.code).toBe(0);
    expect(JSON.parse(rolled.stdout)).toMatchObject({ environment: "internal", step: "succeeded" });
    const backups = await runCli(["backup", "list", "internal", "--project", "flow", "--json"], {
      cwd: out,
      env,
    });
    expect(JSON.parse(backups.stdout).length).toBeGreaterThan(0);
  });

  it("refuses what cannot be deployed, with reasons", async () => {
    const unknown = await t.api<{ error: { message: string } }>(
      "POST",
      "/projects/flow/environments/staging/deploy",
      {},
    );
    expect(unknown.status).toBe(404);
    const viewerless = await t.api("POST", "/projects/flow/environments/production/deploy", {}, "");
    expect(viewerless.status).toBe(401);
    const noBuild = await t.api<{ error: { message: string } }>(
      "POST",
      "/projects/flow/environments/production/deploy",
      { build: 99999 },
    );
    expect(noBuild.status).toBe(404);
  });
});
