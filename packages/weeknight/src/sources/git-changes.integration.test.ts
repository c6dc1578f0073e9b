import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InvalidInputError, NotFoundError } from "../errors/domain-errors.js";
import { createTestRepo } from "../test-support/test-repo.js";
import { authorEnv } from "./git-commands.js";
import { type ChangedFile, createGitMirror, type GitMirror } from "./git-mirror.js";

const GUIDE = Array.from({ length: 20 }, (_, i) => `line ${i}`).join("\n");
const byPath = (files: ChangedFile[]) => [...files].sort((a, b) => a.path.localeCompare(b.path));

let repo: Awaited<ReturnType<typeof createTestRepo>>;
let root: string;
let mirror: GitMirror;
let first: string;
let second: string;
let third: string;

beforeAll(async () => {
  repo = await createTestRepo();
  first = await repo.commit(
    {
      "app.txt": "one\ntwo\nthree\n",
      "db/migrations/0001.sql": "create table t (id int);\n",
      "logo.png": "\x89PNG\0\0\x01binary",
      "docs/old guide.md": `${GUIDE}\n`,
    },
    "first",
  );
  second = await repo.commit({ "app.txt": "one\nTWO\nthree\n", "package.json": "{}\n" }, "second");
  await repo.git(["mv", "docs/old guide.md", "docs/new guide.md"]);
  await repo.git(["rm", "--quiet", "logo.png"]);
  third = await repo.commit({ "src/ünïcödé.ts": "export {};\n" }, "third\n\nRisk: high");
  root = await mkdtemp(join(tmpdir(), "weeknight-changes-"));
  mirror = createGitMirror({
    repoUrl: repo.dir,
    mirrorDir: join(root, "mirror.git"),
    env: authorEnv(process.env, { name: "Ada Lovelace", email: "ada@example.com" }),
  });
  await mirror.sync("main");
});

afterAll(async () => {
  repo.remove();
  await rm(root, { recursive: true, force: true });
});

describe("GitMirror.changedFiles", () => {
  it("lists every file of the first commit when there is no previous one", async () => {
    expect(byPath(await mirror.changedFiles(null, first))).toEqual([
      { path: "app.txt", additions: 3, deletions: 0 },
      { path: "db/migrations/0001.sql", additions: 1, deletions: 0 },
      { path: "docs/old guide.md", additions: 20, deletions: 0 },
      { path: "logo.png", additions: 0, deletions: 0 },
    ]);
  });

  it("adds up a range of commits into one diff, renames by their new path", async () => {
    expect(byPath(await mirror.changedFiles(first, third))).toEqual([
      { path: "app.txt", additions: 1, deletions: 1 },
      { path: "docs/new guide.md", additions: 0, deletions: 0 },
      { path: "logo.png", additions: 0, deletions: 0 },
      { path: "package.json", additions: 1, deletions: 0 },
      { path: "src/ünïcödé.ts", additions: 1, deletions: 0 },
    ]);
    expect(await mirror.changedFiles(second, third)).toHaveLength(3);
  });

  it("finds nothing between a commit and itself, and diffs backwards too", async () => {
    expect(await mirror.changedFiles(third, third)).toEqual([]);
    expect(byPath(await mirror.changedFiles(second, first))).toEqual([
      { path: "app.txt", additions: 1, deletions: 1 },
      { path: "package.json", additions: 0, deletions: 1 },
    ]);
  });

  it("remembers a range's answer", async () => {
    const once = await mirror.changedFiles(first, second);
    expect(await mirror.changedFiles(first, second)).toBe(once);
  });

  it("refuses anything but full shas, and names commits the mirror lacks", async () => {
    await expect(mirror.changedFiles(null, "main")).rejects.toThrow(InvalidInputError);
    await expect(mirror.changedFiles("HEAD~1", third)).rejects.toThrow(InvalidInputError);
    const missing = "f".repeat(40);
    const error = await mirror.changedFiles(missing, third).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as Error).message).toContain(`Could not compare ${missing} with ${third}`);
    expect((error as Error).message).toContain("Sync the project first");
  });
});
