import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  insertTestProject,
  openTestDatabase,
  type TestDatabase,
  testDialects,
} from "../test-support/test-databases.js";
import { createBuildSqlStore } from "./build-sql-store.js";
import type { BuildStore } from "./build-store.js";

describe.each(testDialects)("build store on %s", (dialect) => {
  let database: TestDatabase;
  let store: BuildStore;
  let projectId: number;

  beforeAll(async () => {
    database = await openTestDatabase(dialect);
    store = createBuildSqlStore(database.db);
    projectId = await insertTestProject(database.db, "app");
  });
  afterAll(async () => {
    await database?.close();
  });

  const queue = (sha: string) =>
    store.create({
      projectId,
      sha,
      branch: "main",
      trigger: "test",
      commitShas: [sha],
      queuedAt: 10,
    });

  it("lets exactly one runner claim a queued build, oldest first", async () => {
    const first = await queue("a1");
    await queue("a2");
    expect((await store.oldestQueued())?.id).toBe(first.id);
    const claims = await Promise.all([store.claim(first.id, 20), store.claim(first.id, 21)]);
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect((await store.get(first.id))?.status).toBe("running");
  });

  it("finds the previous finished and last passed builds for fixed/failed decisions", async () => {
    const passed = await queue("b1");
    await store.finish(passed.id, "passed", 30, null);
    const failed = await queue("b2");
    await store.finish(failed.id, "failed", 31, "exited with code 1");
    const cancelled = await queue("b3");
    await store.finish(cancelled.id, "cancelled", 32, null);
    const next = await queue("b4");
    expect((await store.previousFinished(projectId, next.id))?.id).toBe(failed.id);
    expect((await store.lastPassed(projectId, next.id))?.id).toBe(passed.id);
  });

  it("re-queues builds left running and forgets their stages", async () => {
    const build = await queue("c1");
    await store.claim(build.id, 40);
    await store.setStages(build.id, ["unit", "integration"]);
    await store.updateStage(build.id, 0, { status: "running", startedAt: 41 });
    expect(await store.requeueRunning()).toContain(build.id);
    expect((await store.get(build.id))?.status).toBe("queued");
    expect(await store.stages(build.id)).toEqual([]);
  });

  it("keeps stages in order, one artifact, and commits without duplicates", async () => {
    const build = await queue("d1");
    await store.setStages(build.id, ["unit", "integration"]);
    await store.updateStage(build.id, 1, { status: "skipped" });
    expect((await store.stages(build.id)).map((s) => [s.name, s.status])).toEqual([
      ["unit", "pending"],
      ["integration", "skipped"],
    ]);
    await store.saveArtifact(build.id, { sha256: "f".repeat(64), size: 12, createdAt: 50 });
    expect(await store.artifact(build.id)).toEqual({
      sha256: "f".repeat(64),
      size: 12,
      createdAt: 50,
    });
    const commit = {
      sha: "d1",
      authorName: "Ada",
      authorEmail: "ada@example.com",
      message: "m\n\nbody",
      committedAt: 5,
    };
    await store.saveCommits(projectId, [commit]);
    await store.saveCommits(projectId, [commit]);
    expect(await store.commits(projectId, ["d1", "missing"])).toEqual([commit]);
  });

  it("loads the stages, artifacts and commits of many builds at once, each with its own", async () => {
    const a = await queue("e1");
    const b = await queue("e2");
    await store.setStages(a.id, ["unit"]);
    await store.setStages(b.id, ["unit", "lint"]);
    await store.saveArtifact(b.id, { sha256: "e".repeat(64), size: 3, createdAt: 60 });
    await store.saveCommits(projectId, [
      { sha: "e1", authorName: "A", authorEmail: "a@x", message: "one", committedAt: 1 },
      { sha: "e2", authorName: "B", authorEmail: "b@x", message: "two", committedAt: 2 },
    ]);
    const details = await store.details([a, b]);
    expect(details.get(a.id)?.stages.map((s) => s.name)).toEqual(["unit"]);
    expect(details.get(b.id)?.stages.map((s) => s.name)).toEqual(["unit", "lint"]);
    expect(details.get(a.id)?.artifact).toBeNull();
    expect(details.get(b.id)?.artifact?.size).toBe(3);
    expect(details.get(a.id)?.commits.map((c) => c.message)).toEqual(["one"]);
    expect(details.get(b.id)?.commits.map((c) => c.authorName)).toEqual(["B"]);
    expect(await store.details([])).toEqual(new Map());
  });
});
