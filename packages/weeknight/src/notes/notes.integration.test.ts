import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DomainEvent } from "../events/event-bus.js";
import { type HttpReceiver, startHttpReceiver } from "../notify/test-support/http-receiver.js";
import { testDialects } from "../test-support/test-databases.js";
import { createTestRepo, type TestRepo } from "../test-support/test-repo.js";
import { startTestServer, type TestServer } from "../test-support/test-server.js";

const P = "shop";

function yml(hook: string) {
  return [
    `project: ${P}`,
    "build:",
    "  stages:",
    "    - name: test",
    '      run: "true"',
    "notify:",
    "  - type: webhook",
    `    url: ${hook}`,
    "    events: [changelog.published, announcement.published]",
    "changelog:",
    '  title: "Shop: what\'s new"',
    "environments:",
    "  internal:",
    "    deploy: on-green",
    '    target: { type: command, deploy: "true", rollback: "true" }',
    "  production:",
    "    deploy: manual",
    "    requires: [internal]",
    '    target: { type: command, deploy: "true", rollback: "true" }',
    "",
  ].join("\n");
}

interface Notes {
  id: number;
  environment: string;
  buildId: number;
  entries: { type: string; subject: string; customer: string | null }[];
  internal: string;
  customer: string;
  publishedAt: number | null;
  withdrawnAt: number | null;
}

/** Release notes drafted before a deploy, edited, published by it, withdrawn by a rollback. */
describe.each(testDialects)("release notes and the public changelog on %s", (dialect) => {
  let t: TestServer;
  let repo: TestRepo;
  let hook: HttpReceiver;
  let first = 0;
  let second = 0;

  const finished = (environment: string, buildId: number) =>
    t.waitForEvent(
      (e: DomainEvent) =>
        ["deployment.succeeded", "deployment.rolled-back", "deployment.failed"].includes(e.type) &&
        e.data.environment === environment &&
        e.data.buildId === buildId,
    );
  async function push(message: string): Promise<number> {
    const sha = await repo.commit({ [`change-${Date.now()}-${Math.random()}.txt`]: "x" }, message);
    await t.server.services.builds.detectChanges(await t.server.services.projects.get(P), "push");
    const passed = await t.waitForEvent((e) => e.type === "build.passed" && e.data.sha === sha);
    return passed.data.buildId as number;
  }
  const page = async (path = "") => {
    const response = await fetch(`${t.url}/changelog/${P}${path}`);
    return { status: response.status, text: await response.text() };
  };

  beforeAll(async () => {
    hook = await startHttpReceiver(() => ({ status: 200 }));
    t = await startTestServer(dialect);
    repo = await createTestRepo({ files: { "weeknight.yml": yml(hook.url) } });
    await t.api("POST", "/projects", { name: P, repoUrl: repo.dir, poll: "1h" });
    first = (await t.waitForEvent((e) => e.type === "build.passed")).data.buildId as number;
    await finished("internal", first);
    await t.api("POST", `/projects/${P}/environments/production/deploy`, { build: first });
    await finished("production", first);
    await push("feat(checkout): one-page checkout");
    await push(
      "fix: totals rounded the wrong way\n\nChangelog: Order totals are exact to the cent.",
    );
    await push("chore: bump eslint");
    await push("feat: secret admin report\n\nChangelog: none");
    second = await push("fix: <script>alert(1)</script> in [names](javascript:alert(2))");
    await finished("internal", second);
  });
  afterAll(async () => {
    await t?.close();
    repo?.remove();
    await hook?.close();
  });

  it("drafts the next deploy's notes: everything for the team, only what is meant for customers", async () => {
    const next = await t.api<Notes>("GET", `/projects/${P}/environments/production/notes/next`);
    expect(next.status).toBe(200);
    expect(next.body.buildId).toBe(second);
    expect(next.body.entries.map((e) => [e.type, e.customer !== null])).toEqual([
      ["fix", true],
      ["feat", false],
      ["chore", false],
      ["fix", true],
      ["feat", true],
    ]);
    expect(next.body.internal).toContain("### Features");
    expect(next.body.internal).toContain("secret admin report");
    expect(next.body.internal).toContain("_(not for customers)_");
    expect(next.body.customer).toContain("### New\n\n- One-page checkout.");
    expect(next.body.customer).toContain("- Order totals are exact to the cent.");
    expect(next.body.customer).not.toContain("secret admin report");
    expect(next.body.customer).not.toContain("eslint");
  });

  it("keeps a person's edit, publishes it when production goes live, and tells the customers' channel", async () => {
    const next = (await t.api<Notes>("GET", `/projects/${P}/environments/production/notes/next`))
      .body;
    const customer = `${next.customer}\n\nThanks for your patience!\n`;
    const edited = await t.api<Notes>("PUT", `/notes/${next.id}`, { customer });
    expect(edited.status).toBe(200);
    // Drafting again (as the deploy does) keeps the edit.
    const again = await t.api<Notes>("GET", `/projects/${P}/environments/production/notes/next`);
    expect(again.body.customer).toBe(customer);
    expect((await page()).text).not.toContain("One-page checkout");

    const live = finished("production", second);
    await t.api("POST", `/projects/${P}/environments/production/deploy`, { build: second });
    expect((await live).type).toBe("deployment.succeeded");
    await t.waitForEvent((e) => e.type === "changelog.published");
    const published = (await t.api<Notes>("GET", `/notes/${next.id}`)).body;
    expect(published.publishedAt).toEqual(expect.any(Number));

    const html = await page();
    expect(html.status).toBe(200);
    expect(html.text).toContain("Shop: what&#39;s new");
    expect(html.text).toContain("One-page checkout.");
    expect(html.text).toContain("Thanks for your patience!");
    expect(html.text).not.toContain("secret admin report");
    expect(html.text).not.toContain("<script>alert(1)</script>");
    expect(html.text).not.toMatch(/href="javascript:/i);
    expect(html.text).toContain("[names](javascript:alert(2))");
    expect(html.text).toContain("&lt;script&gt;");
    const atom = await page("/feed.atom");
    expect(atom.text).toContain("One-page checkout.");
    expect(atom.text).not.toContain("secret admin report");
    for (let tries = 0; tries < 50 && hook.requests.length === 0; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const sent = JSON.parse(hook.requests[0]?.body ?? "{}");
    expect(sent).toMatchObject({ event: "changelog.published", project: P, build: null });
    expect(sent.changelog.markdown).toContain("Thanks for your patience!");
    expect(sent.changelog.url).toBe(`${t.url}/changelog/${P}#release-${next.id}`);
  });

  it("publishes nothing for internal deploys, and a rollback takes a release's notes off", async () => {
    const internal = await t.api<Notes[]>("GET", `/projects/${P}/notes?environment=internal`);
    expect(internal.body.every((n) => n.publishedAt === null)).toBe(true);
    const back = finished("production", first);
    const rolled = await t.api("POST", `/projects/${P}/environments/production/rollback`, {});
    expect(rolled.status).toBe(202);
    await back;
    await t.waitForEvent((e) => e.type === "changelog.withdrawn");
    expect((await page()).text).not.toContain("One-page checkout");
  });

  it("drafts an announcement of released flags and customer notes; people publish it", async () => {
    await t.api("POST", `/projects/${P}/flags`, {
      key: "one-page-checkout",
      description: "One-page checkout",
    });
    await t.api("POST", `/projects/${P}/flags/one-page-checkout/environments/internal/release`, {});
    const none = await t.api<{ id: number; gathered: { flags: unknown[] } }>(
      "POST",
      `/projects/${P}/announcements`,
    );
    // Released only on internal, which does not publish: nothing to announce yet.
    expect(none.body.gathered.flags).toEqual([]);
    await t.api(
      "POST",
      `/projects/${P}/flags/one-page-checkout/environments/production/release`,
      {},
    );
    type Announcement = {
      id: number;
      title: string;
      body: string;
      publishedAt: number | null;
      gathered: { flags: { key: string; environment: string }[]; notes: number[] };
    };
    const draft = await t.api<Announcement>("POST", `/projects/${P}/announcements`);
    expect(draft.status).toBe(201);
    expect(draft.body.gathered.flags).toMatchObject([
      { key: "one-page-checkout", environment: "production" },
    ]);
    expect(draft.body.body).toContain("## One-page checkout");
    expect(draft.body.publishedAt).toBeNull();
    // A draft is not public, and no deploy publishes it.
    expect((await page("/feed.json")).text).not.toContain("announcement-");

    const edited = await t.api<Announcement>("PUT", `/announcements/${draft.body.id}`, {
      title: "Checkout in one page",
      body: "Pay in **one** page. <img src=x onerror=alert(1)>",
    });
    expect(edited.body.title).toBe("Checkout in one page");
    const published = await t.api<Announcement>("POST", `/announcements/${draft.body.id}/publish`);
    expect(published.body.publishedAt).toEqual(expect.any(Number));
    const feed = JSON.parse((await page("/feed.json")).text);
    const item = feed.items.find((i: { id: string }) =>
      i.id.includes(`announcement-${draft.body.id}`),
    );
    expect(item.title).toBe("Checkout in one page");
    expect(item.content_html).toContain("<strong>one</strong>");
    expect(item.content_html).not.toContain("<img");
    const again = await t.api("POST", `/announcements/${draft.body.id}/publish`);
    expect(again.status).toBe(409);
    const discard = await t.api("DELETE", `/announcements/${draft.body.id}`);
    expect(discard.status).toBe(409);
    expect((await t.api("DELETE", `/announcements/${none.body.id}`)).status).toBe(204);
    const next = await t.api<Announcement>("POST", `/projects/${P}/announcements`);
    // Gathers only what came after the published one.
    expect(next.body.gathered.flags).toEqual([]);
    for (let tries = 0; tries < 50; tries++) {
      if (hook.requests.some((r) => r.body.includes("announcement.published"))) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const told = hook.requests
      .map((r) => JSON.parse(r.body))
      .find((b) => b.event === "announcement.published");
    expect(told.changelog.title).toBe("Checkout in one page");
  });

  it("refuses edits that are not markdown text, and unknown notes", async () => {
    const none = await t.api<{ error: { message: string } }>("PUT", "/notes/999999", {
      customer: "x",
    });
    expect(none.status).toBe(404);
    const empty = await t.api<{ error: { message: string } }>("PUT", "/notes/1", {});
    expect(empty.status).toBe(400);
    const unknown = await fetch(`${t.url}/changelog/no-such-project`);
    expect(unknown.status).toBe(404);
  });
});
