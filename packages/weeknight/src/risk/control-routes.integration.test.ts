import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DomainEvent } from "../events/event-bus.js";
import { createTestClock } from "../test-support/test-clock.js";
import { testDialects } from "../test-support/test-databases.js";
import { createTestRepo } from "../test-support/test-repo.js";
import { startTestServer, type TestServer } from "../test-support/test-server.js";
import type { ControlView } from "./deploy-control.js";

type Environment = { name: string; lastSkipReason: string | null; control: ControlView };
type Failure = { error: { message: string } };

const PROJECT = "ctl";
const yml = [
  `project: ${PROJECT}`,
  "build:",
  "  stages:",
  "    - name: test",
  '      run: "true"',
  "risk:",
  "  rules:",
  '    - { paths: ["risky/**"], level: medium }',
  "environments:",
  "  internal:",
  "    deploy: on-green",
  "    policy: { medium: { approvals: 1 } }",
  '    target: { type: command, deploy: "true", rollback: "true", health: "test ! -f broken" }',
  "  production:",
  "    requires: [internal]",
  "    freezes: [{ name: Audit, from: 2026-11-30, to: 2026-12-01 }]",
  '    target: { type: command, deploy: "true", rollback: "true" }',
  "",
].join("\n");

/** Approvals letting an on-green deploy go, admins forcing a freeze, rollback blocks, the calendar. */
describe.each(testDialects)("deploy control through the API on %s", (dialect) => {
  const clock = createTestClock("2026-11-30T12:00:00Z");
  let t: TestServer;
  let repo: Awaited<ReturnType<typeof createTestRepo>>;
  let deployerToken: string;

  const environment = async (name: string) =>
    (await t.api<Environment>("GET", `/projects/${PROJECT}/environments/${name}`)).body;
  const deployed = (environment: string, buildId: number) =>
    t.waitForEvent(
      (e: DomainEvent) =>
        ["deployment.succeeded", "deployment.rolled-back", "deployment.failed"].includes(e.type) &&
        e.data.environment === environment &&
        e.data.buildId === buildId,
    );

  async function push(files: Record<string, string>, message: string): Promise<number> {
    const sha = await repo.commit(files, message);
    const { builds, projects } = t.server.services;
    await builds.detectChanges(await projects.get(PROJECT), "push");
    const passed = await t.waitForEvent((e) => e.type === "build.passed" && e.data.sha === sha);
    return passed.data.buildId as number;
  }

  beforeAll(async () => {
    t = await startTestServer(dialect, {}, { clock });
    repo = await createTestRepo({ files: { "weeknight.yml": yml } });
    await t.api("POST", "/projects", { name: PROJECT, repoUrl: repo.dir, poll: "1h" });
    const first = await t.waitForEvent((e) => e.type === "build.passed");
    await deployed("internal", first.data.buildId as number);
    const created = await t.api<{ password: string }>("POST", "/users", {
      username: `dee-${dialect}`,
      role: "deployer",
    });
    const login = await t.api<{ token: string }>(
      "POST",
      "/auth/login",
      { username: `dee-${dialect}`, password: created.body.password },
      "",
    );
    deployerToken = login.body.token;
  });
  afterAll(async () => {
    await t?.close();
    repo?.remove();
  });

  it("deploys an on-green change as soon as its approval arrives", async () => {
    const build = await push({ "risky/engine.js": "// new" }, "rework the engine");
    await t.waitForEvent(
      (e) =>
        e.type === "environment.skipped" &&
        e.data.environment === "internal" &&
        String(e.data.reason).startsWith("waiting"),
    );
    const internal = await environment("internal");
    expect(internal.control.risk?.reasons.map((r) => r.text)).toEqual([
      "touches risky/** (risky/engine.js)",
    ]);
    expect(internal.lastSkipReason).toBe(
      "waiting: medium risk needs 1 approval: weeknight approve internal",
    );
    const done = deployed("internal", build);
    const approved = await t.api("POST", `/projects/${PROJECT}/environments/internal/approve`, {
      build,
    });
    expect(approved.status).toBe(201);
    expect((await done).type).toBe("deployment.succeeded");
    const twice = await t.api<Failure>(
      "POST",
      `/projects/${PROJECT}/environments/internal/approve`,
      { build },
    );
    expect(twice.status).toBe(409);
    expect(twice.body.error.message).toBe(`admin already approved build ${build} for internal`);
  });

  it("refuses a deploy during a freeze; only an admin may force it, with a reason, audited", async () => {
    const path = `/projects/${PROJECT}/environments/production/deploy`;
    const refused = await t.api<Failure>("POST", path, {}, deployerToken);
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain(
      "frozen: Audit (until 2026-12-02 00:00 UTC). An admin may force it through",
    );
    const notAdmin = await t.api<Failure>(
      "POST",
      path,
      { force: { reason: "hotfix" } },
      deployerToken,
    );
    expect(notAdmin.status).toBe(403);
    const forced = await t.api<{ id: number; buildId: number }>("POST", path, {
      force: { reason: "the audit needs this fix" },
    });
    expect(forced.status).toBe(202);
    await t.server.services.deployments.waitFor(forced.body.id);
    const audit = (
      await t.api<
        { action: string; actor: string; details: { reason: string; holds: string[] } }[]
      >("GET", `/audit?project=${PROJECT}&action=deploy.forced`)
    ).body;
    expect(audit).toHaveLength(1);
    expect(audit[0]?.actor).toBe("admin");
    expect(audit[0]?.details.reason).toBe("the audit needs this fix");
    expect(audit[0]?.details.holds[0]).toMatch(/^frozen: Audit/);
  });

  it("shows the freeze in the calendar", async () => {
    const calendar = (
      await t.api<{
        environments: {
          environment: string;
          deploy: string;
          freezes: { name: string; from: number; to: number }[];
        }[];
      }>("GET", `/calendar?days=7&project=${PROJECT}`)
    ).body;
    const production = calendar.environments.find((e) => e.environment === "production");
    expect(production?.deploy).toBe("manual");
    expect(production?.freezes).toEqual([
      {
        name: "Audit",
        from: Date.parse("2026-11-30T00:00:00Z"),
        to: Date.parse("2026-12-02T00:00:00Z"),
      },
    ]);
    expect((await t.api("GET", "/calendar?days=365")).status).toBe(400);
  });

  it("blocks an environment after an automatic rollback until someone lifts it", async () => {
    const build = await push({ broken: "yes" }, "break the health check");
    expect((await deployed("internal", build)).type).toBe("deployment.rolled-back");
    const placed = await t.waitForEvent(
      (e) => e.type === "block.placed" && e.data.environment === "internal",
    );
    const internal = await environment("internal");
    expect(internal.control.blocks.map((b) => [b.kind, b.createdBy])).toEqual([
      ["rollback", "weeknight"],
    ]);
    const lifted = await t.api(
      "POST",
      `/blocks/${placed.data.blockId}/lift`,
      { reason: "fix is in" },
      deployerToken,
    );
    expect(lifted.status).toBe(200);
    expect((await environment("internal")).control.blocks).toEqual([]);
  });

  it("marks a build as fixing an incident, once, and only within its project", async () => {
    const incident = await t.api<{ id: number }>("POST", "/incidents", {
      project: PROJECT,
      environment: "production",
      title: "errors after the audit fix",
      severity: "sev1",
    });
    const [latest] = (await t.api<{ id: number }[]>("GET", `/builds?project=${PROJECT}`)).body;
    const path = `/incidents/${incident.body.id}/fixes`;
    expect((await t.api("POST", path, { build: latest?.id })).status).toBe(201);
    const again = await t.api<Failure>("POST", path, { build: latest?.id });
    expect(again.status).toBe(409);
    expect((await t.api("POST", path, { build: 99_999 })).status).toBe(404);
    expect((await t.api("POST", path, { build: latest?.id }, deployerToken)).status).toBe(409);
  });
});
