import { InvalidInputError } from "../errors/domain-errors.js";

/**
 * The git commands a mirror runs, as argv arrays (without the leading `git`).
 * Deciding what to run lives here so tests can assert it exactly; git-mirror.ts runs them.
 */

// Only branches and tags: a mirror of everything (`+refs/*:refs/*`) would also pull
// GitHub's refs/pull/* and GitLab's refs/merge-requests/*, which can be huge.
export const MIRROR_REFSPECS = ["+refs/heads/*:refs/heads/*", "+refs/tags/*:refs/tags/*"] as const;

/** Fields of one `git log` record; -z ends each record with NUL, and NUL cannot occur inside. */
export const LOG_FORMAT = "%H%x00%an%x00%ae%x00%ct%x00%B";
export const LOG_FIELDS = 5;

const SHA = /^[0-9a-f]{40}([0-9a-f]{24})?$/;

export function initMirrorArgs(mirrorDir: string): string[] {
  return ["init", "--bare", "--quiet", "--", mirrorDir];
}

/** The URL is passed on every fetch, so the mirror keeps no remote config that could go stale. */
export function fetchArgs(mirrorDir: string, repoUrl: string): string[] {
  return [
    "--git-dir",
    mirrorDir,
    "fetch",
    "--prune",
    "--no-tags",
    "--quiet",
    "--no-write-fetch-head",
    "--",
    repoUrl,
    ...MIRROR_REFSPECS,
  ];
}

export function branchHeadArgs(mirrorDir: string, branch: string): string[] {
  return [
    "--git-dir",
    mirrorDir,
    "rev-parse",
    "--verify",
    "--quiet",
    "--end-of-options",
    `refs/heads/${branch}^{commit}`,
  ];
}

export function logArgs(
  mirrorDir: string,
  since: string | null,
  head: string,
  limit: number,
): string[] {
  return [
    "--git-dir",
    mirrorDir,
    "log",
    "-z",
    `--format=${LOG_FORMAT}`,
    `--max-count=${limit}`,
    "--no-show-signature",
    "--no-color",
    "--end-of-options",
    head,
    ...(since === null ? [] : [`^${since}`]),
    "--",
  ];
}

/** Marks the start of each commit in `diffStatArgs` output (cannot occur in a path line). */
export const DIFF_STAT_MARK = "\x01";

/**
 * Lines added and removed per file for each commit against its first parent (merges
 * included, root commits against the empty tree), without walking history.
 */
export function diffStatArgs(mirrorDir: string, shas: string[]): string[] {
  return [
    "--git-dir",
    mirrorDir,
    "log",
    "--no-walk=unsorted",
    "--diff-merges=first-parent",
    "--numstat",
    "--format=format:%x01%H",
    "--no-color",
    "--end-of-options",
    ...shas,
    "--",
  ];
}

export interface DiffStat {
  additions: number;
  deletions: number;
  files: number;
}

/** Parses `diffStatArgs` output; binary files count as changed files with no lines. */
export function parseDiffStats(stdout: string): Map<string, DiffStat> {
  const stats = new Map<string, DiffStat>();
  let current: DiffStat | undefined;
  for (const line of stdout.split("\n")) {
    if (line.startsWith(DIFF_STAT_MARK)) {
      current = { additions: 0, deletions: 0, files: 0 };
      stats.set(line.slice(1).trim(), current);
      continue;
    }
    const match = /^(\d+|-)\t(\d+|-)\t/.exec(line);
    if (!current || !match) continue;
    current.files++;
    current.additions += match[1] === "-" ? 0 : Number(match[1]);
    current.deletions += match[2] === "-" ? 0 : Number(match[2]);
  }
  return stats;
}

/** The tree with no files, which git knows without storing it (SHA-1 and SHA-256 repositories). */
export const EMPTY_TREE_SHA1 = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";
export const EMPTY_TREE_SHA256 = "6ef19b41225c5369f1c104d45d8d85efa9b057b53b14b4b9b939dd74decc5321";

/**
 * The aggregate diff from `since` (null: the empty tree, so every file) to `head`, per file,
 * NUL-separated so no path is quoted. Renames are found whatever the user's git config says.
 */
export function changedFilesArgs(mirrorDir: string, since: string | null, head: string): string[] {
  const from = since ?? (head.length === 64 ? EMPTY_TREE_SHA256 : EMPTY_TREE_SHA1);
  return [
    "--git-dir",
    mirrorDir,
    "diff",
    "--numstat",
    "-z",
    "--find-renames",
    "--no-color",
    "--no-ext-diff",
    "--no-textconv",
    "--end-of-options",
    from,
    head,
    "--",
  ];
}

export interface ChangedFile {
  path: string;
  additions: number;
  deletions: number;
}

/**
 * Parses `changedFilesArgs` output: `added\tdeleted\tpath\0`, or for a rename
 * `added\tdeleted\t\0old\0new\0` (the new path is kept). Binary files count no lines.
 */
export function parseChangedFiles(stdout: string): ChangedFile[] {
  const fields = stdout.split("\0");
  const files: ChangedFile[] = [];
  for (let i = 0; i < fields.length; i++) {
    const match = /^(\d+|-)\t(\d+|-)\t(.*)$/s.exec(fields[i] ?? "");
    if (!match) continue;
    let path = match[3] ?? "";
    if (path === "") {
      path = fields[i + 2] ?? "";
      i += 2;
    }
    files.push({ path, additions: lineCount(match[1]), deletions: lineCount(match[2]) });
  }
  return files;
}

function lineCount(field: string | undefined): number {
  return field === undefined || field === "-" ? 0 : Number(field);
}

/** Input for `objectTypesArgs`: is the commit there, and what is at the path? */
export function objectTypesInput(sha: string, path: string): string {
  return `${sha}^{commit}\n${sha}:${path}\n`;
}

export function objectTypesArgs(mirrorDir: string): string[] {
  return ["--git-dir", mirrorDir, "cat-file", "--batch-check=%(objectname) %(objecttype)"];
}

export function readBlobArgs(mirrorDir: string, blobSha: string): string[] {
  return ["--git-dir", mirrorDir, "cat-file", "blob", blobSha];
}

/** `--shared` borrows the mirror's objects (no copying), which makes checkout fast. */
export function cloneWorkspaceArgs(mirrorDir: string, dir: string): string[] {
  return ["clone", "--shared", "--no-checkout", "--quiet", "--", mirrorDir, dir];
}

export function checkoutDetachedArgs(dir: string, sha: string): string[] {
  return ["-C", dir, "checkout", "--detach", "--quiet", sha, "--"];
}

export function isAncestorArgs(mirrorDir: string, ancestor: string, sha: string): string[] {
  return ["--git-dir", mirrorDir, "merge-base", "--is-ancestor", ancestor, sha];
}

// Variables git sets for hooks and subcommands; inherited, they would point every
// command at some other repository (e.g. when Weeknight itself runs from a git hook).
const REPO_LOCAL_ENV = [
  "GIT_DIR",
  "GIT_WORK_TREE",
  "GIT_INDEX_FILE",
  "GIT_OBJECT_DIRECTORY",
  "GIT_ALTERNATE_OBJECT_DIRECTORIES",
  "GIT_COMMON_DIR",
  "GIT_PREFIX",
  "GIT_QUARANTINE_PATH",
  "GIT_NAMESPACE",
  "GIT_CONFIG_PARAMETERS",
  "GIT_CONFIG_COUNT",
];

/** The environment for running git: never prompt (a server has no terminal), stable messages. */
export function gitEnv(base: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...base };
  for (const name of REPO_LOCAL_ENV) delete env[name];
  env.GIT_TERMINAL_PROMPT = "0";
  env.LC_ALL = "C";
  if (env.GIT_SSH_COMMAND === undefined && env.GIT_SSH === undefined) {
    env.GIT_SSH_COMMAND = "ssh -o BatchMode=yes";
  }
  return env;
}

export function assertSha(value: string, what: string): void {
  if (!SHA.test(value)) {
    throw new InvalidInputError(
      `${what} must be a full commit sha (40 lowercase hex characters), got ${JSON.stringify(value)}`,
    );
  }
}

// The rules of `git check-ref-format --branch` that matter for safety and clear errors.
const BAD_BRANCH = /(^[-/.])|(\.\.)|([\s~^:?*[\\])|(@\{)|(\/\/)|(\/\.)|([/.]$)|(\.lock$)/;

function hasControlCharacter(text: string): boolean {
  return [...text].some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f);
}

export function assertBranchName(branch: string): void {
  if (branch === "" || branch === "@" || BAD_BRANCH.test(branch) || hasControlCharacter(branch)) {
    throw new InvalidInputError(
      `${JSON.stringify(branch)} is not a valid git branch name; use a name such as "main" or "release/2024"`,
    );
  }
}

export function assertLimit(limit: number): void {
  if (!Number.isInteger(limit) || limit < 1) {
    throw new InvalidInputError(`commit limit must be a positive integer, got ${limit}`);
  }
}

export interface GitIdentity {
  name: string;
  email: string;
}

/**
 * The environment for committing as `who`, ignoring the machine's git config, so a
 * demo or a test commits the same way on every machine.
 */
export function authorEnv(base: NodeJS.ProcessEnv, who: GitIdentity): NodeJS.ProcessEnv {
  return {
    ...base,
    GIT_AUTHOR_NAME: who.name,
    GIT_AUTHOR_EMAIL: who.email,
    GIT_COMMITTER_NAME: who.name,
    GIT_COMMITTER_EMAIL: who.email,
    GIT_CONFIG_GLOBAL: "/dev/null",
    GIT_CONFIG_NOSYSTEM: "1",
  };
}
