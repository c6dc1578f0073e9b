import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../test-support/test-databases.js";
import { createTestRepo, weeknightYml } from "../test-support/test-repo.js";
import { startTestServer, type TestServer } from "../test-support/test-server.js";

type Build = { id: number; status: string; transition: "broke" | "fixed" | null };

describe.each(testDialects)("which build broke or fixed a project, on %s", (dialect) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(dialect);
  });
  afterAll(async () => {
    await t?.close();
  });

  it("marks transitions on list pages (also across pages and filters) and on one build", async () => {
    const name = `flip-${dialect}`;
    const repo = await createTestRepo({
      files: {
        "weeknight.yml": weeknightYml({ test: "grep -q pass status.txt" }),
        "status.txt": "pass",
      },
    });
    await t.api("POST", "/projects", { name, repoUrl: repo.dir, poll: "100ms" });
    const finished = (sha: string) =>
      t.waitForEvent(
        (e) => (e.type === "build.passed" || e.type === "build.failed") && e.data.sha === sha,
      );
    await finished((await repo.git(["rev-parse", "HEAD"])).stdout.trim());
    for (const status of ["fail", "fail", "pass", "pass"]) {
      await finished(await repo.commit({ "status.txt": status }, `make it ${status}`));
    }

    const page = await t.api<Build[]>("GET", `/builds?project=${name}`);
    expect(page.body.map((b) => [b.status, b.transition])).toEqual([
      ["passed", null],
      ["passed", "fixed"],
      ["failed", null],
      ["failed", "broke"],
      ["passed", null],
    ]);
    const [newest, fixed, , broke] = page.body;

    // The page's oldest build is compared with the build before the page.
    const second = await t.api<Build[]>(
      "GET",
      `/builds?project=${name}&before=${fixed?.id}&limit=2`,
    );
    expect(second.body.map((b) => b.transition)).toEqual([null, "broke"]);
    const onlyFailed = await t.api<Build[]>("GET", `/builds?project=${name}&status=failed`);
    expect(onlyFailed.body.map((b) => b.transition)).toEqual([null, "broke"]);

    expect((await t.api<Build>("GET", `/builds/${fixed?.id}`)).body.transition).toBe("fixed");
    expect((await t.api<Build>("GET", `/builds/${broke?.id}`)).body.transition).toBe("broke");
    expect((await t.api<Build>("GET", `/builds/${newest?.id}`)).body.transition).toBeNull();
    repo.remove();
  });
});
