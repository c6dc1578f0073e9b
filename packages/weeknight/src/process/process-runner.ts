import { type ChildProcess, spawn } from "node:child_process";
import { accessSync, constants as fsConstants } from "node:fs";
import { stat } from "node:fs/promises";
import { delimiter, join } from "node:path";
import type { Clock } from "../clock.js";
import { superviseChild } from "./child-supervisor.js";

export type RunOutcome =
  | { kind: "succeeded"; durationMs: number }
  | {
      kind: "failed";
      exitCode: number | null;
      signal: NodeJS.Signals | null;
      durationMs: number;
      message: string;
    }
  | { kind: "timed-out"; timeoutMs: number; durationMs: number; message: string }
  | { kind: "cancelled"; durationMs: number; message: string }
  | { kind: "not-started"; message: string; durationMs: number };

export interface RunSpec {
  /** Run with `bash -c` (or `/bin/sh -c` where bash is absent). */
  command: string;
  cwd: string;
  /** The full environment; nothing is inherited implicitly. */
  env: Record<string, string>;
  timeoutMs?: number;
  /** Aborting cancels the run. */
  signal?: AbortSignal;
  onLine?: (line: string, stream: "stdout" | "stderr") => void;
  /** SIGTERM goes to the whole process group; SIGKILL follows after this many ms (default 5000). */
  killGraceMs?: number;
  /** Longer lines are cut and end with " … [line truncated: N bytes]", N being the bytes cut off (default 64 KiB). */
  maxLineBytes?: number;
}

export interface RunResult {
  outcome: RunOutcome;
  invalidUtf8: boolean;
  truncatedLines: number;
}

export interface ProcessRunner {
  /** Never rejects for process problems; rejects only if `onLine` throws (after stopping the process). */
  run(spec: RunSpec): Promise<RunResult>;
}

export function createProcessRunner(deps: { clock: Clock }): ProcessRunner {
  const shell = findShell(process.env.PATH ?? "");
  return { run: (spec) => runOnce(spec, shell, deps.clock) };
}

async function runOnce(spec: RunSpec, shell: string, clock: Clock): Promise<RunResult> {
  const startedAt = clock.now();
  const elapsed = (): number => clock.now() - startedAt;
  const early = (outcome: RunOutcome): RunResult => ({
    outcome,
    invalidUtf8: false,
    truncatedLines: 0,
  });
  const cwdProblem = await checkCwd(spec.cwd);
  if (cwdProblem) return early({ kind: "not-started", message: cwdProblem, durationMs: elapsed() });
  // Checked after the await so an abort that arrived meanwhile is not missed.
  if (spec.signal?.aborted) {
    return early({
      kind: "cancelled",
      durationMs: elapsed(),
      message: "cancelled before it started",
    });
  }

  let child: ChildProcess;
  try {
    child = spawn(shell, ["-c", spec.command], {
      cwd: spec.cwd,
      env: spec.env,
      detached: true, // own process group, so the whole tree can be signalled at once
      stdio: ["ignore", "pipe", "pipe"],
    });
  } catch (error) {
    const message = `could not start ${shell}: ${errorMessage(error)}`;
    return early({ kind: "not-started", message, durationMs: elapsed() });
  }
  return superviseChild(child, spec, elapsed);
}

async function checkCwd(cwd: string): Promise<string | undefined> {
  try {
    const info = await stat(cwd);
    return info.isDirectory() ? undefined : `working directory is not a directory: ${cwd}`;
  } catch {
    return `working directory does not exist: ${cwd}`;
  }
}

function findShell(pathEnv: string): string {
  const dirs = [...pathEnv.split(delimiter).filter(Boolean), "/bin", "/usr/bin"];
  for (const dir of dirs) {
    const candidate = join(dir, "bash");
    try {
      accessSync(candidate, fsConstants.X_OK);
      return candidate;
    } catch {
      // not here; keep looking
    }
  }
  return "/bin/sh";
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
