import { describe, expect, it } from "vitest";
import { InvalidInputError } from "../errors/domain-errors.js";
import {
  assertBranchName,
  assertLimit,
  assertSha,
  branchHeadArgs,
  changedFilesArgs,
  checkoutDetachedArgs,
  cloneWorkspaceArgs,
  diffStatArgs,
  fetchArgs,
  gitEnv,
  initMirrorArgs,
  isAncestorArgs,
  logArgs,
  objectTypesArgs,
  objectTypesInput,
  parseChangedFiles,
  parseDiffStats,
  readBlobArgs,
} from "./git-commands.js";
import { parseLog, redactUrl } from "./git-mirror.js";

const M = "/var/weeknight/mirrors/app.git";
const A = "a".repeat(40);
const B = "b".repeat(40);

describe("git command builders", () => {
  it("initialises a bare mirror", () => {
    expect(initMirrorArgs(M)).toEqual(["init", "--bare", "--quiet", "--", M]);
  });

  it("fetches only branches and tags, pruning deleted ones, from the URL given", () => {
    expect(fetchArgs(M, "https://example.com/app.git")).toEqual([
      "--git-dir",
      M,
      "fetch",
      "--prune",
      "--no-tags",
      "--quiet",
      "--no-write-fetch-head",
      "--",
      "https://example.com/app.git",
      "+refs/heads/*:refs/heads/*",
      "+refs/tags/*:refs/tags/*",
    ]);
  });

  it("resolves a branch head as a commit, never as an option", () => {
    expect(branchHeadArgs(M, "main")).toEqual([
      "--git-dir",
      M,
      "rev-parse",
      "--verify",
      "--quiet",
      "--end-of-options",
      "refs/heads/main^{commit}",
    ]);
  });

  it("logs a range with a NUL-separated format", () => {
    expect(logArgs(M, A, B, 100)).toEqual([
      "--git-dir",
      M,
      "log",
      "-z",
      "--format=%H%x00%an%x00%ae%x00%ct%x00%B",
      "--max-count=100",
      "--no-show-signature",
      "--no-color",
      "--end-of-options",
      B,
      `^${A}`,
      "--",
    ]);
  });

  it("logs all history when there is no previous commit", () => {
    expect(logArgs(M, null, B, 5).slice(-3)).toEqual(["--end-of-options", B, "--"]);
    expect(logArgs(M, null, B, 5)).toContain("--max-count=5");
  });

  it("reads a file by asking for object types first, then the blob", () => {
    expect(objectTypesArgs(M)).toEqual([
      "--git-dir",
      M,
      "cat-file",
      "--batch-check=%(objectname) %(objecttype)",
    ]);
    expect(objectTypesInput(A, "weeknight.yml")).toBe(`${A}^{commit}\n${A}:weeknight.yml\n`);
    expect(readBlobArgs(M, B)).toEqual(["--git-dir", M, "cat-file", "blob", B]);
  });

  it("checks out a workspace by a shared clone and a detached checkout", () => {
    expect(cloneWorkspaceArgs(M, "/tmp/ws")).toEqual([
      "clone",
      "--shared",
      "--no-checkout",
      "--quiet",
      "--",
      M,
      "/tmp/ws",
    ]);
    expect(checkoutDetachedArgs("/tmp/ws", A)).toEqual([
      "-C",
      "/tmp/ws",
      "checkout",
      "--detach",
      "--quiet",
      A,
      "--",
    ]);
  });

  it("asks merge-base about ancestry", () => {
    expect(isAncestorArgs(M, A, B)).toEqual(["--git-dir", M, "merge-base", "--is-ancestor", A, B]);
  });
});

describe("gitEnv", () => {
  it("drops variables that would redirect git to another repository and never prompts", () => {
    const env = gitEnv({ PATH: "/usr/bin", GIT_DIR: "/elsewhere", GIT_INDEX_FILE: "x" });
    expect(env).toEqual({
      PATH: "/usr/bin",
      GIT_TERMINAL_PROMPT: "0",
      LC_ALL: "C",
      GIT_SSH_COMMAND: "ssh -o BatchMode=yes",
    });
  });

  it("keeps an operator's own ssh command", () => {
    expect(gitEnv({ GIT_SSH_COMMAND: "ssh -i key" }).GIT_SSH_COMMAND).toBe("ssh -i key");
  });
});

describe("input checks", () => {
  it.each(["main", "release/2024", "feature/x-1", "v1.2"])("accepts branch %s", (name) => {
    expect(() => assertBranchName(name)).not.toThrow();
  });

  it.each([
    "",
    "-x",
    "--upload-pack=evil",
    "a..b",
    "a b",
    "a~1",
    "x^",
    "a:b",
    "x.lock",
    "a/",
    "@",
    "a\x01b",
    "del\x7f",
  ])("rejects branch %j", (name) => {
    expect(() => assertBranchName(name)).toThrow(InvalidInputError);
  });

  it("accepts only full shas", () => {
    expect(() => assertSha(A, "head")).not.toThrow();
    expect(() => assertSha("HEAD", "head")).toThrow(/head must be a full commit sha/);
    expect(() => assertSha("abc123", "since")).toThrow(InvalidInputError);
  });

  it("accepts only positive integer limits", () => {
    expect(() => assertLimit(1)).not.toThrow();
    expect(() => assertLimit(0)).toThrow(InvalidInputError);
    expect(() => assertLimit(1.5)).toThrow(InvalidInputError);
  });
});

describe("parseLog", () => {
  it("keeps multi-line, empty and odd messages intact and converts seconds to ms", () => {
    const out = `${A}\0Ada\0ada@x.org\x001700000000\0fix: a\n\nbody \x1e\t"quoted"\n\0${B}\0Bob\0b@x\x001700000001\0\0`;
    expect(parseLog(out)).toEqual([
      {
        sha: A,
        authorName: "Ada",
        authorEmail: "ada@x.org",
        message: 'fix: a\n\nbody \x1e\t"quoted"',
        committedAt: 1_700_000_000_000,
      },
      {
        sha: B,
        authorName: "Bob",
        authorEmail: "b@x",
        message: "",
        committedAt: 1_700_000_001_000,
      },
    ]);
  });

  it("returns no commits for empty output", () => {
    expect(parseLog("")).toEqual([]);
  });
});

describe("redactUrl", () => {
  it("hides a password or token but keeps the rest", () => {
    expect(redactUrl("https://x-access-token:ghp_abc@github.com/o/r.git")).toBe(
      "https://x-access-token:***@github.com/o/r.git",
    );
    expect(redactUrl("git@github.com:o/r.git")).toBe("git@github.com:o/r.git");
    expect(redactUrl("/srv/git/app.git")).toBe("/srv/git/app.git");
  });
});

describe("diff stats", () => {
  const a = "a".repeat(40);
  const b = "b".repeat(40);

  it("asks git for each commit's numstat against its first parent, without walking", () => {
    expect(diffStatArgs("/m.git", [a, b])).toEqual([
      "--git-dir",
      "/m.git",
      "log",
      "--no-walk=unsorted",
      "--diff-merges=first-parent",
      "--numstat",
      "--format=format:%x01%H",
      "--no-color",
      "--end-of-options",
      a,
      b,
      "--",
    ]);
  });

  it("adds up lines per commit; binary files count as files without lines", () => {
    const stdout = [
      `\x01${a}`,
      "3\t1\tsrc/app.ts",
      "0\t2\tREADME.md",
      "",
      `\x01${b}`,
      "-\t-\tlogo.png",
      '1\t1\t"we\\tird\\nname"',
      "",
    ].join("\n");
    const stats = parseDiffStats(stdout);
    expect(stats.get(a)).toEqual({ additions: 3, deletions: 3, files: 2 });
    expect(stats.get(b)).toEqual({ additions: 1, deletions: 1, files: 2 });
  });

  it("gives an empty commit zeros", () => {
    expect(parseDiffStats(`\x01${a}\n`).get(a)).toEqual({ additions: 0, deletions: 0, files: 0 });
  });
});

describe("changed files", () => {
  const flags = [
    "--numstat",
    "-z",
    "--find-renames",
    "--no-color",
    "--no-ext-diff",
    "--no-textconv",
  ];

  it("diffs two commits' trees, or the empty tree when there is no previous commit", () => {
    expect(changedFilesArgs(M, A, B)).toEqual([
      "--git-dir",
      M,
      "diff",
      ...flags,
      "--end-of-options",
      A,
      B,
      "--",
    ]);
    expect(changedFilesArgs(M, null, B)).toContain("4b825dc642cb6eb9a060e54bf8d69288fbee4904");
    expect(changedFilesArgs(M, null, "c".repeat(64))).toContain(
      "6ef19b41225c5369f1c104d45d8d85efa9b057b53b14b4b9b939dd74decc5321",
    );
  });

  it("reads lines per file; binary files count none, renames keep the new path", () => {
    const stdout = [
      "3\t1\tsrc/app.ts",
      "-\t-\tlogo.png",
      "0\t0\t",
      "old name.txt",
      "new\tname.txt",
      "2\t0\twith\nnewline",
      "",
    ].join("\0");
    expect(parseChangedFiles(stdout)).toEqual([
      { path: "src/app.ts", additions: 3, deletions: 1 },
      { path: "logo.png", additions: 0, deletions: 0 },
      { path: "new\tname.txt", additions: 0, deletions: 0 },
      { path: "with\nnewline", additions: 2, deletions: 0 },
    ]);
  });

  it("does not mistake a renamed file's path for a stat line", () => {
    const stdout = ["1\t1\t", "1\t2\tx", "5\t6\ty", ""].join("\0");
    expect(parseChangedFiles(stdout)).toEqual([{ path: "5\t6\ty", additions: 1, deletions: 1 }]);
  });

  it("gives no files for identical trees", () => {
    expect(parseChangedFiles("")).toEqual([]);
  });
});
