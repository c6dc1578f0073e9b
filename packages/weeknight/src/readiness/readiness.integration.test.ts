import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type HttpReceiver, startHttpReceiver } from "../notify/test-support/http-receiver.js";
import { runCliAs } from "../test-support/test-cli.js";
import { createTestClock } from "../test-support/test-clock.js";
import { testDialects } from "../test-support/test-databases.js";
import type { TestRepo } from "../test-support/test-repo.js";
import { startTestServer, type TestServer } from "../test-support/test-server.js";
import { DAY_MS } from "./readiness-facts.js";
import type { Readiness } from "./readiness-schema.js";

/** The first weeknight.yml: a build that tests nothing and tells nobody. */
const V1 = ["project: shop", "build:", "  stages:", "    - name: compile", '      run: "true"', ""];

/**
 * Unit and integration stages (the unit stage fails while a `broken` file exists), a webhook
 * told of failures, and internal (on green) and production (requires internal) environments
 * whose command targets copy the release's app.txt into `out`. `production` adds lines there.
 */
function v2(out: string, hook: string, production: string[] = ["    deploy: manual"]): string {
  const target = (env: string) => [
    "    target:",
    "      type: command",
    `      deploy: cp app.txt ${out}/${env}.txt`,
    `      rollback: cp app.txt ${out}/${env}.txt`,
    `      health: grep -q good ${out}/${env}.txt`,
  ];
  return [
    "project: shop",
    "build:",
    "  stages:",
    "    - name: unit",
    "      run: test ! -e broken",
    "    - name: integration",
    '      run: "true"',
    "  artifact:",
    "    paths: [app.txt]",
    "notify:",
    "  - type: webhook",
    `    url: ${hook}/hook`,
    "    events: [build.failed, build.fixed]",
    "environments:",
    "  internal:",
    "    deploy: on-green",
    ...target("internal"),
    "  production:",
    "    requires: [internal]",
    `    backup: { run: "echo data > $WEEKNIGHT_BACKUP_FILE", restore: "true" }`,
    ...production,
    ...target("production"),
    "",
  ].join("\n");
}

/** Production on a schedule that never comes during a test, watched by three kinds of monitor. */
function v3(out: string, hook: string): string {
  return v2(out, hook, [
    `    deploy: { schedule: "0 3 29 2 *", timezone: UTC }`,
    "    monitors:",
    `      - { name: home page, type: http, url: "${hook}/health", interval: 1h }`,
    "      - name: guts",
    "        type: metrics",
    `        url: ${hook}/metrics`,
    "        interval: 1h",
    "        rules: [{ name: up, gauge: up, above: 0 }]",
    "      - name: errors",
    "        type: logs",
    `        source: { file: ${out}/app.log }`,
    "        rules: [{ name: fatal, pattern: FATAL, max: 0 }]",
  ]);
}

describe.each(testDialects)("readiness on %s", (dialect) => {
  let t: TestServer;
  let repo: TestRepo;
  let receiver: HttpReceiver;
  let out: string;
  const clock = createTestClock();

  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), "weeknight-readiness-"));
    writeFileSync(join(out, "app.log"), "");
    receiver = await startHttpReceiver((request) =>
      request.path === "/metrics" ? { status: 200, body: "up 1\n" } : { status: 200, body: "ok" },
    );
    t = await startTestServer(dialect, {}, { clock });
    repo = await t.addProject("shop", V1.join("\n"));
  });
  afterAll(async () => {
    await t?.close();
    await receiver?.close();
    rmSync(out, { recursive: true, force: true });
  });

  const readiness = async () => {
    const answer = await t.api<Readiness>("GET", "/projects/shop/readiness");
    expect(answer.status).toBe(200);
    return answer.body;
  };
  const statuses = (report: Readiness) =>
    Object.fromEntries(report.items.map((item) => [item.id, item.status]));

  /** Commits, waits for the commit's build to end with `status`, and for internal's deploy when green. */
  async function push(files: Record<string, string>, message: string, status = "passed") {
    const sha = await repo.commit(files, message);
    const built = await t.waitForEvent(
      (e) =>
        e.type.startsWith("build.") &&
        e.data.sha === sha &&
        e.type !== "build.queued" &&
        e.type !== "build.started",
    );
    expect(built.type).toBe(`build.${status}`);
    const buildId = Number(built.data.buildId);
    if (status !== "passed") return { buildId, internal: null };
    const pending = await t.waitForEvent(
      (e) => e.type === "deployment.pending" && e.data.buildId === buildId,
    );
    const internal = await t.server.services.deployments.waitFor(Number(pending.data.deploymentId));
    return { buildId, internal };
  }

  async function deployProduction() {
    const started = await t.api<{ id: number }>(
      "POST",
      "/projects/shop/environments/production/deploy",
      {},
    );
    expect(started.status).toBe(202);
    return t.server.services.deployments.waitFor(started.body.id);
  }

  it("starts with nothing but automatic builds", async () => {
    const report = await readiness();
    expect(report.level).toMatchObject({ current: "none", next: "ci" });
    expect(report.level.missingForNext).toEqual(["unit-tests", "failure-notification"]);
    expect(statuses(report)).toMatchObject({
      "build-every-commit": "met",
      "unit-tests": "missing",
      "failure-notification": "missing",
      "internal-environment": "missing",
    });
    expect(report.items.find((i) => i.id === "build-every-commit")?.detail).toBe(
      "the branch main is polled every 100 ms; the only commit on main has a build",
    );
  });

  it("follows weeknight.yml: tests, a failure channel and an internal environment", async () => {
    await push({ "weeknight.yml": v2(out, receiver.url), "app.txt": "good v1" }, "add tests");
    const report = await readiness();
    expect(statuses(report)).toMatchObject({
      "unit-tests": "met",
      "integration-tests": "met",
      "internal-environment": "met",
      "failure-notification": "partly",
      "promote-last-green": "partly",
      "fix-fast": "met",
      backups: "partly",
    });
    // A channel nobody has heard from yet does not count: still no level.
    expect(report.level).toMatchObject({
      current: "none",
      missingForNext: ["failure-notification"],
    });
    expect(report.items.find((i) => i.id === "internal-environment")?.detail).toMatch(
      /^environments\.internal deploys every green build \(deploy: on-green\) to a command target like production; build #\d+ is live there/,
    );
  });

  it("counts a failure notice once one was delivered", async () => {
    const { buildId: broken } = await push({ broken: "" }, "break the unit tests", "failed");
    await t.server.services.notify.drain();
    expect(receiver.requests.filter((r) => r.path === "/hook")).toHaveLength(1);
    const report = await readiness();
    expect(report.items.find((i) => i.id === "failure-notification")).toMatchObject({
      status: "met",
      detail: expect.stringContaining(`build #${broken}'s failure notice reached webhook`),
    });
    expect(report.level).toMatchObject({
      current: "continuous-delivery",
      next: "scheduled-production",
    });
    await repo.git(["rm", "--quiet", "broken"]);
    await push({}, "fix the unit tests");
    expect((await deployProduction()).step).toBe("succeeded");
  });

  it("reaches scheduled production deploys with a schedule and monitors", async () => {
    await push({ "weeknight.yml": v3(out, receiver.url), "app.txt": "good v3" }, "deploy nightly");
    const report = await readiness();
    expect(report.level).toMatchObject({
      current: "scheduled-production",
      next: "continuous-deployment",
      missingForNext: ["automatic-rollback", "crash-supervision", "backups"],
    });
    expect(report.items.find((i) => i.id === "promote-last-green")?.detail).toMatch(
      /deploys the newest build verified on internal on the schedule "0 3 29 2 \*" \(UTC\); build #\d+ is live$/,
    );
  });

  it("follows history: a verified backup, rollbacks, a marked fix", async () => {
    expect((await deployProduction()).step).toBe("succeeded");
    const [backup] = (
      await t.api<{ id: number }[]>("GET", "/projects/shop/environments/production/backups")
    ).body;
    expect(statuses(await readiness()).backups).toBe("partly");
    const verified = await t.api("POST", `/backups/${backup?.id}/verify`, {});
    expect(verified.status).toBe(200);

    const rollback = await t.api<{ id: number }>(
      "POST",
      "/projects/shop/environments/production/rollback",
      {},
    );
    expect((await t.server.services.deployments.waitFor(rollback.body.id)).step).toBe("succeeded");

    const report = await readiness();
    expect(report.items.find((i) => i.id === "automatic-rollback")?.detail).toContain(
      `deployment #${rollback.body.id} on production was rolled back on request just now`,
    );
    // Only the command target's missing crash supervision stands between it and the top.
    expect(report.level.missingForNext).toEqual(["crash-supervision"]);

    // A deployer marks the build as fixing an incident: the fast way out shows it.
    const incident = await t.api<{ id: number }>("POST", "/incidents", {
      project: "shop",
      environment: "production",
      title: "checkout slow",
      severity: "sev3",
    });
    const fixed = await t.api("POST", `/incidents/${incident.body.id}/fixes`, {
      build: report.configBuildId,
    });
    expect(fixed.status).toBe(201);
    expect((await readiness()).items.find((i) => i.id === "fix-fast")?.detail).toContain(
      `last fix: build #${report.configBuildId} fixed INC-${incident.body.id} (marked) just now`,
    );

    // A release that fails its health check on internal is rolled back without anyone.
    const { internal } = await push({ "app.txt": "bad v4" }, "break the health check");
    expect(internal?.step).toBe("rolled-back");
    expect((await readiness()).items.find((i) => i.id === "automatic-rollback")?.detail).toContain(
      `deployment #${internal?.id} on internal rolled back by itself just now`,
    );
  });

  it("prints the checklist from the CLI", async () => {
    const home = mkdtempSync(join(tmpdir(), "weeknight-readiness-cli-"));
    const user = { url: t.url, token: t.token, home };
    try {
      const [text, json, unknown] = await Promise.all([
        runCliAs(["readiness"], user),
        runCliAs(["readiness", "-p", "shop", "--json"], user),
        runCliAs(["readiness", "-p", "nope"], user),
      ]);
      expect(text.stderr).toBe("");
      const lines = text.stdout.split("\n");
      expect(lines[0]).toBe("shop: Scheduled production deploys (scheduled-production)");
      expect(lines).toContain("Processes");
      expect(lines).toContain("  ✗ A crashed server is restarted and reported");
      expect(lines).toContain("      see docs/agent.md#crash-supervision");
      expect(lines).toContain(
        "next level: Continuous deployment (continuous-deployment) needs ✗ crash-supervision",
      );
      expect(JSON.parse(json.stdout)).toMatchObject({
        project: "shop",
        level: { current: "scheduled-production" },
      });
      expect(unknown.code).toBe(1);
      expect(unknown.stderr).toContain('no project "nope"');
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });

  it("ages: a verified restore more than 30 days old no longer counts", async () => {
    clock.set(clock.now() + 31 * DAY_MS);
    const backups = (await readiness()).items.find((i) => i.id === "backups");
    expect(backups).toMatchObject({ status: "partly" });
    expect(backups?.detail).toContain(
      "none in the last 7 days: weeknight backup create production",
    );
    expect(backups?.detail).toContain(
      "none in the last 30 days: weeknight backup verify production",
    );
  });
});
