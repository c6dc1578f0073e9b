import { existsSync } from "node:fs";
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { InvalidInputError, NotFoundError } from "../errors/domain-errors.js";
import { ExecError, execFileText } from "../process/exec-file.js";
import {
  assertBranchName,
  assertLimit,
  assertSha,
  branchHeadArgs,
  type ChangedFile,
  changedFilesArgs,
  checkoutDetachedArgs,
  cloneWorkspaceArgs,
  type DiffStat,
  diffStatArgs,
  fetchArgs,
  gitEnv,
  initMirrorArgs,
  isAncestorArgs,
  LOG_FIELDS,
  logArgs,
  objectTypesArgs,
  objectTypesInput,
  parseChangedFiles,
  parseDiffStats,
  readBlobArgs,
} from "./git-commands.js";

export type { ChangedFile, DiffStat };

export interface CommitInfo {
  sha: string;
  authorName: string;
  authorEmail: string;
  /** The full message, without trailing newlines. */
  message: string;
  /** Epoch milliseconds. */
  committedAt: number;
}

export interface GitMirror {
  /** Clones (first time) or fetches the repo; returns the branch head sha, or null if the branch does not exist. */
  sync(branch: string): Promise<string | null>;
  /** Commits reachable from `head` but not from `since` (all if since is null, capped at `limit`, default 100), newest first. */
  commitsBetween(since: string | null, head: string, limit?: number): Promise<CommitInfo[]>;
  /** Contents of a file at a commit, or null if absent (or not a file). */
  readFile(sha: string, path: string): Promise<string | null>;
  /** Creates a clean workspace at `dir` checked out at exactly `sha` (detached HEAD, a real .git). */
  checkout(sha: string, dir: string): Promise<void>;
  /** Is `ancestor` an ancestor of (or equal to) `sha`? */
  isAncestor(ancestor: string, sha: string): Promise<boolean>;
  /** Each commit's diff size against its first parent; one git run for all not asked before. */
  diffStats(shas: string[]): Promise<Map<string, DiffStat>>;
  /**
   * Files changed from `since` (null: from nothing, so every file) to `head`, with lines added
   * and deleted (0 for binary files); a renamed file appears once, by its new path.
   */
  changedFiles(since: string | null, head: string): Promise<ChangedFile[]>;
}

export interface GitMirrorDeps {
  /** A local path or any URL git understands. */
  repoUrl: string;
  /** Where the bare mirror lives; created on the first sync. */
  mirrorDir: string;
  fetchTimeoutMs?: number;
  localTimeoutMs?: number;
  env?: NodeJS.ProcessEnv;
}

const DEFAULT_LIMIT = 100;
const MAX_CACHED = 500;
const MAX_DIFFS = 20_000;
// A range's file list can be as long as the tree; a few ranges per environment are asked.
const MAX_CHANGES = 100;

export function createGitMirror(deps: GitMirrorDeps): GitMirror {
  const { repoUrl, mirrorDir } = deps;
  const env = gitEnv(deps.env ?? process.env);
  const fetchTimeoutMs = deps.fetchTimeoutMs ?? 10 * 60_000;
  const localTimeoutMs = deps.localTimeoutMs ?? 60_000;
  const shownUrl = redactUrl(repoUrl);

  const git = (args: string[], opts: { input?: string; timeoutMs?: number } = {}) =>
    execFileText("git", args, {
      env,
      input: opts.input,
      timeoutMs: opts.timeoutMs ?? localTimeoutMs,
    });

  const fetchOnce = async (): Promise<void> => {
    const fresh = !existsSync(join(mirrorDir, "HEAD"));
    if (fresh) await git(initMirrorArgs(mirrorDir));
    try {
      await git(fetchArgs(mirrorDir, repoUrl), { timeoutMs: fetchTimeoutMs });
    } catch (error) {
      // Leave no empty mirror behind, so a fixed URL starts from a clean clone.
      if (fresh) await rm(mirrorDir, { recursive: true, force: true });
      throw unreachable(error);
    }
  };

  // One fetch at a time per mirror. Callers arriving while a fetch runs share the
  // next one (it starts after theirs began, so it sees their push); more callers
  // arriving meanwhile join that same queued fetch instead of adding more.
  let running: Promise<void> | null = null;
  let queued: Promise<void> | null = null;
  const fetchSerialized = (): Promise<void> => {
    if (queued) return queued;
    if (!running) {
      running = fetchOnce().finally(() => {
        running = null;
      });
      return running;
    }
    const next = running
      .catch(() => {})
      .then(() => {
        queued = null;
        running = fetchOnce().finally(() => {
          running = null;
        });
        return running;
      });
    queued = next;
    return next;
  };

  const unreachable = (error: unknown): Error => {
    // Git and ExecError messages may quote the URL, token included.
    const hide = (text: string) => text.split(repoUrl).join(shownUrl);
    const stderr = hide(error instanceof ExecError ? error.stderr : String(error));
    // Without an exit code (timeout, git missing) the ExecError message says what happened.
    const reason =
      error instanceof ExecError && error.exitCode === null
        ? hide(error.message)
        : firstNonEmptyLine(stderr);
    return new NotFoundError(
      `Could not fetch repository ${shownUrl}: ${reason ?? "git failed without a message"}. ` +
        "Check that the URL or path is right and that this server can read it (network, SSH key or token).",
      { repoUrl: shownUrl, stderr },
    );
  };

  // What a commit holds, and what lies between two commits, never changes; pages ask often.
  const files = createMemo<string | null>(MAX_CACHED);
  const history = createMemo<CommitInfo[]>(MAX_CACHED);
  const changes = createMemo<ChangedFile[]>(MAX_CHANGES);
  // Per sha, and larger: the overview asks for every waiting commit of every environment.
  const diffs = new Map<string, Promise<DiffStat>>();

  async function diffStats(shas: string[]): Promise<Map<string, DiffStat>> {
    for (const sha of shas) assertSha(sha, "commit");
    const wanted = new Map(shas.map((sha) => [sha, diffs.get(sha)]));
    const missing = [...wanted].filter(([, known]) => !known).map(([sha]) => sha);
    if (missing.length > 0) {
      const run = git(diffStatArgs(mirrorDir, missing)).then((r) => parseDiffStats(r.stdout));
      for (const sha of missing) {
        const one = run.then((all) => all.get(sha) ?? { additions: 0, deletions: 0, files: 0 });
        wanted.set(sha, one);
        diffs.set(sha, one);
        // A failed run (commit not fetched yet) is asked again next time.
        one.catch(() => diffs.delete(sha));
      }
      while (diffs.size > MAX_DIFFS) diffs.delete(diffs.keys().next().value ?? "");
    }
    const entries = await Promise.all(
      [...wanted].map(async ([sha, stat]) => [sha, await (stat as Promise<DiffStat>)] as const),
    );
    return new Map(entries);
  }

  async function readFileAt(sha: string, path: string): Promise<string | null> {
    assertSha(sha, "commit");
    if (path === "" || /[\n\0]/.test(path)) {
      throw new InvalidInputError(`file path ${JSON.stringify(path)} is empty or has a newline`);
    }
    const { stdout } = await git(objectTypesArgs(mirrorDir), {
      input: objectTypesInput(sha, path),
    });
    const [commitLine = "", pathLine = ""] = stdout.split("\n");
    if (commitLine.endsWith(" missing")) {
      throw new NotFoundError(
        `Commit ${sha} is not in the mirror of ${shownUrl}; sync the project first.`,
      );
    }
    const [blobSha, type] = pathLine.split(" ");
    if (type !== "blob" || blobSha === undefined) return null;
    return (await git(readBlobArgs(mirrorDir, blobSha))).stdout;
  }

  return {
    async sync(branch) {
      assertBranchName(branch);
      await fetchSerialized();
      try {
        const { stdout } = await git(branchHeadArgs(mirrorDir, branch));
        return stdout.trim();
      } catch (error) {
        // rev-parse --verify --quiet exits 1, silently, for a ref that does not exist.
        if (error instanceof ExecError && error.exitCode === 1) return null;
        throw error;
      }
    },

    async commitsBetween(since, head, limit = DEFAULT_LIMIT) {
      assertSha(head, "head");
      if (since !== null) assertSha(since, "since");
      assertLimit(limit);
      return history(`${since}..${head}:${limit}`, async () =>
        parseLog((await git(logArgs(mirrorDir, since, head, limit))).stdout),
      );
    },

    readFile: (sha, path) => files(`${sha}:${path}`, () => readFileAt(sha, path)),

    async checkout(sha, dir) {
      assertSha(sha, "commit");
      try {
        await git(cloneWorkspaceArgs(mirrorDir, dir));
        await git(checkoutDetachedArgs(dir, sha));
      } catch (error) {
        const line = error instanceof ExecError ? firstNonEmptyLine(error.stderr) : undefined;
        throw new InvalidInputError(
          `Could not check out ${sha} of ${shownUrl} into ${dir}: ${line ?? String(error)}. ` +
            "The directory must not exist yet (or be empty), and the commit must be synced.",
        );
      }
    },

    diffStats,

    async changedFiles(since, head) {
      assertSha(head, "head");
      if (since !== null) assertSha(since, "since");
      return changes(`${since}..${head}`, async () => {
        try {
          return parseChangedFiles((await git(changedFilesArgs(mirrorDir, since, head))).stdout);
        } catch (error) {
          if (!(error instanceof ExecError && error.exitCode === 128)) throw error;
          throw new NotFoundError(
            `Could not compare ${since ?? "the empty tree"} with ${head} in the mirror of ${shownUrl}: ` +
              `${firstNonEmptyLine(error.stderr) ?? "git failed"}. Sync the project first.`,
          );
        }
      });
    },

    async isAncestor(ancestor, sha) {
      assertSha(ancestor, "ancestor");
      assertSha(sha, "commit");
      try {
        await git(isAncestorArgs(mirrorDir, ancestor, sha));
        return true;
      } catch (error) {
        if (error instanceof ExecError && error.exitCode === 1) return false;
        throw error;
      }
    },
  };
}

/** Parses `git log -z --format=LOG_FORMAT` output. */
export function parseLog(stdout: string): CommitInfo[] {
  const fields = stdout.split("\0");
  // Every record, the last included, ends with NUL, leaving one empty tail.
  if (fields.length % LOG_FIELDS === 1 && fields.at(-1) === "") fields.pop();
  const commits: CommitInfo[] = [];
  for (let i = 0; i + LOG_FIELDS <= fields.length; i += LOG_FIELDS) {
    const [sha = "", authorName = "", authorEmail = "", seconds = "0", message = ""] = fields.slice(
      i,
      i + LOG_FIELDS,
    );
    commits.push({
      sha,
      authorName,
      authorEmail,
      message: message.replace(/\n+$/, ""),
      committedAt: Number(seconds) * 1000,
    });
  }
  return commits;
}

/** Hides a password or token in `https://user:secret@host/…` so it never reaches logs. */
export function redactUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^/@:]*):[^/@]*@/i, "$1:***@");
}

function firstNonEmptyLine(text: string): string | undefined {
  return text
    .split("\n")
    .map((line) => line.trim())
    .find((line) => line !== "");
}

/** Remembers up to `max` answers (as promises, so concurrent askers share one call); failures are forgotten. */
function createMemo<T>(max: number): (key: string, compute: () => Promise<T>) => Promise<T> {
  const entries = new Map<string, Promise<T>>();
  return (key, compute) => {
    const known = entries.get(key);
    if (known) return known;
    const value = compute();
    entries.set(key, value);
    value.catch(() => entries.delete(key));
    if (entries.size > max) entries.delete(entries.keys().next().value ?? key);
    return value;
  };
}
