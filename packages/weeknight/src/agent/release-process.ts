import { spawn } from "node:child_process";
import { get } from "node:http";
import type { Clock } from "../clock.js";
import { describeExit, missingCommandIn } from "../process/exit-message.js";
import { createLineSplitter } from "../process/line-splitter.js";
import { groupAlive, signalGroup } from "../process/process-group.js";
import type { ReleaseLog } from "./release-log.js";

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
  message: string;
}

/** One running process group of a release. */
export interface ReleaseProcess {
  readonly pid: number;
  /** Resolves when the started process exits (its group may outlive it). */
  readonly exited: Promise<ExitInfo>;
  /** SIGTERM to the group, SIGKILL after `graceMs`; resolves when the group is gone. */
  stop(graceMs: number): Promise<{ hardKilled: boolean }>;
}

const GROUP_POLL_MS = 50;
const KILL_WAIT_MS = 5000;
const MAX_LINE_BYTES = 64 * 1024;

/** Starts `command` with bash in `cwd` as its own process group, its output going to `log`. */
export function spawnRelease(input: {
  shell: string;
  command: string;
  cwd: string;
  env: Record<string, string>;
  log: ReleaseLog;
}): ReleaseProcess {
  const child = spawn(input.shell, ["-c", input.command], {
    cwd: input.cwd,
    env: input.env,
    detached: true, // own process group: a stop reaches everything the app started
    stdio: ["ignore", "pipe", "pipe"],
  });
  let missingCommand: string | undefined;
  for (const name of ["stdout", "stderr"] as const) {
    const splitter = createLineSplitter({
      maxLineBytes: MAX_LINE_BYTES,
      onLine: (line) => {
        if (name === "stderr") missingCommand = missingCommandIn(line) ?? missingCommand;
        input.log.line(name, line);
      },
    });
    const stream = child[name];
    stream.on("data", (chunk: Buffer) => splitter.push(chunk));
    stream.on("end", () => splitter.end());
    stream.on("error", () => {});
  }
  const exited = new Promise<ExitInfo>((resolve) => {
    child.once("error", (error) =>
      resolve({ code: null, signal: null, message: `could not start: ${error.message}` }),
    );
    child.once("exit", (code, signal) =>
      resolve({ code, signal, message: describeExit(code, signal, missingCommand) }),
    );
  });
  const pid = child.pid ?? -1;
  return {
    pid,
    exited,
    stop: (graceMs) => stopGroup(pid, graceMs),
  };
}

/** Stops a process group (ours, or one left behind by an agent that was killed). */
export async function stopGroup(pgid: number, graceMs: number): Promise<{ hardKilled: boolean }> {
  if (pgid <= 0 || !groupAlive(pgid)) return { hardKilled: false };
  signalGroup(pgid, "SIGTERM");
  for (let waited = 0; waited < graceMs; waited += GROUP_POLL_MS) {
    await sleep(GROUP_POLL_MS);
    if (!groupAlive(pgid)) return { hardKilled: false };
  }
  signalGroup(pgid, "SIGKILL");
  // SIGKILL cannot be ignored; the bound only guards against a process stuck in the kernel.
  for (let waited = 0; waited < KILL_WAIT_MS && groupAlive(pgid); waited += GROUP_POLL_MS) {
    await sleep(GROUP_POLL_MS);
  }
  return { hardKilled: true };
}

export type Readiness = { ok: true } | { ok: false; reason: string };

/**
 * Polls GET `path` on the release's port until it answers 2xx, the process exits, or
 * `timeoutMs` passes. The last failure is kept, so "connection refused" tells the
 * user the app probably listens on another port than `$PORT`.
 */
export async function waitUntilReady(input: {
  port: number;
  path: string;
  timeoutMs: number;
  exited: Promise<ExitInfo>;
  clock: Clock;
  pollMs?: number;
  cancelled?: () => boolean;
}): Promise<Readiness> {
  const { clock } = input;
  const pollMs = input.pollMs ?? 100;
  const started = clock.now();
  // A holder, not a `let`: the exit arrives in a callback TypeScript cannot follow.
  const seen: { exit?: ExitInfo } = {};
  void input.exited.then((info) => {
    seen.exit = info;
  });
  const exitedEarly = (): Readiness | undefined =>
    seen.exit && { ok: false, reason: `${seen.exit.message} before it became healthy` };
  let last = "no answer yet";
  for (;;) {
    if (input.cancelled?.()) return { ok: false, reason: "stopped before it became healthy" };
    const early = exitedEarly();
    if (early) return early;
    const left = input.timeoutMs - (clock.now() - started);
    if (left <= 0) break;
    const answer = await probe(input.port, input.path, Math.min(1000, left));
    if (answer.ok) return { ok: true };
    last = answer.detail;
    await sleep(Math.min(pollMs, Math.max(0, input.timeoutMs - (clock.now() - started))));
  }
  const early = exitedEarly();
  if (early) return early;
  return {
    ok: false,
    reason: `GET ${input.path} on port ${input.port} did not answer 2xx within ${input.timeoutMs} ms (last: ${last}) — does the app listen on $PORT?`,
  };
}

function probe(
  port: number,
  path: string,
  timeoutMs: number,
): Promise<{ ok: boolean; detail: string }> {
  return new Promise((resolve) => {
    const req = get({ host: "127.0.0.1", port, path, agent: false, timeout: timeoutMs }, (res) => {
      res.resume();
      const status = res.statusCode ?? 0;
      resolve({ ok: status >= 200 && status < 300, detail: `HTTP ${status}` });
    });
    req.on("timeout", () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on("error", (error: NodeJS.ErrnoException) => {
      const detail = error.code === "ECONNREFUSED" ? "connection refused" : error.message;
      resolve({ ok: false, detail });
    });
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
