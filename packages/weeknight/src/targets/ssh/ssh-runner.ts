import type { SshTargetConfig } from "../../config/config-schema.js";
import { parseHost } from "./ssh-config.js";
import { connectSsh, type SshConnection } from "./ssh-connection.js";
import type { KnownHosts } from "./ssh-known-hosts.js";
import type { SshStep } from "./ssh-plan.js";

export interface StepFailure {
  host: string;
  /** A user-facing sentence that starts with the host. */
  message: string;
}

export interface SshRunnerDeps {
  config: SshTargetConfig;
  knownHosts: KnownHosts | null;
  log(line: string): void;
  signal: AbortSignal;
  now(): number;
  sleep(ms: number): Promise<void>;
  connectTimeoutMs: number;
  healthIntervalMs: number;
}

/** Carries out plan steps over one SSH connection per host, opened on first use. */
export interface SshRunner {
  /** Each host's steps run in order and stop at its first failure; hosts run side by side. */
  run(steps: SshStep[]): Promise<StepFailure[]>;
  /** Runs one command on a host and returns its exit code and output, unlogged, to read state. */
  capture(host: string, command: string): Promise<{ code: number | null; output: string }>;
  close(): void;
}

export function createSshRunner(deps: SshRunnerDeps): SshRunner {
  const connections = new Map<string, Promise<SshConnection>>();
  const connection = (host: string): Promise<SshConnection> => {
    let open = connections.get(host);
    if (!open) {
      open = connectSsh({
        address: parseHost(host),
        user: deps.config.user,
        key: deps.config.key,
        knownHosts: deps.knownHosts,
        timeoutMs: deps.connectTimeoutMs,
        signal: deps.signal,
      });
      // Failures are reported by whichever step awaits it; this keeps Node from calling it unhandled.
      open.catch(() => {});
      connections.set(host, open);
    }
    return open;
  };
  const close = (): void => {
    for (const open of connections.values()) open.then((c) => c.close()).catch(() => {});
    connections.clear();
  };
  deps.signal.addEventListener("abort", close, { once: true });

  const runHost = async (host: string, steps: SshStep[]): Promise<StepFailure | null> => {
    const say = (line: string): void => deps.log(`[${host}] ${line}`);
    for (const step of steps) {
      if (deps.signal.aborted) return { host, message: `${host}: cancelled` };
      try {
        const ssh = await connection(host);
        const problem = await runStep(ssh, step, say, deps);
        if (problem !== null) return { host, message: `${host}: ${step.failure}${problem}` };
      } catch (error) {
        const message = (error as Error).message;
        return { host, message: message.includes(host) ? message : `${host}: ${message}` };
      }
    }
    return null;
  };

  return {
    async run(steps) {
      const byHost = new Map<string, SshStep[]>();
      for (const step of steps) byHost.set(step.host, [...(byHost.get(step.host) ?? []), step]);
      const results = await Promise.all(
        [...byHost].map(([host, hostSteps]) => runHost(host, hostSteps)),
      );
      return results.filter((failure): failure is StepFailure => failure !== null);
    },
    async capture(host, command) {
      const ssh = await connection(host);
      const lines: string[] = [];
      const code = await ssh.exec(command, (line) => lines.push(line));
      return { code, output: lines.join("\n") };
    },
    close,
  };
}

/** null when the step succeeded, else the detail to append to its `failure` sentence. */
async function runStep(
  ssh: SshConnection,
  step: SshStep,
  say: (line: string) => void,
  deps: SshRunnerDeps,
): Promise<string | null> {
  if (step.kind === "upload") {
    say(`upload ${step.from} → ${step.to}`);
    try {
      await ssh.upload(step.from, step.to);
      return null;
    } catch (error) {
      return `: ${(error as Error).message}`;
    }
  }
  if (step.kind === "health") return checkHealth(ssh, step, say, deps);
  say(`$ ${step.command}`);
  const { code, last } = await execLogged(ssh, step.command, say);
  return code === 0 ? null : exitDetail(code, last);
}

async function checkHealth(
  ssh: SshConnection,
  step: Extract<SshStep, { kind: "health" }>,
  say: (line: string) => void,
  deps: SshRunnerDeps,
): Promise<string | null> {
  say(`$ ${step.command} (retried for up to ${step.timeoutMs / 1000} s)`);
  const deadline = deps.now() + step.timeoutMs;
  for (;;) {
    const { code, last } = await execLogged(ssh, step.command, say);
    if (code === 0) {
      say("healthy");
      return null;
    }
    if (deps.signal.aborted) return ": cancelled";
    if (deps.now() + deps.healthIntervalMs > deadline) return exitDetail(code, last);
    await deps.sleep(deps.healthIntervalMs);
  }
}

async function execLogged(
  ssh: SshConnection,
  command: string,
  say: (line: string) => void,
): Promise<{ code: number | null; last: string }> {
  let last = "";
  const code = await ssh.exec(command, (line) => {
    say(line);
    if (line.trim() !== "") last = line.trim();
  });
  return { code, last };
}

function exitDetail(code: number | null, last: string): string {
  const how = code === null ? "the connection closed before it finished" : `exit ${code}`;
  return ` (${how})${last ? `: ${last}` : ""}`;
}
