import type { Clock } from "../clock.js";
import { signalGroup } from "../process/process-group.js";
import type { ReleaseRun } from "./agent-schema.js";
import type { Upstream } from "./app-proxy.js";
import { openReleaseLog, type ReleaseLog } from "./release-log.js";
import { type ReleaseProcess, spawnRelease, waitUntilReady } from "./release-process.js";
import { createReleaseTraffic, type ReleaseTraffic } from "./traffic-metrics.js";

export type InstanceState = "starting" | "healthy" | "unhealthy" | "crashed" | "stopped";

export type InstanceEvent =
  | { kind: "spawned"; pid: number; port: number }
  | { kind: "healthy" }
  | { kind: "unhealthy"; reason: string }
  | { kind: "crashed"; reason: string; restartInMs: number }
  | { kind: "stopped"; hardKilled: boolean };

export interface InstanceDeps {
  run: ReleaseRun;
  /** The unpacked release, the command's working directory. */
  dir: string;
  logPath: string;
  clock: Clock;
  shell: string;
  /** Variables every release gets (PATH, HOME, …) before its own `env`. */
  baseEnv: Record<string, string>;
  allocatePort(): Promise<number>;
  stopGraceMs: number;
  /** How long a stop waits for requests in flight before it signals the process. */
  drainMs: number;
  backoff: { initialMs: number; maxMs: number; resetAfterMs: number };
  onEvent(instance: ReleaseInstance, event: InstanceEvent): void;
}

const DRAIN_POLL_MS = 25;

export function createReleaseInstance(deps: InstanceDeps): ReleaseInstance {
  return new ReleaseInstance(deps);
}

/**
 * One release of one app, supervised: started once, restarted with exponential backoff
 * when it crashes after having been healthy. A release that never gets healthy is
 * `unhealthy` and left stopped — restarting a broken start would only hide it.
 */
export class ReleaseInstance implements Upstream {
  state: InstanceState = "starting";
  reason: string | null = null;
  pid: number | null = null;
  listenPort: number | null = null;
  restarts = 0;
  readonly traffic: ReleaseTraffic = createReleaseTraffic();
  private readonly log: ReleaseLog;
  private proc: ReleaseProcess | undefined;
  private stopping = false;
  private stopped: Promise<void> | undefined;
  private restartTimer: NodeJS.Timeout | undefined;
  private attempt = 0;
  private healthySince: number | null = null;

  constructor(private readonly deps: InstanceDeps) {
    this.log = openReleaseLog(deps.logPath, deps.clock);
  }

  get id(): string {
    return this.deps.run.id;
  }

  get run(): ReleaseRun {
    return this.deps.run;
  }

  /** Where the proxy may send requests: only while healthy. */
  get port(): number | null {
    return this.state === "healthy" ? this.listenPort : null;
  }

  get isStopping(): boolean {
    return this.stopping;
  }

  start(): void {
    void this.launch(false);
  }

  /** Drains requests in flight, then SIGTERM, then SIGKILL after the grace. Idempotent. */
  stop(): Promise<void> {
    this.stopped ??= this.stopNow();
    return this.stopped;
  }

  private async stopNow(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.restartTimer);
    for (let waited = 0; this.traffic.inFlight > 0 && waited < this.deps.drainMs; ) {
      await sleep(DRAIN_POLL_MS);
      waited += DRAIN_POLL_MS;
    }
    const result = this.proc ? await this.proc.stop(this.deps.stopGraceMs) : { hardKilled: false };
    if (result.hardKilled) {
      this.log.line("agent", `still running ${this.deps.stopGraceMs} ms after SIGTERM: killed`);
    }
    this.log.line("agent", "stopped");
    if (this.state !== "unhealthy") this.state = "stopped";
    this.deps.onEvent(this, { kind: "stopped", hardKilled: result.hardKilled });
    await this.log.close();
  }

  private async launch(isRestart: boolean): Promise<void> {
    const { run } = this.deps;
    this.state = "starting";
    let port: number;
    try {
      port = await this.deps.allocatePort();
    } catch (error) {
      return this.startFailed(isRestart, `no free port: ${(error as Error).message}`);
    }
    if (this.stopping) return;
    const env = { ...this.deps.baseEnv, ...run.env, PORT: String(port), RELEASE_ID: run.id };
    this.log.line("agent", `starting on port ${port}: ${run.start}`);
    const proc = spawnRelease({
      shell: this.deps.shell,
      command: run.start,
      cwd: this.deps.dir,
      env,
      log: this.log,
    });
    this.proc = proc;
    this.pid = proc.pid;
    this.listenPort = port;
    this.deps.onEvent(this, { kind: "spawned", pid: proc.pid, port });
    void proc.exited.then((exit) => this.onExit(proc, exit.message));

    const ready = await waitUntilReady({
      port,
      path: run.health.path,
      timeoutMs: run.health.timeoutMs,
      exited: proc.exited,
      clock: this.deps.clock,
      cancelled: () => this.stopping,
    });
    if (this.stopping || this.proc !== proc) return;
    if (ready.ok) {
      this.state = "healthy";
      this.reason = null;
      this.healthySince = this.deps.clock.now();
      this.log.line("agent", `healthy on port ${port}`);
      this.deps.onEvent(this, { kind: "healthy" });
      return;
    }
    this.log.line("agent", `not healthy: ${ready.reason}`);
    // It may still be running (e.g. listening on another port): never leave it behind.
    await proc.stop(this.deps.stopGraceMs);
    if (this.stopping || this.proc !== proc) return;
    this.startFailed(isRestart, ready.reason);
  }

  private startFailed(isRestart: boolean, reason: string): void {
    if (isRestart) {
      this.crashed(`restart failed: ${reason}`);
      return;
    }
    this.state = "unhealthy";
    this.reason = reason;
    this.deps.onEvent(this, { kind: "unhealthy", reason });
  }

  private onExit(proc: ReleaseProcess, message: string): void {
    if (this.proc !== proc || this.stopping) return;
    this.log.line("agent", `exited: ${message}`);
    if (this.state !== "healthy") return; // a start that fails is judged by launch()
    signalGroup(proc.pid, "SIGKILL"); // leftovers of the crashed app would hold its port
    this.crashed(message);
  }

  private crashed(reason: string): void {
    const now = this.deps.clock.now();
    const { initialMs, maxMs, resetAfterMs } = this.deps.backoff;
    // A release that ran fine for a while starts its backoff over.
    if (this.healthySince !== null && now - this.healthySince >= resetAfterMs) this.attempt = 0;
    this.healthySince = null;
    const delay = Math.min(initialMs * 2 ** this.attempt, maxMs);
    this.attempt += 1;
    this.restarts += 1;
    this.state = "crashed";
    this.reason = `crashed: ${reason}`;
    this.log.line("agent", `crashed (${reason}); restart ${this.restarts} in ${delay} ms`);
    this.deps.onEvent(this, { kind: "crashed", reason, restartInMs: delay });
    if (this.stopping) return;
    this.restartTimer = setTimeout(() => void this.launch(true), delay);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
