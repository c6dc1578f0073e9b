import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { execFileText } from "../process/exec-file.js";
import { authorEnv, type GitIdentity } from "../sources/git-commands.js";

export const sampleAppDir = resolve(
  dirname(fileURLToPath(import.meta.url)),
  "../../../../examples/sample-app",
);

export type TestAuthor = GitIdentity;

const defaultAuthor = { name: "Ada Lovelace", email: "ada@example.com" };

/** A real git repository in a temp folder, committed to as a given author. */
export async function createTestRepo(
  options: { files?: Record<string, string>; sampleApp?: boolean } = {},
) {
  const dir = mkdtempSync(join(tmpdir(), "weeknight-repo-"));
  const git = (args: string[], author: TestAuthor = defaultAuthor) =>
    execFileText("git", ["-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false", ...args], {
      cwd: dir,
      env: authorEnv(process.env, author),
    });
  await git(["init", "--quiet"]);
  if (options.sampleApp) cpSync(sampleAppDir, dir, { recursive: true });
  const repo = {
    dir,
    git,
    /** Writes files (path → content) and commits them; returns the new sha. */
    async commit(
      files: Record<string, string>,
      message: string,
      author: TestAuthor = defaultAuthor,
    ) {
      for (const [path, content] of Object.entries(files)) {
        mkdirSync(dirname(join(dir, path)), { recursive: true });
        writeFileSync(join(dir, path), content);
      }
      await git(["add", "--all"], author);
      await git(["commit", "--quiet", "--allow-empty", "-m", message], author);
      return (await git(["rev-parse", "HEAD"])).stdout.trim();
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
  if (options.files || options.sampleApp) await repo.commit(options.files ?? {}, "initial commit");
  return repo;
}

export type TestRepo = Awaited<ReturnType<typeof createTestRepo>>;

/** A weeknight.yml with the given stages (name → command) and optional extra YAML. */
export function weeknightYml(stages: Record<string, string>, extra = ""): string {
  const lines = Object.entries(stages).map(
    ([name, run]) => `    - name: ${name}\n      run: ${JSON.stringify(run)}`,
  );
  return `project: test\nbuild:\n  stages:\n${lines.join("\n")}\n${extra}`;
}

/**
 * A weeknight.yml whose build always passes and whose environments (manual, command targets
 * that do nothing) exist only to be named, e.g. by flags or blocks. `extra` lines go at the
 * end of each environment, keyed by its name.
 */
export function namedEnvironmentsYml(
  project: string,
  environments: string[] = ["production"],
  extra: Record<string, string[]> = {},
): string {
  const lines = [
    `project: ${project}`,
    "build:",
    "  stages:",
    "    - name: test",
    '      run: "true"',
  ];
  lines.push("environments:");
  for (const name of environments) {
    lines.push(`  ${name}:`, "    deploy: manual");
    lines.push('    target: { type: command, deploy: "true", rollback: "true" }');
    lines.push(...(extra[name] ?? []));
  }
  return `${lines.join("\n")}\n`;
}

/**
 * A weeknight.yml whose `internal` (on green) and `production` (manual, requires internal)
 * environments have command targets that copy the release's app.txt to `<out>/<env>.txt`,
 * healthy while that file says "good". `extra` goes before `environments:`; `internalExtra`
 * and `productionExtra` into those environments.
 */
export function copyTargetYml(
  project: string,
  out: string,
  options: { extra?: string[]; internalExtra?: string[]; productionExtra?: string[] } = {},
): string {
  const target = (env: string) => [
    "    target:",
    "      type: command",
    `      deploy: cp app.txt ${out}/${env}.txt`,
    `      rollback: cp app.txt ${out}/${env}.txt`,
    `      health: grep -q good ${out}/${env}.txt`,
  ];
  return [
    `project: ${project}`,
    "build:",
    "  stages:",
    "    - name: test",
    '      run: "true"',
    "  artifact:",
    "    paths: [app.txt]",
    ...(options.extra ?? []),
    "environments:",
    "  internal:",
    "    deploy: on-green",
    ...(options.internalExtra ?? []),
    ...target("internal"),
    "  production:",
    "    deploy: manual",
    "    requires: [internal]",
    ...(options.productionExtra ?? []),
    ...target("production"),
    "",
  ].join("\n");
}
