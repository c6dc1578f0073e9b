import { ExecError, execFileText } from "../process/exec-file.js";
import type { ProcessRunner } from "../process/process-runner.js";
import type { CommandPlan } from "./backup-plan.js";

/** An extra check a verification runs on the restored copy. */
export type BackupCheck =
  /** Passes when the query runs and returns at least one row. */
  | { sql: string }
  /** Passes when the command exits 0; it gets WEEKNIGHT_VERIFY=1 and where the copy is. */
  | { command: string };

export type Progress = (line: string) => void;

export interface MethodContext {
  runner: ProcessRunner;
  /** The whole environment of every command: the server's base plus the environment's own. */
  env: Record<string, string>;
  /** Working directory for commands, and where disposable copies go. */
  workDir: string;
  /** A fresh lower-case alphanumeric suffix for scratch names. */
  randomSuffix: () => string;
  progress: Progress;
}

/**
 * One way of backing up (SQLite file, PostgreSQL dump, the team's own commands).
 * Each method throws an Error whose message says what went wrong.
 */
export interface BackupMethod {
  /** What is backed up, for messages, e.g. `SQLite database /srv/app/data.db`. */
  readonly source: string;
  take(file: string): Promise<void>;
  restore(file: string): Promise<void>;
  /** Restores `file` somewhere disposable and checks it; throws when it is not good. */
  verify(file: string, check: BackupCheck | undefined): Promise<void>;
}

/** Runs a CommandPlan; the error names the program and its first stderr lines. */
export async function runPlan(ctx: MethodContext, plan: CommandPlan): Promise<string> {
  const [program = "", ...args] = plan.argv;
  try {
    const { stdout } = await execFileText(program, args, {
      cwd: ctx.workDir,
      env: { ...ctx.env, ...plan.env },
    });
    return stdout;
  } catch (error) {
    if (!(error instanceof ExecError)) throw error;
    const head =
      error.exitCode !== null
        ? `exit code ${error.exitCode}`
        : error.message.includes("could not start")
          ? `could not start: is ${program} installed and on PATH?`
          : "killed before it finished";
    const detail = firstLines(error.stderr, 3);
    throw new Error(`${program} failed (${head})${detail ? `: ${detail}` : ""}`);
  }
}

/** Runs a shell command from weeknight.yml, passing its output on as progress. */
export async function runShell(
  ctx: MethodContext,
  label: string,
  command: string,
  env: Record<string, string>,
): Promise<void> {
  const stderr: string[] = [];
  const { outcome } = await ctx.runner.run({
    command,
    cwd: ctx.workDir,
    env: { ...ctx.env, ...env },
    onLine: (line, stream) => {
      if (stream === "stderr") stderr.push(line);
      if (stderr.length > 20) stderr.shift();
      ctx.progress(`${label}: ${line}`);
    },
  });
  if (outcome.kind === "succeeded") return;
  const detail = firstLines(stderr.slice(-3).join("\n"), 3);
  throw new Error(
    `${label} command failed (${outcome.message})${detail ? `: ${detail}` : ""} — command: ${command}`,
  );
}

function firstLines(text: string, count: number): string {
  return text
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean)
    .slice(0, count)
    .join(" / ");
}
