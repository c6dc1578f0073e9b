import { existsSync } from "node:fs";
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InvalidInputError, NotFoundError } from "../errors/domain-errors.js";
import { execFileText } from "../process/exec-file.js";
import { authorEnv } from "./git-commands.js";
import { createGitMirror } from "./git-mirror.js";

// Tests must not depend on the machine's git config.
const env = authorEnv(process.env, { name: "Ada Lovelace", email: "ada@example.com" });

async function git(cwd: string, ...args: string[]): Promise<string> {
  return (await execFileText("git", args, { cwd, env })).stdout.trim();
}

let root: string;
let upstream: string;
let counter = 0;
const shas: string[] = [];

async function commit(message: string, files: Record<string, string>, seconds: number) {
  for (const [name, text] of Object.entries(files)) {
    await mkdir(dirname(join(upstream, name)), { recursive: true });
    await writeFile(join(upstream, name), text);
  }
  await git(upstream, "add", "-A");
  await execFileText("git", ["commit", "-q", "--allow-empty", "-m", message], {
    cwd: upstream,
    env: { ...env, GIT_COMMITTER_DATE: `${seconds} +0000`, GIT_AUTHOR_DATE: `${seconds} +0000` },
  });
  return git(upstream, "rev-parse", "HEAD");
}

function newMirror(extraEnv: NodeJS.ProcessEnv = {}, repoUrl = upstream) {
  counter += 1;
  const mirrorDir = join(root, `mirror-${counter}.git`);
  return {
    mirrorDir,
    mirror: createGitMirror({ repoUrl, mirrorDir, env: { ...env, ...extraEnv } }),
  };
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "weeknight-mirror-"));
  upstream = join(root, "upstream");
  await execFileText("git", ["-c", "init.defaultBranch=main", "init", "-q", upstream], { env });
  shas.push(await commit("first", { "weeknight.yml": "stages: []\n" }, 1_700_000_000));
  shas.push(
    await commit('second\n\nwith a body\n\ttabbed, "quoted", ünïcödé 🚀', {}, 1_700_000_100),
  );
  shas.push(
    await commit("third", { "app.txt": "v3\n", "docs/guide.md": "# Guide\n" }, 1_700_000_200),
  );
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("GitMirror", () => {
  it("clones on first sync and returns the branch head, or null for a missing branch", async () => {
    const { mirror, mirrorDir } = newMirror();
    expect(await mirror.sync("main")).toBe(shas[2]);
    expect(existsSync(join(mirrorDir, "HEAD"))).toBe(true);
    expect(await mirror.sync("no-such-branch")).toBeNull();
  });

  it("picks up new commits and deleted branches on the next sync", async () => {
    const { mirror } = newMirror();
    await git(upstream, "branch", "topic");
    expect(await mirror.sync("topic")).toBe(shas[2]);
    await git(upstream, "branch", "-D", "topic");
    expect(await mirror.sync("topic")).toBeNull();
  });

  it("lists commits newest first with full messages and times in ms", async () => {
    const { mirror } = newMirror();
    const head = (await mirror.sync("main")) ?? "";
    const all = await mirror.commitsBetween(null, head);
    expect(all.map((c) => c.sha)).toEqual([shas[2], shas[1], shas[0]]);
    expect(all[1]).toEqual({
      sha: shas[1],
      authorName: "Ada Lovelace",
      authorEmail: "ada@example.com",
      message: 'second\n\nwith a body\n\ttabbed, "quoted", ünïcödé 🚀',
      committedAt: 1_700_000_100_000,
    });
    const since = await mirror.commitsBetween(shas[0] ?? "", head);
    expect(since.map((c) => c.sha)).toEqual([shas[2], shas[1]]);
    expect(await mirror.commitsBetween(null, head, 1)).toHaveLength(1);
    await expect(mirror.commitsBetween(null, "main")).rejects.toThrow(InvalidInputError);
  });

  it("reads files at a commit, null when absent or a directory", async () => {
    const { mirror } = newMirror();
    await mirror.sync("main");
    const [first = "", , third = ""] = shas;
    expect(await mirror.readFile(first, "weeknight.yml")).toBe("stages: []\n");
    expect(await mirror.readFile(first, "app.txt")).toBeNull();
    expect(await mirror.readFile(third, "app.txt")).toBe("v3\n");
    expect(await mirror.readFile(third, "docs/guide.md")).toBe("# Guide\n");
    expect(await mirror.readFile(third, "docs")).toBeNull();
    await expect(mirror.readFile("f".repeat(40), "app.txt")).rejects.toThrow(NotFoundError);
  });

  it("checks out a clean, detached workspace with a working .git", async () => {
    const { mirror } = newMirror();
    await mirror.sync("main");
    const dir = join(root, `ws-${counter}`);
    await mirror.checkout(shas[1] ?? "", dir);
    expect(await git(dir, "rev-parse", "HEAD")).toBe(shas[1]);
    expect(await git(dir, "symbolic-ref", "-q", "HEAD").catch(() => "detached")).toBe("detached");
    expect(await git(dir, "status", "--porcelain")).toBe("");
    expect(await readFile(join(dir, "weeknight.yml"), "utf8")).toBe("stages: []\n");
    expect(existsSync(join(dir, "app.txt"))).toBe(false);
    await expect(mirror.checkout(shas[2] ?? "", dir)).rejects.toThrow(/Could not check out/);
  });

  it("answers ancestry questions", async () => {
    const { mirror } = newMirror();
    await mirror.sync("main");
    const [first = "", , third = ""] = shas;
    expect(await mirror.isAncestor(first, third)).toBe(true);
    expect(await mirror.isAncestor(third, first)).toBe(false);
  });

  it("names the URL and git's reason when the repository cannot be fetched", async () => {
    const missing = join(root, "does-not-exist.git");
    const { mirror, mirrorDir } = newMirror({}, missing);
    const error = await mirror.sync("main").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as Error).message).toContain(`Could not fetch repository ${missing}: fatal: `);
    expect((error as Error).message).toContain("does not appear to be a git repository");
    expect(existsSync(mirrorDir)).toBe(false);
  });

  it("keeps a token in the repository URL out of error messages", async () => {
    const { mirror } = newMirror({}, "http://deploy:tok3n@127.0.0.1:1/app.git");
    const error = await mirror.sync("main").catch((e: unknown) => e);
    expect((error as Error).message).toContain(
      "Could not fetch repository http://deploy:***@127.0.0.1:1/app.git: ",
    );
    expect(
      JSON.stringify([(error as Error).message, (error as NotFoundError).details]),
    ).not.toContain("tok3n");
  });

  it("never runs two fetches of one mirror at once and coalesces waiting callers", async () => {
    // A `git` wrapper first on PATH logs when each fetch starts and ends.
    const bin = join(root, "bin");
    const log = join(root, "fetch.log");
    const realGit = (await execFileText("sh", ["-c", "command -v git"])).stdout.trim();
    await mkdir(bin);
    await writeFile(
      join(bin, "git"),
      `#!/bin/sh\ncase " $* " in *" fetch "*) echo start >>'${log}'; sleep 0.2; '${realGit}' "$@"; rc=$?; echo end >>'${log}'; exit $rc;; esac\nexec '${realGit}' "$@"\n`,
    );
    await chmod(join(bin, "git"), 0o755);
    const { mirror } = newMirror({ PATH: `${bin}:${process.env.PATH ?? ""}` });
    const heads = await Promise.all([1, 2, 3, 4, 5].map(() => mirror.sync("main")));
    expect(heads).toEqual(Array(5).fill(shas[2]));
    expect((await readFile(log, "utf8")).trim().split("\n")).toEqual([
      "start",
      "end",
      "start",
      "end",
    ]);
  });
});
