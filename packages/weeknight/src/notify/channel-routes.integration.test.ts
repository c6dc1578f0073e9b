import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAuditLog } from "../audit/audit-log.js";
import { systemClock } from "../clock.js";
import { testDialects } from "../test-support/test-databases.js";
import { createTestRepo, weeknightYml } from "../test-support/test-repo.js";
import { startTestServer, type TestServer } from "../test-support/test-server.js";
import { type HttpReceiver, startHttpReceiver } from "./test-support/http-receiver.js";

type Channel = { index: number; type: string; target: string; events: string[] };
type Delivery = {
  id: number;
  event: string;
  channel: string;
  target: string;
  status: string;
  attempts: number;
  lastError: string | null;
};
type Failure = { error: { message: string } };

describe.each(testDialects)("notify channels on the settings page, on %s", (dialect) => {
  let t: TestServer;
  let ok: HttpReceiver;
  let down: HttpReceiver;
  let viewerToken: string;
  const name = `chan-${dialect}`;

  beforeAll(async () => {
    t = await startTestServer(dialect);
    ok = await startHttpReceiver(() => ({ status: 204 }));
    down = await startHttpReceiver(() => ({ status: 503, body: "maintenance" }));
    const viewer = await t.api<{ password: string }>("POST", "/users", {
      username: `vi-${dialect}`,
      role: "viewer",
    });
    const login = await t.api<{ token: string }>(
      "POST",
      "/auth/login",
      { username: `vi-${dialect}`, password: viewer.body.password },
      "",
    );
    viewerToken = login.body.token;
  });
  afterAll(async () => {
    await t?.close();
    await ok?.close();
    await down?.close();
  });

  it("says there is no config until a build passed", async () => {
    const repo = await createTestRepo({
      files: { "weeknight.yml": weeknightYml({ no: "false" }) },
    });
    await t.api("POST", "/projects", { name: `red-${dialect}`, repoUrl: repo.dir, poll: "1h" });
    await t.waitForEvent((e) => e.type === "build.failed" && e.data.project === `red-${dialect}`);
    const listed = await t.api<Failure>("GET", `/projects/red-${dialect}/notify/channels`);
    expect(listed.status).toBe(409);
    expect(listed.body.error.message).toContain("no passed build");
    const tested = await t.api<Failure>("POST", `/projects/red-${dialect}/notify/channels/0/test`);
    expect(tested.status).toBe(409);
    repo.remove();
  });

  it("lists the channels redacted and sends a test through one, recorded and audited", async () => {
    const notify = [
      "notify:",
      "  - type: webhook",
      `    url: ${ok.url}/in?token=s3cret`,
      "    events: [build.failed]",
      "  - type: slack",
      `    url: ${down.url}/services/T1/B2/tok3n`,
      "",
    ].join("\n");
    const repo = await createTestRepo({
      files: { "weeknight.yml": weeknightYml({ ok: "true" }, notify) },
    });
    await t.api("POST", "/projects", { name, repoUrl: repo.dir, poll: "1h" });
    await t.waitForEvent((e) => e.type === "build.passed" && e.data.project === name);

    const listed = await t.api<Channel[]>("GET", `/projects/${name}/notify/channels`);
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual([
      { index: 0, type: "webhook", target: `${ok.url}/in`, events: ["build.failed"] },
      {
        index: 1,
        type: "slack",
        target: `${down.url}/services/T1/B2/***`,
        events: expect.arrayContaining(["build.failed", "deploy.succeeded"]),
      },
    ]);
    expect(JSON.stringify(listed.body)).not.toMatch(/s3cret|tok3n/);

    const sent = await t.api<Delivery>("POST", `/projects/${name}/notify/channels/0/test`);
    expect(sent.status).toBe(200);
    expect(sent.body).toMatchObject({
      event: "notify.test",
      channel: "webhook",
      status: "delivered",
      attempts: 1,
    });
    const received = JSON.parse(ok.requests.at(-1)?.body ?? "{}") as { event: string };
    expect(received.event).toBe("notify.test");

    // A failing channel answers after one attempt, with the reason.
    const failed = await t.api<Delivery>("POST", `/projects/${name}/notify/channels/1/test`);
    expect(failed.body).toMatchObject({ channel: "slack", status: "failed", attempts: 1 });
    expect(failed.body.lastError).toContain("503");
    expect(down.requests.at(-1)?.body).toContain("Test from Weeknight, sent by admin");

    const log = await t.api<Delivery[]>("GET", `/deliveries?project=${name}`);
    expect(log.body.map((d) => d.id)).toEqual([failed.body.id, sent.body.id]);

    const audit = await createAuditLog({ db: t.server.database.db, clock: systemClock }).list({
      limit: 10,
    });
    expect(audit.filter((a) => a.action === "notify.test").map((a) => a.target)).toEqual([
      `project:${name}/notify:1`,
      `project:${name}/notify:0`,
    ]);
    repo.remove();
  });

  it("refuses unknown channels and projects, bad indexes and viewers", async () => {
    const unknown = await t.api<Failure>("POST", `/projects/${name}/notify/channels/7/test`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toContain("no notify channel 7");
    expect((await t.api("POST", `/projects/${name}/notify/channels/x/test`)).status).toBe(400);
    expect((await t.api("GET", "/projects/nope/notify/channels")).status).toBe(404);
    const asViewer = await t.api<Failure>(
      "GET",
      `/projects/${name}/notify/channels`,
      undefined,
      viewerToken,
    );
    expect(asViewer.status).toBe(403);
    const testAsViewer = await t.api(
      "POST",
      `/projects/${name}/notify/channels/0/test`,
      undefined,
      viewerToken,
    );
    expect(testAsViewer.status).toBe(403);
  });
});
