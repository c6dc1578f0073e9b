import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DomainEvent } from "../events/event-bus.js";
import { type HttpReceiver, startHttpReceiver } from "../notify/test-support/http-receiver.js";
import { runCliAs } from "../test-support/test-cli.js";
import { createTestClock } from "../test-support/test-clock.js";
import { testDialects } from "../test-support/test-databases.js";
import { createTestRepo } from "../test-support/test-repo.js";
import { startTestServer, type TestServer } from "../test-support/test-server.js";
import type { ControlView } from "./deploy-control.js";

type Environment = { name: string; lastSkipReason: string | null; control: ControlView };
type Deployment = { id: number; buildId: number; step: string };
type Payload = {
  event: string;
  build: { id: number };
  commits: { sha: string; message: string; author: string }[];
  control: {
    at: number | null;
    risk: { level: string; reasons: string[] } | null;
    howToBlock: string;
    outcome: string | null;
  };
};

const PROJECT = "shop";

function yml(hook: string) {
  return [
    `project: ${PROJECT}`,
    "build:",
    "  stages:",
    "    - name: test",
    '      run: "true"',
    "notify:",
    "  - type: webhook",
    `    url: ${hook}`,
    "    events: [deploy.notice, deploy.summary, block.placed]",
    "risk:",
    "  rules:",
    '    - migrations: ["migrations/**"]',
    "      level: high",
    "environments:",
    "  production:",
    '    deploy: { schedule: "0 22 * * 1-5", timezone: Europe/London }',
    '    windows: ["* 20-23 * * 1-5"]',
    "    freezes:",
    "      - { name: Christmas, from: 2026-12-21, to: 2027-01-02 }",
    "    policy:",
    "      high: { approvals: 1 }",
    "    notice: { before: 6h }",
    "    defects_first: { severity: sev1 }",
    '    target: { type: command, deploy: "true", rollback: "true" }',
    "",
  ].join("\n");
}

/**
 * The weeknight of a team with a risk policy, on a clock the test sets: approvals, blocks,
 * windows, freezes, defects first and the afternoon notice, each seen through the API.
 */
describe.each(testDialects)("risk and control scenarios on %s", (dialect) => {
  const clock = createTestClock("2026-11-30T12:00:00Z");
  let t: TestServer;
  let repo: Awaited<ReturnType<typeof createTestRepo>>;
  let hook: HttpReceiver;
  let viewerToken: string;
  let adaToken: string;

  const production = async () =>
    (await t.api<Environment>("GET", `/projects/${PROJECT}/environments/production`)).body;
  const payloads = () => hook.requests.map((r) => JSON.parse(r.body) as Payload);

  async function userToken(username: string, role: string) {
    const created = await t.api<{ password: string }>("POST", "/users", { username, role });
    const login = await t.api<{ token: string }>(
      "POST",
      "/auth/login",
      { username, password: created.body.password },
      "",
    );
    return login.body.token;
  }

  async function pushAndPass(files: Record<string, string>, message: string): Promise<number> {
    const sha = await repo.commit(files, message);
    // As the poller would (it may beat us to it: the clock jumps days between runs).
    const { builds, projects } = t.server.services;
    await builds.detectChanges(await projects.get(PROJECT), "push");
    const passed = await t.waitForEvent(
      (e: DomainEvent) => e.type === "build.passed" && e.data.sha === sha,
    );
    return passed.data.buildId as number;
  }

  /** The 22:00 run at `at`: resolves with the deployment it started, or null when it waited. */
  async function nightlyRun(at: string): Promise<Deployment | null> {
    clock.set(at);
    const before = (await t.api<Deployment[]>("GET", `/deployments?project=${PROJECT}`)).body;
    await t.server.services.scheduler.runNow(PROJECT, "production");
    const after = (await t.api<Deployment[]>("GET", `/deployments?project=${PROJECT}`)).body;
    const started = after.find((d) => !before.some((b) => b.id === d.id));
    if (!started) return null;
    return t.server.services.deployments.waitFor(started.id);
  }

  beforeAll(async () => {
    hook = await startHttpReceiver(() => ({ status: 200 }));
    t = await startTestServer(dialect, {}, { clock });
    repo = await createTestRepo({ files: { "weeknight.yml": yml(`${hook.url}/hook`) } });
    await t.api("POST", "/projects", { name: PROJECT, repoUrl: repo.dir, poll: "1h" });
    await t.waitForEvent((e) => e.type === "build.passed");
    viewerToken = await userToken(`vera-${dialect}`, "viewer");
    // "ada" wrote the test repository's commits (Ada Lovelace <ada@example.com>).
    adaToken = await userToken("ada", "deployer");
  });
  afterAll(async () => {
    await t?.close();
    await hook?.close();
    repo?.remove();
  });

  it("tells the team at 16:00 what goes out at 22:00, and how to block it", async () => {
    clock.set("2026-11-30T16:00:00Z");
    const sent = await t.server.services.notices.notice(
      PROJECT,
      "production",
      Date.parse("2026-11-30T22:00:00Z"),
    );
    expect(sent?.event).toBe("deploy.notice");
    await t.server.services.notify.drain();
    const notice = payloads().find((p) => p.event === "deploy.notice");
    expect(notice?.commits.map((c) => c.message)).toEqual(["initial commit"]);
    expect(notice?.commits[0]?.author).toBe("Ada Lovelace");
    expect(notice?.control.at).toBe(Date.parse("2026-11-30T22:00:00Z"));
    expect(notice?.control.risk?.level).toBe("low");
    expect(notice?.control.howToBlock).toContain(`weeknight block production -p ${PROJECT}`);

    const first = await nightlyRun("2026-11-30T22:00:00Z");
    expect(first?.step).toBe("succeeded");
  });

  it("holds a high-risk change for an approval, refuses its author's, then deploys it inside its window", async () => {
    const build = await pushAndPass(
      { "migrations/0001.sql": "create table t (id int);" },
      "add table t",
    );
    const waiting = await production();
    expect(waiting.control.risk?.level).toBe("high");
    expect(waiting.control.risk?.reasons[0]?.text).toContain("migrations/0001.sql");
    expect(waiting.control.holds).toEqual([
      "high risk needs 1 approval: weeknight approve production",
    ]);

    expect(await nightlyRun("2026-12-01T22:00:00Z")).toBeNull();
    expect((await production()).lastSkipReason).toMatch(/^waiting: high risk needs 1 approval/);

    const own = await t.api<{ error: { message: string } }>(
      "POST",
      `/projects/${PROJECT}/environments/production/approve`,
      {},
      adaToken,
    );
    expect(own.status).toBe(409);
    expect(own.body.error.message).toMatch(/^ada wrote [0-9a-f]{7} "add table t" in this change/);

    const approved = await runCliAs(
      ["approve", "production", "-m", "checked the migration", "--json"],
      { url: t.url, token: t.token, home: t.home },
    );
    expect(approved.code).toBe(0);
    expect(JSON.parse(approved.stdout)).toMatchObject({ buildId: build, approvedBy: "admin" });

    // Approved, but 19:00 is outside the 20–23 window: a manual deploy is refused and says why.
    clock.set("2026-12-02T19:00:00Z");
    const early = await t.api<{ error: { message: string } }>(
      "POST",
      `/projects/${PROJECT}/environments/production/deploy`,
      {},
    );
    expect(early.status).toBe(409);
    expect(early.body.error.message).toContain("outside the deploy window");
    expect(early.body.error.message).toContain("next window 2026-12-02 20:00 Europe/London");

    const deployed = await nightlyRun("2026-12-02T22:00:00Z");
    expect(deployed).toMatchObject({ buildId: build, step: "succeeded" });
  });

  it("lets a viewer block the 22:00 run with a reason, and the next run go once it is lifted", async () => {
    const build = await pushAndPass({ "src/checkout.js": "// v2" }, "tweak checkout");
    const placed = await t.api<{ id: number }>(
      "POST",
      `/projects/${PROJECT}/blocks`,
      { environment: "production", reason: "support sees checkout errors" },
      viewerToken,
    );
    expect(placed.status).toBe(201);

    expect(await nightlyRun("2026-12-03T22:00:00Z")).toBeNull();
    expect((await production()).lastSkipReason).toBe(
      `waiting: production is blocked by vera-${dialect}: support sees checkout errors; next try 2026-12-04T22:00:00.000Z`,
    );
    await t.server.services.notify.drain();
    const summary = payloads()
      .filter((p) => p.event === "deploy.summary")
      .at(-1);
    expect(summary?.control.outcome).toBe("was skipped");

    const lifted = await t.api(
      "POST",
      `/blocks/${placed.body.id}/lift`,
      { reason: "fixed" },
      adaToken,
    );
    expect(lifted.status).toBe(200);
    expect(await nightlyRun("2026-12-04T22:00:00Z")).toMatchObject({
      buildId: build,
      step: "succeeded",
    });
  });

  it("skips during a freeze and names it", async () => {
    await pushAndPass({ "src/cart.js": "// v2" }, "cart copy");
    expect(await nightlyRun("2026-12-22T22:00:00Z")).toBeNull();
    expect((await production()).lastSkipReason).toBe(
      "waiting: frozen: Christmas (until 2027-01-03 00:00 Europe/London); next try 2027-01-04T22:00:00.000Z",
    );
  });

  it("holds back builds that do not fix an open critical incident, and lets a Fixes: build through", async () => {
    const incident = await t.api<{ id: number }>("POST", "/incidents", {
      project: PROJECT,
      environment: "production",
      title: "checkout down",
      severity: "sev1",
    });
    expect(incident.status).toBe(201);
    const id = incident.body.id;
    expect(await nightlyRun("2027-01-05T22:00:00Z")).toBeNull();
    expect((await production()).lastSkipReason).toContain(
      `incident INC-${id} (sev1) is open: only a build that fixes it goes out`,
    );

    const fix = await pushAndPass(
      { "src/checkout.js": "// v3" },
      `fix checkout\n\nFixes: INC-${id}`,
    );
    expect(await nightlyRun("2027-01-06T22:00:00Z")).toMatchObject({
      buildId: fix,
      step: "succeeded",
    });
  });

  it("keeps every deploy, approval, block and unblock in the audit log", async () => {
    const audit = (
      await t.api<{ action: string; actor: string; environment: string | null }[]>(
        "GET",
        `/audit?project=${PROJECT}&limit=100`,
      )
    ).body;
    const actions = audit.map((a) => a.action);
    for (const action of ["deploy", "approve", "block", "unblock", "policy.changed"])
      expect(actions).toContain(action);
    expect(audit.find((a) => a.action === "block")?.actor).toBe(`vera-${dialect}`);
  });
});
