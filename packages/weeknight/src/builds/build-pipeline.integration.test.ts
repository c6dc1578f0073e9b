import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHttpReceiver } from "../notify/test-support/http-receiver.js";
import { signGeneric } from "../sources/webhook-verify.js";
import { testDialects } from "../test-support/test-databases.js";
import { createTestRepo, weeknightYml } from "../test-support/test-repo.js";
import { startTestServer, type TestServer } from "../test-support/test-server.js";

type Build = {
  id: number;
  status: string;
  error: string | null;
  stages: { name: string; status: string; message: string | null }[];
  artifact: { sha256: string; size: number } | null;
};
type LogLine = { n: number; stage: string; stream: string; text: string };

describe.each(testDialects)("build pipeline on %s", (dialect) => {
  let t: TestServer;
  let projectCount = 0;

  beforeAll(async () => {
    t = await startTestServer(dialect);
  });
  afterAll(async () => {
    await t?.close();
  });

  /** A project over a fresh repo whose only commit holds `files`; polling off. */
  async function project(files: Record<string, string>) {
    const repo = await createTestRepo({ files });
    const name = `p${++projectCount}`;
    const added = await t.api<{ webhookSecret: string }>("POST", "/projects", {
      name,
      repoUrl: repo.dir,
      poll: 0,
    });
    expect(added.status).toBe(201);
    return { name, repo, secret: added.body.webhookSecret };
  }

  async function pushHook(name: string, secret: string) {
    const body = JSON.stringify({ ref: "refs/heads/main" });
    const response = await fetch(`${t.url}/api/v1/webhooks/${name}/generic`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-weeknight-signature-256": signGeneric(secret, body),
      },
      body,
    });
    return { status: response.status, body: (await response.json()) as { build: number | null } };
  }

  async function finished(id: number): Promise<Build> {
    await t.waitForEvent(
      (e) =>
        e.data.buildId === id &&
        ["build.passed", "build.failed", "build.cancelled"].includes(e.type),
    );
    return (await t.api<Build>("GET", `/builds/${id}`)).body;
  }

  async function log(id: number): Promise<LogLine[]> {
    return (await t.api<LogLine[]>("GET", `/builds/${id}/log`)).body;
  }

  async function trigger(name: string): Promise<number> {
    const created = await t.api<Build>("POST", `/projects/${name}/builds`, {});
    expect(created.status).toBe(201);
    return created.body.id;
  }

  it("builds a pushed commit, keeps its log, and stores one content-addressed artifact", async () => {
    const { name, repo, secret } = await project({
      "weeknight.yml": weeknightYml(
        {
          compile: "mkdir -p dist && echo built > dist/app.txt",
          test: "echo testing $WEEKNIGHT_PROJECT",
        },
        "  artifact:\n    paths: [dist]\n",
      ),
    });
    const hook = await pushHook(name, secret);
    expect(hook.status).toBe(200);
    const build = await finished(hook.body.build ?? -1);
    expect(build.status).toBe("passed");
    expect(build.stages.map((s) => [s.name, s.status])).toEqual([
      ["compile", "passed"],
      ["test", "passed"],
    ]);
    expect((await log(build.id)).map((l) => l.text)).toContain(`testing ${name}`);

    const download = await fetch(`${t.url}/api/v1/builds/${build.id}/artifact`, {
      headers: { authorization: `Bearer ${t.token}` },
    });
    const bytes = Buffer.from(await download.arrayBuffer());
    expect(createHash("sha256").update(bytes).digest("hex")).toBe(build.artifact?.sha256);
    expect(download.headers.get("x-weeknight-sha256")).toBe(build.artifact?.sha256);

    // Same files, same bytes: a rebuild of the same commit yields the same artifact.
    const again = await finished(await trigger(name));
    expect(again.artifact?.sha256).toBe(build.artifact?.sha256);
    repo.remove();
  });

  it("refuses a forged webhook with 401 and records nothing", async () => {
    const { name } = await project({ "weeknight.yml": weeknightYml({ ok: "true" }) });
    const body = JSON.stringify({ ref: "refs/heads/main" });
    const response = await fetch(`${t.url}/api/v1/webhooks/${name}/generic`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-weeknight-signature-256": signGeneric("wrong-secret", body),
      },
      body,
    });
    expect(response.status).toBe(401);
    const github = await fetch(`${t.url}/api/v1/webhooks/${name}/github`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-github-event": "push" },
      body,
    });
    expect(github.status).toBe(401);
    expect((await t.api<Build[]>("GET", `/builds?project=${name}`)).body).toEqual([]);
  });

  it("tells the authors since the last green build and the channel when it breaks, and again when fixed", async () => {
    const receiver = await startHttpReceiver(() => ({ status: 204 }));
    const { name, repo } = await project({
      "weeknight.yml": weeknightYml(
        { unit: "test -f ok || { echo 'expected ok to exist' >&2; exit 3; }" },
        "notify:\n  - type: webhook\n    url: ${HOOK_URL}\n",
      ),
      ok: "",
    });
    await t.api("PUT", `/projects/${name}/secrets/HOOK_URL`, { value: receiver.url });
    expect((await finished(await trigger(name))).status).toBe("passed");

    await repo.git(["rm", "--quiet", "ok"]);
    await repo.commit({}, "remove ok", { name: "Bob", email: "bob@example.com" });
    await repo.commit({ "README.md": "hi" }, "docs", { name: "Cy", email: "cy@example.com" });
    const broken = await finished(await trigger(name));
    expect(broken.status).toBe("failed");
    expect(broken.stages[0]).toMatchObject({ status: "failed", message: "exited with code 3" });

    await repo.commit({ ok: "" }, "restore ok", { name: "Dee", email: "dee@example.com" });
    const fixed = await finished(await trigger(name));
    expect(fixed.status).toBe("passed");
    await t.server.services.notify.drain();

    const events = receiver.requests.map(
      (r) =>
        JSON.parse(r.body) as {
          event: string;
          authors: { name: string }[];
          failedStage?: { name: string; logTail: string[] };
        },
    );
    expect(events.map((e) => e.event)).toEqual(["build.failed", "build.fixed"]);
    expect(events[0]?.authors.map((a) => a.name).sort()).toEqual(["Bob", "Cy"]);
    expect(events[0]?.failedStage?.name).toBe("unit");
    expect(events[0]?.failedStage?.logTail).toContain("expected ok to exist");
    expect(events[1]?.authors.map((a) => a.name).sort()).toEqual(["Bob", "Cy", "Dee"]);
    const deliveries = await t.api<{ status: string }[]>("GET", `/deliveries?project=${name}`);
    expect(deliveries.body.map((d) => d.status)).toEqual(["delivered", "delivered"]);

    // A commit that breaks weeknight.yml itself still reaches the channels of the last green build.
    await repo.commit({ "weeknight.yml": "project: t\nbuild: {}\n" }, "oops", {
      name: "Eve",
      email: "eve@example.com",
    });
    const unreadable = await finished(await trigger(name));
    expect(unreadable.status).toBe("failed");
    await t.server.services.notify.drain();
    const last = JSON.parse(receiver.requests.at(-1)?.body ?? "{}") as {
      event: string;
      authors: { name: string }[];
    };
    expect(last.event).toBe("build.failed");
    expect(last.authors.map((a) => a.name)).toEqual(["Eve"]);
    await receiver.close();
  });

  it("fails a stage that runs past its timeout and kills it", async () => {
    const { name } = await project({
      "weeknight.yml":
        "project: t\nbuild:\n  stages:\n    - name: hang\n      run: sleep 30\n      timeout: 300ms\n    - name: after\n      run: 'true'\n",
    });
    const build = await finished(await trigger(name));
    expect(build.status).toBe("failed");
    expect(build.stages.map((s) => s.status)).toEqual(["timed-out", "skipped"]);
  });

  it("cancels a running build, killing its whole process tree", async () => {
    const { name } = await project({
      "weeknight.yml": weeknightYml({ long: "sleep 60 & echo child $! ; wait" }),
    });
    const id = await trigger(name);
    await t.waitForEvent(
      (e) =>
        e.type === "build.log" &&
        e.data.buildId === id &&
        JSON.stringify(e.data.lines).includes("child "),
    );
    const pid = Number(/child (\d+)/.exec((await log(id)).map((l) => l.text).join("\n"))?.[1]);
    expect((await t.api("POST", `/builds/${id}/cancel`)).status).toBe(200);
    const build = await finished(id);
    expect(build.status).toBe("cancelled");
    expect(isRunning(pid)).toBe(false);
    expect((await t.api("POST", `/builds/${id}/cancel`)).status).toBe(409);
  });

  it("fails with a clear message for a missing command, a broken weeknight.yml and a missing secret", async () => {
    const missing = await project({
      "weeknight.yml": weeknightYml({ go: "no-such-tool --version" }),
    });
    const b1 = await finished(await trigger(missing.name));
    expect(b1.stages[0]?.message).toContain("command not found: no-such-tool");

    const broken = await project({
      "weeknight.yml": "project: t\nbuild:\n  stage:\n    - run: 5\n",
    });
    const b2 = await finished(await trigger(broken.name));
    expect(b2.status).toBe("failed");
    expect((await log(b2.id)).map((l) => l.text).join("\n")).toMatch(
      /weeknight\.yml:3:3: build\.stage: unknown key "stage" — did you mean "stages"\?/,
    );

    const secret = await project({ "weeknight.yml": weeknightYml({ deploy: "echo ${API_KEY}" }) });
    const b3 = await finished(await trigger(secret.name));
    expect(b3.error).toContain(`weeknight secret set API_KEY --project ${secret.name}`);
  });

  it("masks secrets, survives bytes that are not UTF-8, and cuts oversized lines", async () => {
    const { name } = await project({
      "weeknight.yml": weeknightYml({
        print:
          "echo token=${TOKEN}; printf 'bad \\377\\376 bytes\\n'; head -c 200000 /dev/zero | tr '\\0' x; echo",
      }),
    });
    await t.api("PUT", `/projects/${name}/secrets/TOKEN`, { value: "s3cr3t-value" });
    const build = await finished(await trigger(name));
    expect(build.status).toBe("passed");
    const text = (await log(build.id)).map((l) => l.text);
    expect(text).toContain("token=***");
    expect(text.join("\n")).not.toContain("s3cr3t-value");
    expect(text).toContain("bad \uFFFD\uFFFD bytes");
    const long = text.find((l) => l.startsWith("xxxx"));
    expect(long?.length).toBeLessThan(70_000);
    expect(long).toMatch(/line truncated/);
  });

  it("builds on request without a body, and wants a full sha", async () => {
    const { name } = await project({ "weeknight.yml": weeknightYml({ ok: "true" }) });
    const response = await fetch(`${t.url}/api/v1/projects/${name}/builds`, {
      method: "POST",
      headers: { authorization: `Bearer ${t.token}` },
    });
    expect(response.status).toBe(201);
    const short = await t.api<{ error: { message: string } }>("POST", `/projects/${name}/builds`, {
      sha: "abc1234",
    });
    expect(short.status).toBe(400);
    expect(short.body.error.message).toContain("full 40-character sha");
  });

  it("enforces roles: nobody unauthenticated, viewers read but cannot build", async () => {
    const { name } = await project({ "weeknight.yml": weeknightYml({ ok: "true" }) });
    expect((await t.api("POST", `/projects/${name}/builds`, {}, "")).status).toBe(401);
    expect((await t.api("GET", "/builds", undefined, "")).status).toBe(401);
    const viewer = await t.api<{ password: string }>("POST", "/users", {
      username: `viewer-${dialect}`,
      role: "viewer",
    });
    const login = await t.api<{ token: string }>(
      "POST",
      "/auth/login",
      { username: `viewer-${dialect}`, password: viewer.body.password },
      "",
    );
    expect((await t.api("GET", "/builds", undefined, login.body.token)).status).toBe(200);
    const refused = await t.api<{ error: { message: string } }>(
      "POST",
      `/projects/${name}/builds`,
      {},
      login.body.token,
    );
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toContain("needs the deployer role");
  });

  it("finds new commits by polling", async () => {
    const repo = await createTestRepo({ files: { "weeknight.yml": weeknightYml({ ok: "true" }) } });
    const name = `poll-${dialect}`;
    await t.api("POST", "/projects", { name, repoUrl: repo.dir, poll: "200ms" });
    const first = await t.waitForEvent((e) => e.type === "build.passed" && e.data.project === name);
    const sha = await repo.commit({ "a.txt": "a" }, "second");
    const second = await t.waitForEvent(
      (e) => e.type === "build.passed" && e.data.project === name && e.data.sha === sha,
    );
    expect(second.data.buildId).not.toBe(first.data.buildId);
  });

  it("streams a build's log live over Server-Sent Events until it ends", async () => {
    const { name } = await project({
      "weeknight.yml": weeknightYml({ talk: "for i in 1 2 3; do echo line $i; sleep 0.1; done" }),
    });
    const id = await trigger(name);
    const response = await fetch(`${t.url}/api/v1/builds/${id}/log?follow=true`, {
      headers: { authorization: `Bearer ${t.token}` },
    });
    expect(response.headers.get("content-type")).toContain("text/event-stream");
    const text = await response.text();
    expect(text).toContain("line 3");
    expect(text).toMatch(/event: end\ndata: \{"id":\d+.*"status":"passed"/);
  });
});

/** Zombies count as gone: in containers whose PID 1 never reaps, killed orphans stay zombies. */
function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch {
    return false;
  }
}
