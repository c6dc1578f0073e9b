import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DeploymentView } from "../deployments/deployment-service.js";
import { type HttpReceiver, startHttpReceiver } from "../notify/test-support/http-receiver.js";
import { testDialects } from "../test-support/test-databases.js";
import { copyTargetYml, createTestRepo } from "../test-support/test-repo.js";
import { startTestServer, type TestServer } from "../test-support/test-server.js";
import type { MonitorView } from "./monitor-service.js";
import type { Alert } from "./monitor-store.js";

/**
 * Production's monitors watch a site that answers from the deployed app.txt: 503 unless it says
 * "good", and `{"status":"slow"}` when it also says "slow" (the target's own health check, a
 * grep for "good", passes then: only the gate monitor sees it).
 */
function config(out: string, site: string, hook: string) {
  return copyTargetYml("mon", out, {
    extra: [
      "notify:",
      "  - type: webhook",
      `    url: ${hook}`,
      "    events: [alert.firing, alert.resolved]",
    ],
    productionExtra: [
      `    url: ${site}`,
      "    canary: { bake: 5s }",
      "    alerts: { remind: 2s }",
      "    monitors:",
      "      - name: home",
      "        type: http",
      "        url: /",
      "        interval: 1s",
      '        conditions: ["[STATUS] == 200", "[BODY].status == ok"]',
      "        gate: true",
      "      - name: errors",
      "        type: logs",
      "        interval: 1s",
      `        source: { file: ${join(out, "app.log")} }`,
      "        gate: true",
      "        rules:",
      "          - name: new errors",
      "            new_patterns: true",
      "            window: 1m",
      "      - name: payments",
      "        type: logs",
      "        interval: 1s",
      "        source: { push: { app: shop } }",
      "        rules:",
      "          - name: failed payments",
      "            pattern: 'payment \\d+ failed'",
      "            window: 1m",
      "      - name: metrics",
      "        type: metrics",
      "        url: /metrics",
      "        interval: 1s",
      "        rules:",
      "          - name: errors",
      "            ratio: { numerator: 'requests_total{code=\"500\"}', denominator: requests_total }",
      "            window: 2s",
      "            below: 0.5",
      "            min_rate: 1000",
    ],
  });
}

describe.each(testDialects)("monitors on %s", (dialect) => {
  let t: TestServer;
  let out: string;
  let site: HttpReceiver;
  let hook: HttpReceiver;
  let repo: Awaited<ReturnType<typeof createTestRepo>>;

  beforeAll(async () => {
    t = await startTestServer(dialect);
    out = mkdtempSync(join(tmpdir(), "weeknight-monitors-"));
    const deployed = () => {
      try {
        return readFileSync(join(out, "production.txt"), "utf8");
      } catch {
        return "";
      }
    };
    site = await startHttpReceiver((request) => {
      if (request.path === "/metrics") return { status: 200, body: "requests_total 1\n" };
      const app = deployed();
      if (!app.includes("good")) return { status: 503, body: '{"status":"down"}' };
      return {
        status: 200,
        body: JSON.stringify({ status: app.includes("slow") ? "slow" : "ok" }),
      };
    });
    hook = await startHttpReceiver(() => ({ status: 204 }));
    repo = await createTestRepo({
      files: { "weeknight.yml": config(out, site.url, hook.url), "app.txt": "good v1" },
    });
    await t.api("POST", "/projects", { name: "mon", repoUrl: repo.dir, poll: "100ms" });
  });
  afterAll(async () => {
    await t?.close();
    await site?.close();
    await hook?.close();
    repo?.remove();
    rmSync(out, { recursive: true, force: true });
  });

  const monitors = async () =>
    (await t.api<MonitorView[]>("GET", "/projects/mon/environments/production/monitors")).body;
  const monitor = async (name: string) => (await monitors()).find((m) => m.name === name);
  async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean): Promise<T> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const value = await read();
      if (ok(value)) return value;
      if (Date.now() > deadline) throw new Error(`gave up waiting; last: ${JSON.stringify(value)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  async function deployProduction(): Promise<DeploymentView> {
    const { body } = await t.api<DeploymentView>(
      "POST",
      "/projects/mon/environments/production/deploy",
    );
    return t.server.services.deployments.waitFor(body.id);
  }

  it("runs the monitors of weeknight.yml and records the serving release", async () => {
    await t.waitForEvent(
      (e) => e.type === "deployment.succeeded" && e.data.environment === "internal",
    );
    const deployed = await deployProduction();
    expect(deployed.step).toBe("succeeded");
    const home = await until(
      () => monitor("home"),
      (m) => m?.status === "pass" && m.release === deployed.releaseId,
    );
    expect(home).toMatchObject({ type: "http", gate: true, failures: 0, alert: null });
    // Too little traffic for a ratio: inconclusive, shown as such, never an alert.
    const metrics = await until(
      () => monitor("metrics"),
      (m) => m?.status === "inconclusive",
    );
    expect(metrics?.message).toMatch(/too little traffic|not enough/);
    const { body: results } = await t.api<{ status: string; release: string }[]>(
      "GET",
      "/projects/mon/environments/production/monitors/home/results?limit=2",
    );
    expect(results[0]).toMatchObject({ status: "pass", release: deployed.releaseId });
  });

  it("fires one alert naming the suspect deploy, keeps the streak over a restart, resolves", async () => {
    const [live] = (
      await t.api<{ id: number; step: string }[]>(
        "GET",
        "/deployments?project=mon&environment=production&limit=1",
      )
    ).body;
    writeFileSync(join(out, "production.txt"), "broken by hand");
    // Before anything was live the site failed too: that alert named no deploy.
    const firing = await t.waitForEvent(
      (e) => e.type === "alert.firing" && e.data.deploymentId === live?.id,
    );
    expect(firing.data).toMatchObject({ monitor: "home", environment: "production" });
    const delivered = await until(
      async () =>
        hook.requests.find(
          (r) =>
            r.headers["x-weeknight-event"] === "alert.firing" &&
            JSON.parse(r.body).alert?.deploymentId === live?.id,
        ),
      (r) => r !== undefined,
    );
    const payload = JSON.parse(delivered?.body ?? "{}");
    // Still firing after `alerts.remind`: sent again, marked as a reminder.
    const reminded = await until(
      async () =>
        hook.requests.find(
          (r) =>
            r.headers["x-weeknight-event"] === "alert.firing" &&
            JSON.parse(r.body).alert?.reminder === true,
        ),
      (r) => r !== undefined,
    );
    expect(JSON.parse(reminded?.body ?? "{}").alert.monitors[0].name).toBe("home");
    expect(payload.alert).toMatchObject({
      environment: "production",
      deploymentId: live?.id,
      monitors: [
        { name: "home", message: expect.stringContaining("[STATUS] == 200 failed: got 503") },
      ],
    });

    // An alert within an hour of a deploy opens an incident naming that deploy.
    const incident = await until(
      async () =>
        (
          await t.api<{ deploymentId: number | null; state: string; title: string }[]>(
            "GET",
            "/incidents?project=mon",
          )
        ).body.find((i) => i.deploymentId === live?.id),
      (i) => i !== undefined,
    );
    expect(incident).toMatchObject({ state: "open", title: expect.stringContaining("home") });

    await until(
      () => monitor("home"),
      (m) => (m?.failures ?? 0) >= 2,
    );
    await t.restart();
    const after = await monitor("home");
    expect(after?.failures).toBeGreaterThanOrEqual(2);
    expect(after?.alert?.state).toBe("firing");

    writeFileSync(join(out, "production.txt"), "good again");
    await t.waitForEvent((e) => e.type === "alert.resolved" && e.data.deploymentId === live?.id);
    const { body: alerts } = await t.api<Alert[]>("GET", "/alerts?project=mon&state=resolved");
    expect(alerts[0]).toMatchObject({ monitor: "home", state: "resolved", deploymentId: live?.id });
  });

  it("rolls back a deployment whose release fails a gate monitor", async () => {
    await repo.commit({ "app.txt": "good but slow v2" }, "Serve the slow version");
    const sha = (await repo.git(["rev-parse", "HEAD"])).stdout.trim();
    const passed = await t.waitForEvent((e) => e.type === "build.passed" && e.data.sha === sha);
    await t.waitForEvent(
      (e) => e.type === "deployment.succeeded" && e.data.buildId === passed.data.buildId,
    );
    const deployment = await deployProduction();
    expect(deployment.step).toBe("rolled-back");
    expect(deployment.reason).toMatch(/^gate monitor "home" failed: \[BODY\]\.status == ok failed/);
    // Caught during the health check or the bake, whichever the gate's run fell into.
    const steps = deployment.steps.map((s) => s.step);
    expect(steps.slice(0, 3)).toEqual(["pending", "starting", "health-check"]);
    expect(steps.slice(-2)).toEqual(["rolling-back", "rolled-back"]);
    expect(steps.filter((s) => s === "rolling-back")).toHaveLength(1);
    expect(readFileSync(join(out, "production.txt"), "utf8")).toBe("good v1");

    // Production stays blocked after the automatic rollback until someone confirms the fix.
    const placed = await t.waitForEvent(
      (e) => e.type === "block.placed" && e.data.environment === "production",
    );
    expect(placed.data.reason).toContain(`deployment ${deployment.id}`);
    expect((await t.api("POST", `/blocks/${placed.data.blockId}/lift`)).status).toBe(200);
  });

  it("rolls back a deployment whose release logs an error of a new shape", async () => {
    const log = join(out, "app.log");
    // An error production has logged before: its shape is known, whatever its numbers.
    appendFileSync(log, "ERROR db timeout after 30 ms\n");
    await until(
      async () => (await monitor("errors"))?.lastAt ?? 0,
      (at) => at > Date.now() - 500,
    );
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await repo.commit({ "app.txt": "good v3" }, "Show prices");
    const sha = (await repo.git(["rev-parse", "HEAD"])).stdout.trim();
    const passed = await t.waitForEvent((e) => e.type === "build.passed" && e.data.sha === sha);
    await t.waitForEvent(
      (e) => e.type === "deployment.succeeded" && e.data.buildId === passed.data.buildId,
    );
    const { body } = await t.api<DeploymentView>(
      "POST",
      "/projects/mon/environments/production/deploy",
    );
    await t.waitForEvent((e) => e.type === "deployment.baking" && e.data.deploymentId === body.id);
    appendFileSync(
      log,
      "ERROR db timeout after 95 ms\nERROR TypeError: Cannot read properties of undefined (reading 'price')\n",
    );
    const deployment = await t.server.services.deployments.waitFor(body.id);
    expect(deployment.step).toBe("rolled-back");
    expect(deployment.reason).toMatch(/^gate monitor "errors" failed: .*new error pattern/);
    expect(deployment.reason).toContain("TypeError: Cannot read properties of undefined");
    expect(deployment.reason).not.toContain("db timeout");
  });

  it("takes log lines pushed in Loki's format, with a token", async () => {
    const push = (token: string) =>
      fetch(`${t.url}/loki/api/v1/push`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify({
          streams: [
            {
              stream: { app: "shop", pod: "web-1" },
              values: [[`${Date.now()}000000`, "payment 4711 failed: card declined"]],
            },
          ],
        }),
      });
    expect((await push("wkn_not-a-token")).status).toBe(401);
    expect((await push(t.token)).status).toBe(204);
    const payments = await until(
      () => monitor("payments"),
      (m) => m?.status === "fail",
    );
    expect(payments?.message).toContain("failed payments");
  });

  it("holds notifications back while silenced, and keeps the alert", async () => {
    const { status, body: silence } = await t.api<{ id: number; until: number }>(
      "POST",
      "/silences",
      { project: "mon", environment: "production", for: "1h", reason: "moving the database" },
    );
    expect(status).toBe(201);
    const sent = () =>
      hook.requests.filter((r) => r.headers["x-weeknight-event"] === "alert.firing").length;
    const before = sent();
    const previous = readFileSync(join(out, "production.txt"), "utf8");
    writeFileSync(join(out, "production.txt"), "down for maintenance");
    const fired = await t.waitForEvent(
      (e) =>
        e.type === "alert.firing" && e.data.monitor === "home" && e.at > silence.until - 3_600_000,
    );
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(sent()).toBe(before);
    const { body: open } = await t.api<{ id: number }[]>("GET", "/alerts?state=firing&project=mon");
    expect(open.map((a) => a.id)).toContain(fired.data.alertId);
    writeFileSync(join(out, "production.txt"), previous);

    expect((await t.api("DELETE", `/silences/${silence.id}`)).status).toBe(204);
    expect((await t.api("DELETE", `/silences/${silence.id}`)).status).toBe(404);
    const bad = await t.api<{ error: { message: string } }>("POST", "/silences", {
      project: "mon",
      environment: "production",
      for: "soon",
      reason: "x",
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('invalid duration "soon"');
  });

  it("answers bad requests with clear errors", async () => {
    const unknown = await t.api<{ error: { message: string } }>(
      "GET",
      "/projects/mon/environments/staging/monitors",
    );
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toContain('no environment "staging"');
    const bad = await t.api<{ error: { message: string } }>("GET", "/alerts?state=burning");
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('unknown alert state "burning"');
    const anonymous = await t.api("GET", "/alerts", undefined, "");
    expect(anonymous.status).toBe(401);
  });
});
