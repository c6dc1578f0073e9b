import { cpSync, existsSync, mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { execFileText } from "../process/exec-file.js";
import { authorEnv, type GitIdentity } from "../sources/git-commands.js";

export type Author = GitIdentity;

/** The sample app ships in the repository's `examples/`; walk up from this file to find it. */
export function findExamplesDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, "examples", "sample-app");
    if (existsSync(join(candidate, "weeknight.yml"))) return join(dir, "examples");
    dir = resolve(dir, "..");
  }
  throw new Error("cannot find examples/sample-app: run the demo from a Weeknight checkout");
}

/** A bare "origin" repository and a working clone that pushes to it, like a developer's. */
export async function createDemoRepository(
  root: string,
  examples: string,
  author: Author,
  /** Adjusts the checkout before the first commit (e.g. free ports in weeknight.yml). */
  prepare: (work: string) => void = () => {},
) {
  const origin = join(root, "sample-app.git");
  const work = join(root, "sample-app");
  mkdirSync(root, { recursive: true });
  await git(root, author, ["init", "--quiet", "--bare", "--initial-branch=main", origin]);
  await git(root, author, ["init", "--quiet", "--initial-branch=main", work]);
  cpSync(join(examples, "sample-app"), work, { recursive: true });
  prepare(work);
  await git(work, author, ["add", "--all"]);
  await git(work, author, [
    "commit",
    "--quiet",
    "-m",
    "Sample app: greeting service with unit and integration tests",
  ]);
  await git(work, author, ["remote", "add", "origin", origin]);
  await git(work, author, ["push", "--quiet", "origin", "main"]);

  return {
    origin,
    work,
    /** Copies a change set from examples/sample-app-changes over the clone, commits and pushes it. */
    async pushChange(change: string, by: Author, message: string): Promise<string> {
      cpSync(join(examples, "sample-app-changes", change), work, { recursive: true });
      await git(work, by, ["add", "--all"]);
      await git(work, by, ["commit", "--quiet", "-m", message]);
      await git(work, by, ["push", "--quiet", "origin", "main"]);
      return (await git(work, by, ["rev-parse", "HEAD"])).trim();
    },
  };
}

async function git(cwd: string, author: Author, args: string[]): Promise<string> {
  const { stdout } = await execFileText("git", args, {
    cwd,
    env: authorEnv(process.env, author),
  });
  return stdout;
}
