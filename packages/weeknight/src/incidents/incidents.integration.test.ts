import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../test-support/test-databases.js";
import type { FiringAlert } from "./incident-plan.js";
import type { IncidentDetail, IncidentSummary } from "./incident-view.js";
import { type IncidentTestApp, startIncidentTestApp } from "./test-support/incident-test-app.js";

const MINUTE = 60_000;

describe.each(testDialects)("incidents on %s", (dialect) => {
  let t: IncidentTestApp;
  let projectId: number;

  beforeAll(async () => {
    t = await startIncidentTestApp(dialect);
    projectId = (await t.database.db.selectFrom("projects").select("id").executeTakeFirstOrThrow())
      .id;
  });
  afterAll(async () => {
    await t?.close();
  });

  let alertIds = 100;
  const alert = (deploymentId: number | null, monitor: string, firedAt: number): FiringAlert => ({
    id: alertIds++,
    projectId,
    environment: "production",
    monitor,
    message: `${monitor}: [STATUS] == 200 failed: got 503`,
    deploymentId,
    firedAt,
  });
  async function call<T = IncidentDetail & { error: { code: string; message: string } }>(
    method: "GET" | "POST" | "PUT" | "PATCH",
    url: string,
    payload?: object,
    who: "viewer" | "deployer" = "deployer",
  ) {
    const response = await t.app.inject({
      method,
      url: `/api/v1${url}`,
      headers: { authorization: `Bearer ${t.tokens[who]}` },
      ...(payload === undefined ? {} : { payload }),
    });
    return { status: response.statusCode, body: response.json<T>() };
  }

  it("opens one incident per deploy when alerts fire within the window after it went live", async () => {
    const liveAt = t.clock.now();
    const { deploymentId, sha } = await t.deploy(liveAt);
    t.clock.advance(10 * MINUTE);
    const opened = await t.incidents.onAlertFiring(alert(deploymentId, "home page", t.clock.now()));
    expect(opened).toMatchObject({
      title: `deploy #${deploymentId} of shop to production: home page failing`,
      severity: "sev2",
      state: "open",
      deploymentId,
      openedBy: "weeknight",
    });
    t.clock.advance(MINUTE);
    // The second alert of the same deploy (even past the window) joins the same incident.
    t.clock.advance(2 * 60 * MINUTE);
    const joined = await t.incidents.onAlertFiring(alert(deploymentId, "checkout", t.clock.now()));
    expect(joined?.id).toBe(opened?.id);

    const { status, body } = await call("GET", `/incidents/${opened?.id}`, undefined, "viewer");
    expect(status).toBe(200);
    expect(body.timeline.map((e) => e.kind)).toEqual([
      "deployment",
      "alert-fired",
      "opened",
      "alert-fired",
    ]);
    expect(body.timeline.filter((e) => e.kind === "alert-fired").map((e) => e.monitor)).toEqual([
      "home page",
      "checkout",
    ]);
    expect(body.suspect).toMatchObject({
      deploymentId,
      step: "succeeded",
      finishedAt: liveAt,
      build: { sha, branch: "main" },
      commits: [{ sha, author: "Alice", message: "Change 1" }],
    });
    const opens = t.events.filter((e) => e.type === "incident.opened");
    expect(opens.map((e) => e.data)).toEqual([
      { project: "shop", environment: "production", incidentId: opened?.id },
    ]);
    expect(t.events.some((e) => e.type === "incident.updated")).toBe(true);
    const listed = await call<IncidentSummary[]>("GET", "/incidents?project=shop&state=open");
    expect(listed.body.map((i) => i.id)).toEqual([opened?.id]);
  });

  it("opens nothing for an alert outside the window or without a suspect deploy", async () => {
    const { deploymentId } = await t.deploy(t.clock.now());
    t.clock.advance(61 * MINUTE);
    expect(
      await t.incidents.onAlertFiring(alert(deploymentId, "home page", t.clock.now())),
    ).toBeNull();
    expect(await t.incidents.onAlertFiring(alert(null, "home page", t.clock.now()))).toBeNull();
    const all = await call<IncidentSummary[]>("GET", "/incidents");
    expect(all.body.filter((i) => i.deploymentId === deploymentId)).toEqual([]);
  });

  it("takes an incident by hand from open through root cause and follow-ups to resolved", async () => {
    const opened = await call("POST", "/incidents", {
      project: "shop",
      environment: "production",
      title: "checkout slow for EU customers",
      severity: "sev1",
    });
    expect(opened.status).toBe(201);
    expect(opened.body).toMatchObject({ severity: "sev1", openedBy: "dave", suspect: null });
    const id = opened.body.id;

    const note = await call("POST", `/incidents/${id}/notes`, { text: "p99 at 4 s since 21:40" });
    expect(note.body.timeline.at(-1)).toMatchObject({ kind: "note", actor: "dave" });

    const early = await call("POST", `/incidents/${id}/resolve`, { resolution: "restarted" });
    expect(early.status).toBe(409);
    expect(early.body.error.message).toBe(
      `identify the root cause first: PUT /api/v1/incidents/${id}/root-cause (\`weeknight incident root-cause ${id} <text>\`)`,
    );

    const cause = await call("PUT", `/incidents/${id}/root-cause`, {
      rootCause: "an N+1 query in the cart",
    });
    expect(cause.body.rootCause).toBe("an N+1 query in the cart");
    const added = await call("POST", `/incidents/${id}/follow-ups`, {
      kind: "missing-test",
      text: "a test that counts the cart's queries",
      owner: "alice",
    });
    expect(added.status).toBe(201);
    const [followUp] = added.body.followUps;
    expect(followUp).toMatchObject({ kind: "missing-test", owner: "alice", done: false });
    const done = await call("PATCH", `/incidents/${id}/follow-ups/${followUp?.id}`, { done: true });
    expect(done.body.followUps[0]).toMatchObject({ done: true, doneAt: t.clock.now() });

    const resolved = await call("POST", `/incidents/${id}/resolve`, { resolution: "query fixed" });
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({ state: "resolved", resolution: "query fixed" });
    expect(resolved.body.timeline.map((e) => e.kind)).toEqual([
      "opened",
      "note",
      "root-cause",
      "follow-up-added",
      "follow-up-done",
      "resolved",
    ]);
    const again = await call("POST", `/incidents/${id}/resolve`, { resolution: "twice" });
    expect(again.status).toBe(409);
    expect(t.events.at(-1)).toMatchObject({ type: "incident.resolved", data: { incidentId: id } });
    const audited = await t.database.db
      .selectFrom("audit_log")
      .select(["actor", "action"])
      .where("target", "=", `incident:${id}`)
      .orderBy("id")
      .execute();
    expect(audited.map((a) => a.action)).toEqual([
      "incident.open",
      "incident.note",
      "incident.root-cause",
      "incident.follow-up",
      "incident.follow-up.update",
      "incident.resolve",
    ]);
  });

  it("names a suspect deploy by hand once, and adds later deploys to the timeline", async () => {
    const { deploymentId } = await t.deploy(t.clock.now(), "staging");
    const body = {
      project: "shop",
      environment: "staging",
      title: "emails not sent",
      deploymentId,
    };
    const opened = await call("POST", "/incidents", body);
    expect(opened.status).toBe(201);
    expect(opened.body.suspect?.deploymentId).toBe(deploymentId);
    const twice = await call("POST", "/incidents", body);
    expect(twice.status).toBe(409);
    expect(twice.body.error.message).toContain(`already has incident ${opened.body.id}`);
    const wrongEnv = await call("POST", "/incidents", { ...body, environment: "production" });
    expect(wrongEnv.status).toBe(400);

    await t.incidents.onAlertResolved(alert(deploymentId, "mail", t.clock.now()));
    const next = await t.deploy(t.clock.now() + 1000, "staging");
    // What the deployment service publishes when a deploy finishes.
    t.bus.publish("deployment.succeeded", {
      project: "shop",
      environment: "staging",
      deploymentId: next.deploymentId,
    });
    const deadline = Date.now() + 5000;
    let shown = await call("GET", `/incidents/${opened.body.id}`);
    while (shown.body.timeline.length < 4 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      shown = await call("GET", `/incidents/${opened.body.id}`);
    }
    expect(shown.body.timeline.map((e) => [e.kind, e.deploymentId])).toEqual([
      ["deployment", deploymentId],
      ["opened", null],
      ["alert-resolved", deploymentId],
      ["deployment", next.deploymentId],
    ]);
    expect(shown.body.timeline.at(-1)?.text).toMatch(
      new RegExp(
        `^deploy #${next.deploymentId} \\(build #\\d+, ${next.sha.slice(0, 7)}\\) succeeded$`,
      ),
    );
  });

  it("answers bad requests with clear errors", async () => {
    const unknownProject = await call("POST", "/incidents", {
      project: "nope",
      environment: "production",
      title: "x",
    });
    expect(unknownProject.status).toBe(404);
    expect(unknownProject.body.error.message).toContain('no project "nope"');
    const unknownIncident = await call("GET", "/incidents/9999");
    expect(unknownIncident.status).toBe(404);
    expect(unknownIncident.body.error.message).toContain("no incident 9999");
    const badSeverity = await call("POST", "/incidents", {
      project: "shop",
      environment: "production",
      title: "x",
      severity: "sev9",
    });
    expect(badSeverity.status).toBe(400);
    expect(badSeverity.body.error.message).toContain("body.severity");
    const [some] = (await call<IncidentSummary[]>("GET", "/incidents")).body;
    const badKind = await call("POST", `/incidents/${some?.id}/follow-ups`, {
      kind: "missing-docs",
      text: "x",
      owner: "alice",
    });
    expect(badKind.status).toBe(400);
    expect(badKind.body.error.message).toContain("body.kind");
    const emptyNote = await call("POST", `/incidents/${some?.id}/notes`, { text: "   " });
    expect(emptyNote.status).toBe(400);
    const noFollowUp = await call("PATCH", `/incidents/${some?.id}/follow-ups/9999`, {
      done: true,
    });
    expect(noFollowUp.status).toBe(404);
    const viewer = await call("POST", `/incidents/${some?.id}/notes`, { text: "hi" }, "viewer");
    expect(viewer.status).toBe(403);
    expect(viewer.body.error.message).toContain("needs the deployer role; vera is viewer");
    const badState = await call("GET", "/incidents?state=burning");
    expect(badState.status).toBe(400);
    const doc = await t.app.inject({ method: "GET", url: "/api/v1/openapi.json" });
    expect(Object.keys(doc.json().paths)).toContain("/api/v1/incidents/{id}/resolve");
  });
});
