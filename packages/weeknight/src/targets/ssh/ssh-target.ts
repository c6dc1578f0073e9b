import { setTimeout as delay } from "node:timers/promises";
import { type Clock, systemClock } from "../../clock.js";
import type { SshTargetConfig } from "../../config/config-schema.js";
import type { ApplyContext, ApplyResult, ReleaseSpec, Target, TargetStatus } from "../target.js";
import { healthCommand, parseState, stateCommand } from "./ssh-commands.js";
import { validateSshConfig } from "./ssh-config.js";
import { parseKnownHosts } from "./ssh-known-hosts.js";
import { planSshDeploy, planSshRollback, type SshBatch, type SshPlan } from "./ssh-plan.js";
import { createSshRunner, type SshRunner, type StepFailure } from "./ssh-runner.js";

export interface SshTargetDeps {
  /** After secret interpolation: `key` and `known_hosts` hold the text itself. */
  config: SshTargetConfig;
  /** The environment's health path, for `status()`; a release carries its own. */
  healthPath?: string;
  clock?: Clock;
  sleep?: (ms: number) => Promise<void>;
  /** An unreachable host fails after this long (default 10 s). */
  connectTimeoutMs?: number;
  /** Pause between health check attempts (default 500 ms). */
  healthIntervalMs?: number;
}

const NO_KNOWN_HOSTS_WARNING =
  "warning: target.known_hosts is not set, so any host key is accepted — set it to the output of `ssh-keyscan <host>` to rule out a man in the middle";

/** The agentless target: SFTP upload, a `current` symlink switched atomically, batches of hosts. */
export function createSshTarget(deps: SshTargetDeps): Target<SshPlan> {
  const { config } = deps;
  const clock = deps.clock ?? systemClock;
  const knownHosts = config.known_hosts === undefined ? null : parseKnownHosts(config.known_hosts);
  let warned = false;

  const runnerFor = (log: (line: string) => void, signal: AbortSignal): SshRunner =>
    createSshRunner({
      config,
      knownHosts,
      log,
      signal,
      now: () => clock.now(),
      sleep: deps.sleep ?? ((ms) => delay(ms, undefined, { signal }).catch(() => {})),
      connectTimeoutMs: deps.connectTimeoutMs ?? 10_000,
      healthIntervalMs: deps.healthIntervalMs ?? 500,
    });
  const warnOnce = (context: ApplyContext): void => {
    if (knownHosts !== null || warned) return;
    warned = true;
    context.log(NO_KNOWN_HOSTS_WARNING);
  };

  return {
    validate: () => validateSshConfig(config),
    plan: (release: ReleaseSpec, previous: ReleaseSpec | null) =>
      planSshDeploy(config, release, previous),

    async apply(plan, context) {
      warnOnce(context);
      const runner = runnerFor(context.log, context.signal);
      try {
        return await deploy(plan, runner, context);
      } finally {
        runner.close();
      }
    },

    async rollback(to, context) {
      const plan = planSshRollback(config, to);
      warnOnce(context);
      const runner = runnerFor(context.log, context.signal);
      try {
        const switched = await runner.run(plan.switch);
        if (switched.length > 0) return { status: "failed", reason: summary(switched) };
        const health = await runner.run(plan.health);
        if (health.length > 0) return { status: "failed", reason: summary(health) };
        context.log(`release ${to.id} is back on ${config.hosts.join(", ")}`);
        return { status: "succeeded" };
      } finally {
        runner.close();
      }
    },

    async status() {
      const runner = runnerFor(() => {}, new AbortController().signal);
      try {
        return await readStatus(config, runner, deps.healthPath ?? "/health");
      } finally {
        runner.close();
      }
    },
  };
}

async function deploy(
  plan: SshPlan,
  runner: SshRunner,
  context: ApplyContext,
): Promise<ApplyResult> {
  const hostCount = plan.batches.reduce((n, batch) => n + batch.hosts.length, 0);
  await context.step(
    "starting",
    `release ${plan.release} to ${hostCount} host(s) in ${plan.batches.length} batch(es)`,
  );
  const switched: SshBatch[] = [];
  let checking = false;
  const undo = (failures: StepFailure[]) =>
    revert(plan, switched, summary(failures), runner, context);
  for (const [index, batch] of plan.batches.entries()) {
    context.log(`batch ${index + 1}/${plan.batches.length}: ${batch.hosts.join(", ")}`);
    const prepared = await runner.run(batch.prepare);
    if (prepared.length > 0) {
      if (!context.signal.aborted) await runner.run(batch.discard);
      return undo(prepared);
    }
    switched.push(batch);
    const restarted = await runner.run(batch.switch);
    if (restarted.length > 0) return undo(restarted);
    if (batch.health.length === 0) continue;
    if (!checking) {
      checking = true;
      await context.step("health-check", `release ${plan.release}`);
    }
    const unhealthy = await runner.run(batch.health);
    if (unhealthy.length > 0) return undo(unhealthy);
  }
  const pruned = await runner.run(plan.prune);
  for (const failure of pruned) context.log(`warning: ${failure.message}`);
  return { status: "succeeded" };
}

/** Puts every host that may serve the new release back on the previous one. */
async function revert(
  plan: SshPlan,
  switched: SshBatch[],
  reason: string,
  runner: SshRunner,
  context: ApplyContext,
): Promise<ApplyResult> {
  const hosts = switched.flatMap((batch) => batch.hosts);
  if (hosts.length === 0) return { status: "failed", reason };
  if (context.signal.aborted) {
    return {
      status: "failed",
      reason: `${reason}; ${hosts.join(", ")} may serve release ${plan.release} — roll back`,
    };
  }
  if (plan.previous === null) {
    return {
      status: "failed",
      reason: `${reason}; this was the first release, so there is none to return to on ${hosts.join(", ")}`,
    };
  }
  await context.step("rolling-back", reason);
  const failures = await runner.run(switched.flatMap((batch) => batch.revert));
  if (failures.length > 0) {
    return { status: "failed", reason: `${reason}; rolling back failed too: ${summary(failures)}` };
  }
  context.log(`rolled back ${hosts.join(", ")} to release ${plan.previous}`);
  return { status: "rolled-back", reason };
}

interface HostState {
  host: string;
  current: string | null;
  previous: string | null;
  reached: boolean;
  problem: string | null;
}

async function readStatus(
  config: SshTargetConfig,
  runner: SshRunner,
  healthPath: string,
): Promise<TargetStatus> {
  const states = await Promise.all(
    config.hosts.map(async (host): Promise<HostState> => {
      try {
        const { output } = await runner.capture(host, stateCommand(config.path));
        const state = parseState(output);
        if (state.current === null || config.port === undefined)
          return { host, ...state, reached: true, problem: null };
        const health = await runner.capture(host, healthCommand(config.port, healthPath));
        const problem =
          health.code === 0 ? null : `${host}: health check failed: ${lastLine(health.output)}`;
        return { host, ...state, reached: true, problem };
      } catch (error) {
        const problem = (error as Error).message;
        return { host, current: null, previous: null, reached: false, problem };
      }
    }),
  );
  const problems = states.flatMap((s) => (s.problem ? [s.problem] : []));
  const reached = states.filter((s) => s.reached);
  const live = reached.find((s) => s.current !== null)?.current ?? null;
  const warm = reached.find((s) => s.current === live && s.previous !== null)?.previous ?? null;
  const apart = reached.filter((s) => s.current !== live);
  if (apart.length > 0) {
    problems.push(
      `hosts disagree: ${reached.map((s) => `${s.host} → ${s.current ?? "none"}`).join(", ")}`,
    );
  }
  if (live === null && problems.length === 0) problems.push("no release is deployed yet");
  const checked = config.port === undefined ? " (no port: health not checked)" : "";
  return {
    live,
    warm,
    healthy: problems.length === 0,
    detail:
      problems.length > 0
        ? problems.join("; ")
        : `release ${live} on ${config.hosts.length} host(s)${checked}`,
  };
}

function summary(failures: StepFailure[]): string {
  return failures.map((failure) => failure.message).join("; ");
}

function lastLine(output: string): string {
  return output.trim().split("\n").at(-1) ?? "no output";
}
