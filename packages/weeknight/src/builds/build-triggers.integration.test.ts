import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestRepo, weeknightYml } from "../test-support/test-repo.js";
import { startTestServer, type TestServer } from "../test-support/test-server.js";

type Build = { id: number; status: string; startedAt: number; finishedAt: number; trigger: string };

describe("webhooks from forges, and the concurrency limit", () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer("sqlite", { WEEKNIGHT_BUILD_CONCURRENCY: "1" });
  });
  afterAll(async () => {
    await t?.close();
  });

  async function project(name: string) {
    const repo = await createTestRepo({
      files: { "weeknight.yml": weeknightYml({ nap: "sleep 0.3" }) },
    });
    const { body } = await t.api<{ webhookSecret: string }>("POST", "/projects", {
      name,
      repoUrl: repo.dir,
      poll: 0,
    });
    return { repo, secret: body.webhookSecret };
  }

  const hook = (name: string, provider: string, headers: Record<string, string>, body: string) =>
    fetch(`${t.url}/api/v1/webhooks/${name}/${provider}`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body,
    }).then(async (r) => ({
      status: r.status,
      body: (await r.json()) as { ping?: boolean; ignored: string | null; build: number | null },
    }));

  it("answers GitHub's ping, ignores other branches, and builds a push to the tracked branch", async () => {
    const { secret } = await project("gh");
    const sign = (body: string) =>
      `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
    const ping = JSON.stringify({ zen: "Keep it logically awesome." });
    expect(
      (
        await hook(
          "gh",
          "github",
          { "x-github-event": "ping", "x-hub-signature-256": sign(ping) },
          ping,
        )
      ).body.ping,
    ).toBe(true);

    const other = JSON.stringify({ ref: "refs/heads/feature", after: "1".repeat(40) });
    const ignored = await hook(
      "gh",
      "github",
      { "x-github-event": "push", "x-hub-signature-256": sign(other) },
      other,
    );
    expect(ignored.body.ignored).toContain("not the tracked branch main");

    const push = JSON.stringify({ ref: "refs/heads/main" });
    const built = await hook(
      "gh",
      "github",
      { "x-github-event": "push", "x-hub-signature-256": sign(push) },
      push,
    );
    expect(built.status).toBe(200);
    expect(built.body.build).toBeGreaterThan(0);
    const again = await hook(
      "gh",
      "github",
      { "x-github-event": "push", "x-hub-signature-256": sign(push) },
      push,
    );
    expect(again.body).toMatchObject({ build: null, ignored: "no new commits" });
  });

  it("accepts GitLab's token and refuses a wrong one", async () => {
    const { repo, secret } = await project("gl");
    const push = JSON.stringify({ ref: "refs/heads/main" });
    expect(
      (
        await hook(
          "gl",
          "gitlab",
          { "x-gitlab-event": "Push Hook", "x-gitlab-token": "wrong" },
          push,
        )
      ).status,
    ).toBe(401);
    const built = await hook(
      "gl",
      "gitlab",
      { "x-gitlab-event": "Push Hook", "x-gitlab-token": secret },
      push,
    );
    expect(built.body.build).toBeGreaterThan(0);
    repo.remove();
  });

  it("runs no more builds at once than WEEKNIGHT_BUILD_CONCURRENCY", async () => {
    await project("c");
    const ids: number[] = [];
    for (let i = 0; i < 3; i++)
      ids.push((await t.api<Build>("POST", "/projects/c/builds", {})).body.id);
    for (const id of ids) {
      await t.waitForEvent((e) => e.type === "build.passed" && e.data.buildId === id);
    }
    const builds = await Promise.all(
      ids.map(async (id) => (await t.api<Build>("GET", `/builds/${id}`)).body),
    );
    for (let i = 1; i < builds.length; i++) {
      expect(builds[i]?.startedAt).toBeGreaterThanOrEqual(
        builds[i - 1]?.finishedAt ?? Number.POSITIVE_INFINITY,
      );
    }
    expect(builds[0]?.trigger).toBe("manual:admin");
  });
});
