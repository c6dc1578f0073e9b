import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Stats } from "../cli/api-types.js";
import type { DeploymentView } from "../deployments/deployment-service.js";
import { execFileText } from "../process/exec-file.js";
import { authorEnv } from "../sources/git-commands.js";
import { runCliAs } from "../test-support/test-cli.js";
import type { TestClock } from "../test-support/test-clock.js";
import { testDialects } from "../test-support/test-databases.js";
import { createTestRepo, type TestRepo } from "../test-support/test-repo.js";
import { startTestServer, type TestServer } from "../test-support/test-server.js";

const MIN = 60_000;
const HOUR = 60 * MIN;
const at = (iso: string) => new Date(`2025-03-${iso}:00Z`).getTime();

/**
 * Stands still between the script's steps, so every timestamp the server records is one the
 * test chose (a deployment's steps move on only when the test moves the clock).
 */
function standingClock(start: number): TestClock {
  let now = start;
  return {
    now: () => now,
    set: (to) => {
      now = new Date(to).getTime();
    },
  };
}

/** Production holds its health check while `<dir>/hold` exists, and fails on broken.txt. */
function yml(dir: string): string[] {
  return [
    "project: shop",
    "build:",
    "  stages:",
    "    - name: test",
    '      run: "true"',
    "environments:",
    "  production:",
    "    deploy: manual",
    "    target:",
    "      type: command",
    '      deploy: "true"',
    '      rollback: "true"',
    `      health: "while [ -f ${dir}/hold ]; do sleep 0.05; done; test ! -f broken.txt"`,
    "  internal:",
    "    deploy: manual",
    '    target: { type: command, deploy: "true", rollback: "true" }',
  ];
}

const lines = (n: number, from = 1) =>
  Array.from({ length: n }, (_, i) => `line ${from + i}\n`).join("");

describe.each(testDialects)("DORA stats of a scripted history on %s", (dialect) => {
  const clock = standingClock(at("03T08:00"));
  const dir = mkdtempSync(join(tmpdir(), "weeknight-stats-"));
  const config = yml(dir);
  let t: TestServer;
  let repo: TestRepo;

  /** Commits with author and committer dates of `when` (the commit time lead time starts at). */
  async function commitAt(when: string, files: Record<string, string | null>, message: string) {
    for (const [path, content] of Object.entries(files)) {
      if (content === null) rmSync(join(repo.dir, path));
      else writeFileSync(join(repo.dir, path), content);
    }
    const date = new Date(at(when)).toISOString();
    const env = {
      ...authorEnv(process.env, { name: "Ada", email: "ada@example.com" }),
      GIT_AUTHOR_DATE: date,
      GIT_COMMITTER_DATE: date,
    };
    const git = (args: string[]) =>
      execFileText("git", ["-c", "commit.gpgsign=false", ...args], { cwd: repo.dir, env });
    await git(["add", "--all"]);
    await git(["commit", "--quiet", "-m", message]);
    return (await git(["rev-parse", "HEAD"])).stdout.trim();
  }

  async function build(sha: string): Promise<number> {
    const created = await t.api<{ id: number }>("POST", "/projects/shop/builds", { sha });
    expect(created.status).toBe(201);
    const id = created.body.id;
    await t.waitForEvent((e) => e.type === "build.passed" && e.data.buildId === id);
    return id;
  }

  /** Deploys at `when`; with `until`, the health check waits until the clock shows it. */
  async function deploy(buildId: number, when: string, until?: string): Promise<DeploymentView> {
    clock.set(at(when));
    if (until) writeFileSync(join(dir, "hold"), "");
    const started = await t.api<{ id: number }>(
      "POST",
      "/projects/shop/environments/production/deploy",
      { build: buildId },
    );
    expect(started.status).toBe(202);
    const id = started.body.id;
    if (until) {
      await t.waitForEvent(
        (e) => e.type === "deployment.health-check" && e.data.deploymentId === id,
      );
      clock.set(at(until));
      rmSync(join(dir, "hold"));
    }
    return t.server.services.deployments.waitFor(id);
  }

  async function incident(deploymentId: number | undefined, opened: string, resolved: string) {
    clock.set(at(opened));
    const { body } = await t.api<{ id: number }>("POST", "/incidents", {
      project: "shop",
      environment: "production",
      title: "checkout errors",
      deploymentId,
    });
    await t.api("PUT", `/incidents/${body.id}/root-cause`, { rootCause: "a bad query" });
    clock.set(at(resolved));
    const done = await t.api("POST", `/incidents/${body.id}/resolve`, { resolution: "fixed" });
    expect(done.status).toBe(200);
  }

  beforeAll(async () => {
    t = await startTestServer(dialect, {}, { clock });
    repo = await createTestRepo();
    const c0 = await commitAt("03T08:00", { "weeknight.yml": `${config.join("\n")}\n` }, "start");
    await t.api("POST", "/projects", { name: "shop", repoUrl: repo.dir, poll: 0 });
    // Week 10 (3-9 March): three deployments, the third put back automatically after 5 min.
    expect((await deploy(await build(c0), "03T10:00")).step).toBe("succeeded");
    await commitAt("04T09:00", { "app.txt": lines(10) }, "app");
    const c2 = await commitAt("05T09:00", { "app.txt": lines(10).replace("line 3", "3") }, "fix");
    await deploy(await build(c2), "05T12:00");
    const c3 = await commitAt("06T09:00", { "broken.txt": "oops\n" }, "breaks health");
    const broken = await deploy(await build(c3), "06T10:00", "06T10:05");
    expect(broken.step).toBe("rolled-back");
    const block = await t.waitForEvent((e) => e.type === "block.placed");
    await t.api("POST", `/blocks/${block.data.blockId}/lift`, { reason: "fixed" });
    // Week 11: a deployment that began on Sunday and went live on Monday, blamed by an incident.
    const fix = { "broken.txt": null, "app.txt": lines(11).replace("line 3", "3") };
    const c4 = await commitAt("07T09:00", fix, "unbreak");
    const d4 = await deploy(await build(c4), "09T23:50", "10T00:10");
    expect(d4.step).toBe("succeeded");
    await incident(d4.id, "10T09:00", "10T11:30");
    // Rolled back by a person 20 min after it went live.
    const c5 = await commitAt("11T09:00", { "app.txt": lines(16).replace("line 3", "3") }, "more");
    await deploy(await build(c5), "11T10:00");
    clock.set(at("11T10:20"));
    const rollback = await t.api<{ id: number }>(
      "POST",
      "/projects/shop/environments/production/rollback",
    );
    expect((await t.server.services.deployments.waitFor(rollback.body.id)).step).toBe("succeeded");
    const c6 = await commitAt("12T09:00", { "app.txt": lines(19).replace("line 3", "3") }, "again");
    await deploy(await build(c6), "12T12:00");
    await incident(undefined, "13T08:00", "13T08:45");
    // Week 12 is quiet; week 13 (the current one) has one deployment.
    const c7 = await commitAt("24T09:00", { "app.txt": lines(21).replace("line 3", "3") }, "last");
    await deploy(await build(c7), "24T09:30");
    clock.set(at("26T12:00"));
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    repo?.remove();
    rmSync(dir, { recursive: true, force: true });
  });

  it("reports the figures worked out by hand, week by week and in total", async () => {
    const { status, body } = await t.api<Stats>("GET", "/projects/shop/stats?weeks=4");
    expect(status).toBe(200);
    expect(body).toMatchObject({ project: "shop", environment: "production", timezone: "UTC" });
    expect(body.weeks.map((w) => [w.week, w.firstDay, w.start])).toEqual([
      ["2025-W10", "2025-03-03", at("03T00:00")],
      ["2025-W11", "2025-03-10", at("10T00:00")],
      ["2025-W12", "2025-03-17", at("17T00:00")],
      ["2025-W13", "2025-03-24", at("24T00:00")],
    ]);
    const [w10, w11, w12, w13] = body.weeks;
    // Live 10:00, 12:00 (2 commits), put back at 10:05: lead times 2 h, 27 h, 3 h.
    // Batches: everything (the yml), app.txt (10 lines), broken.txt (1 line).
    expect(w10).toMatchObject({
      deployments: 3,
      leadTimeMedianMs: 3 * HOUR,
      leadTimeP90Ms: 27 * HOUR,
      failures: 1,
      changeFailureRate: 1 / 3,
      restores: 1,
      timeToRestoreMedianMs: 5 * MIN,
      commitsPerDeployMedian: 1,
      linesPerDeployMedian: 10,
    });
    // Broken (6th 09:00) and its fix (7th 09:00) went live on the 10th at 00:10: 87 h 10 and
    // 63 h 10; then 1 h and 3 h. After the rollback the last deploy brought 2 commits (8 lines),
    // but only one was new. Restores: the incident 2 h 30, the rollback 20 min, the other 45 min.
    expect(w11).toMatchObject({
      deployments: 3,
      leadTimeMedianMs: (3 * HOUR + 63 * HOUR + 10 * MIN) / 2,
      leadTimeP90Ms: 87 * HOUR + 10 * MIN,
      failures: 2,
      changeFailureRate: 2 / 3,
      restores: 3,
      timeToRestoreMedianMs: 45 * MIN,
      commitsPerDeployMedian: 2,
      linesPerDeployMedian: 5,
    });
    expect(w12).toMatchObject({ deployments: 0, leadTimeMedianMs: null, changeFailureRate: null });
    expect(w13).toMatchObject({
      deployments: 1,
      leadTimeMedianMs: 30 * MIN,
      failures: 0,
      changeFailureRate: 0,
      commitsPerDeployMedian: 1,
      linesPerDeployMedian: 2,
    });
    // Lead times 30 min, 1 h, 2 h, 3 h, 3 h, 27 h, 63 h 10, 87 h 10; restores 5, 20, 45, 150 min;
    // commits 1, 1, 1, 1, 2, 2, 2; lines 1, 1, 2, 5, 8, 10 and the yml's.
    expect(body.totals).toEqual({
      from: at("03T00:00"),
      to: at("31T00:00"),
      deployments: 7,
      deploysPerWeek: 7 / 4,
      leadTimeMedianMs: 3 * HOUR,
      leadTimeP90Ms: 87 * HOUR + 10 * MIN,
      failures: 3,
      changeFailureRate: 3 / 7,
      restores: 4,
      timeToRestoreMedianMs: 32.5 * MIN,
      commitsPerDeployMedian: 1,
      linesPerDeployMedian: 5,
      bands: {
        deploymentFrequency: "high",
        leadTime: "elite",
        changeFailureRate: "low",
        timeToRestore: "elite",
      },
    });
  });

  it("defaults to production and 12 weeks, and refuses unknown names and bad ranges", async () => {
    const [byDefault, internal, staging, nobody, none, tooMany] = await Promise.all([
      t.api<Stats>("GET", "/projects/shop/stats"),
      t.api<Stats>("GET", "/projects/shop/stats?environment=internal&weeks=4"),
      t.api<{ error: { message: string } }>("GET", "/projects/shop/stats?environment=staging"),
      t.api("GET", "/projects/nobody/stats"),
      t.api("GET", "/projects/shop/stats?weeks=0"),
      t.api("GET", "/projects/shop/stats?weeks=105"),
    ]);
    expect(byDefault.body.environment).toBe("production");
    expect(byDefault.body.weeks).toHaveLength(12);
    expect(byDefault.body.totals).toMatchObject({ deployments: 7, deploysPerWeek: 7 / 12 });
    expect(byDefault.body.totals.bands.deploymentFrequency).toBe("medium");
    expect(internal.body.weeks.map((w) => w.deployments)).toEqual([0, 0, 0, 0]);
    expect(staging.status).toBe(404);
    expect(staging.body.error.message).toContain(
      'shop has no environment "staging" in its last passed build\'s weeknight.yml; it has production, internal',
    );
    expect([nobody.status, none.status, tooMany.status]).toEqual([404, 400, 400]);
    const doc = await t.api<{ paths: Record<string, unknown> }>("GET", "/openapi.json");
    expect(Object.keys(doc.body.paths)).toContain("/api/v1/projects/{name}/stats");
  });

  it("prints the weeks, a summary and the bands from the CLI, or the same JSON", async () => {
    const user = { url: t.url, token: t.token, home: dir };
    const [json, table, unknown] = await Promise.all([
      runCliAs(["stats", "--weeks", "4", "--json"], user),
      runCliAs(["stats", "-p", "shop", "--env", "production", "--weeks", "4"], user),
      runCliAs(["stats", "--env", "staging"], user),
    ]);
    const api = await t.api<Stats>("GET", "/projects/shop/stats?weeks=4");
    expect(JSON.parse(json.stdout)).toEqual(api.body);
    expect(table.stderr).toBe("");
    expect(table.stdout.split("\n")).toEqual([
      "shop production: the last 4 weeks (from Monday 00:00 UTC)",
      "WEEK      MONDAY      DEPLOYS  LEAD TIME  LEAD P90  FAILED    RESTORE  COMMITS  LINES",
      "2025-W10  2025-03-03  3        3 h        1.1 d     1 (33 %)  5 min    1        10",
      "2025-W11  2025-03-10  3        1.4 d      3.6 d     2 (67 %)  45 min   2        5",
      "2025-W12  2025-03-17  0        -          -         -         -        -        -",
      "2025-W13  2025-03-24  1        30 min     30 min    0 (0 %)   -        1        2",
      "",
      "deploys 1.8/week · lead time 3 h · change failure 43 % · time to restore 33 min · 1 commits/deploy · 5 lines/deploy",
      "DORA bands: deployment frequency high · lead time elite · change failure rate low · time to restore elite",
      "",
    ]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('shop has no environment "staging"');
  });
});
