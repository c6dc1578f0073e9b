import type { ChildProcess } from "node:child_process";
import type { Readable } from "node:stream";
import { describeExit, missingCommandIn } from "./exit-message.js";
import { createLineSplitter, type LineSplitter } from "./line-splitter.js";
import { groupAlive, signalGroup } from "./process-group.js";
import type { RunOutcome, RunResult, RunSpec } from "./process-runner.js";

const DEFAULT_KILL_GRACE_MS = 5000;
const DEFAULT_MAX_LINE_BYTES = 64 * 1024;
// How long output may stay open after the command exited (a background child still
// holding the pipe) before the leftovers are killed and the pipes closed.
const STREAM_DRAIN_MS = 1000;
const GROUP_POLL_MS = 50;

type StreamName = "stdout" | "stderr";
type Termination = { reason: "timed-out" | "cancelled"; hardKilled: boolean };

/**
 * Watches a spawned, detached child until it has exited and its output is closed,
 * enforcing the timeout and cancellation on its whole process group.
 */
export function superviseChild(
  child: ChildProcess,
  spec: RunSpec,
  elapsed: () => number,
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    new ChildSupervisor(child, spec, elapsed, { resolve, reject }).start();
  });
}

class ChildSupervisor {
  private readonly killGraceMs: number;
  private readonly splitters: LineSplitter[] = [];
  private exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  private termination: Termination | undefined;
  private groupSettled = false;
  private openStreams = 2;
  private finished = false;
  private missingCommand: string | undefined;
  private callbackError: { error: unknown } | undefined;
  private timeoutTimer: NodeJS.Timeout | undefined;
  private hardKillTimer: NodeJS.Timeout | undefined;
  private drainTimer: NodeJS.Timeout | undefined;
  private groupPoll: NodeJS.Timeout | undefined;
  private readonly onAbort = (): void => this.terminate("cancelled");

  constructor(
    private readonly child: ChildProcess,
    private readonly spec: RunSpec,
    private readonly elapsed: () => number,
    private readonly settle: { resolve: (r: RunResult) => void; reject: (e: unknown) => void },
  ) {
    this.killGraceMs = spec.killGraceMs ?? DEFAULT_KILL_GRACE_MS;
  }

  start(): void {
    this.watch(this.child.stdout, "stdout");
    this.watch(this.child.stderr, "stderr");
    this.child.on("error", (error) => this.onSpawnError(error));
    this.child.on("exit", (code, signal) => this.onExit(code, signal));
    this.spec.signal?.addEventListener("abort", this.onAbort, { once: true });
    if (this.spec.timeoutMs !== undefined) {
      this.timeoutTimer = setTimeout(() => this.terminate("timed-out"), this.spec.timeoutMs);
    }
  }

  private watch(stream: Readable | null, name: StreamName): void {
    const maxLineBytes = this.spec.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
    const splitter = createLineSplitter({ maxLineBytes, onLine: (l) => this.deliver(l, name) });
    this.splitters.push(splitter);
    if (!stream) {
      this.openStreams -= 1;
      return;
    }
    stream.on("data", (chunk: Buffer) => splitter.push(chunk));
    stream.on("error", () => {}); // a destroyed pipe is expected when leftovers are killed
    stream.on("close", () => {
      splitter.end();
      this.openStreams -= 1;
      this.maybeFinish();
    });
  }

  private deliver(line: string, stream: StreamName): void {
    if (stream === "stderr") this.missingCommand = missingCommandIn(line) ?? this.missingCommand;
    if (!this.spec.onLine || this.callbackError) return;
    try {
      this.spec.onLine(line, stream);
    } catch (error) {
      // A broken consumer is the caller's bug, not a process outcome: stop and report it.
      this.callbackError = { error };
      this.terminate("cancelled");
    }
  }

  private onSpawnError(error: Error): void {
    // After a successful spawn, errors (e.g. a failed kill) change nothing; exit decides.
    if (this.child.pid !== undefined || this.finished) return;
    this.cleanup();
    this.settle.resolve({
      outcome: {
        kind: "not-started",
        message: `could not start: ${error.message}`,
        durationMs: this.elapsed(),
      },
      invalidUtf8: false,
      truncatedLines: 0,
    });
  }

  private onExit(code: number | null, signal: NodeJS.Signals | null): void {
    this.exit = { code, signal };
    // The command is over: a late timeout or abort must not relabel its outcome.
    clearTimeout(this.timeoutTimer);
    this.spec.signal?.removeEventListener("abort", this.onAbort);
    this.maybeFinish();
  }

  private terminate(reason: Termination["reason"]): void {
    if (this.termination || this.exit || this.finished) return;
    const termination: Termination = { reason, hardKilled: false };
    this.termination = termination;
    clearTimeout(this.timeoutTimer);
    this.signalGroup("SIGTERM");
    // Resolve as soon as the whole group is gone, or SIGKILL it once the grace is over.
    this.groupPoll = setInterval(() => {
      if (!this.groupAlive()) this.settleGroup();
    }, GROUP_POLL_MS);
    this.hardKillTimer = setTimeout(() => {
      if (this.groupAlive()) {
        termination.hardKilled = true;
        this.signalGroup("SIGKILL");
      }
      this.settleGroup();
    }, this.killGraceMs);
  }

  private settleGroup(): void {
    clearInterval(this.groupPoll);
    clearTimeout(this.hardKillTimer);
    this.groupSettled = true;
    this.maybeFinish();
  }

  private maybeFinish(): void {
    if (this.finished || !this.exit) return;
    if (this.termination && !this.groupSettled) return;
    if (this.openStreams > 0) {
      // Something outside our control (e.g. a process that left the group) may hold
      // the pipes forever; never let that hang the run.
      this.drainTimer ??= setTimeout(() => {
        this.signalGroup("SIGKILL");
        this.child.stdout?.destroy();
        this.child.stderr?.destroy();
      }, STREAM_DRAIN_MS);
      return;
    }
    this.cleanup();
    if (this.callbackError) {
      this.settle.reject(this.callbackError.error);
      return;
    }
    this.settle.resolve({
      outcome: this.outcome(),
      invalidUtf8: this.splitters.some((s) => s.invalidUtf8),
      truncatedLines: this.splitters.reduce((sum, s) => sum + s.truncatedLines, 0),
    });
  }

  private outcome(): RunOutcome {
    const durationMs = this.elapsed();
    if (this.termination) {
      const hard = this.termination.hardKilled
        ? `; still running ${this.killGraceMs} ms after SIGTERM, so it was killed with SIGKILL`
        : "";
      if (this.termination.reason === "cancelled") {
        return { kind: "cancelled", durationMs, message: `cancelled${hard}` };
      }
      const timeoutMs = this.spec.timeoutMs ?? 0;
      const message = `timed out after ${timeoutMs} ms${hard}`;
      return { kind: "timed-out", timeoutMs, durationMs, message };
    }
    const exitCode = this.exit?.code ?? null;
    const signal = this.exit?.signal ?? null;
    if (exitCode === 0 && signal === null) return { kind: "succeeded", durationMs };
    const message = describeExit(exitCode, signal, this.missingCommand);
    return { kind: "failed", exitCode, signal, durationMs, message };
  }

  private cleanup(): void {
    this.finished = true;
    clearTimeout(this.timeoutTimer);
    clearTimeout(this.hardKillTimer);
    clearTimeout(this.drainTimer);
    clearInterval(this.groupPoll);
    this.spec.signal?.removeEventListener("abort", this.onAbort);
  }

  private signalGroup(signal: NodeJS.Signals): void {
    if (this.child.pid !== undefined) signalGroup(this.child.pid, signal);
  }

  private groupAlive(): boolean {
    return this.child.pid !== undefined && groupAlive(this.child.pid);
  }
}
