import { join } from "node:path";
import type { CommandTargetConfig } from "../../config/config-schema.js";
import type { ProcessRunner } from "../../process/process-runner.js";
import { unpackRelease } from "../release-unpack.js";
import type { ApplyContext, ApplyResult, ReleaseSpec, Target, TargetStatus } from "../target.js";
import {
  type CommandPlan,
  type CommandStep,
  planCommandRelease,
  rollbackStep,
} from "./command-plan.js";

/** The team's own deploy, rollback and health scripts, run in the unpacked artifact. */
export function createCommandTarget(deps: {
  config: CommandTargetConfig;
  runner: ProcessRunner;
  /** Where releases are unpacked: `<dir>/<release id>`. */
  releasesDir: string;
  baseEnv: Record<string, string>;
}): Target<CommandPlan> {
  const { config } = deps;
  const dirOf = (release: ReleaseSpec) => join(deps.releasesDir, release.id);
  let lastHealthy: string | null = null;

  async function run(step: CommandStep, context: ApplyContext): Promise<string | null> {
    const result = await deps.runner.run({
      command: step.command,
      cwd: step.cwd,
      env: { ...deps.baseEnv, ...step.env },
      timeoutMs: step.timeoutMs,
      signal: context.signal,
      onLine: (line) => context.log(line),
    });
    return result.outcome.kind === "succeeded"
      ? null
      : `${step.command}: ${result.outcome.message}`;
  }

  async function rollBack(
    plan: CommandPlan,
    reason: string,
    context: ApplyContext,
  ): Promise<ApplyResult> {
    if (!plan.rollback) return { status: "failed", reason: `${reason}; nothing to roll back to` };
    await context.step("rolling-back", reason);
    const failed = await run(plan.rollback, context);
    return failed
      ? { status: "failed", reason: `${reason}; the rollback failed too: ${failed}` }
      : { status: "rolled-back", reason };
  }

  return {
    validate: () => [],
    plan: (release, previous) => planCommandRelease(config, release, previous, dirOf),
    async apply(plan, context) {
      await context.step("starting", `running ${config.deploy}`);
      await unpackRelease(plan.release.artifact, plan.releaseDir);
      const deployFailed = await run(plan.deploy, context);
      // Cancelled (e.g. a shutdown): whoever cancelled decides what happens next.
      if (context.signal.aborted) return { status: "failed", reason: "cancelled" };
      if (deployFailed) return rollBack(plan, deployFailed, context);
      if (plan.health) {
        await context.step("health-check", `running ${plan.health.command}`);
        const unhealthy = await run(plan.health, context);
        if (unhealthy) return rollBack(plan, `unhealthy: ${unhealthy}`, context);
      }
      lastHealthy = plan.release.id;
      return { status: "succeeded" };
    },
    async rollback(to, context) {
      await unpackRelease(to.artifact, dirOf(to));
      context.log(`running ${config.rollback} for ${to.id}`);
      const failed = await run(rollbackStep(config, to, dirOf(to)), context);
      if (failed) return { status: "failed", reason: failed };
      lastHealthy = to.id;
      return { status: "succeeded" };
    },
    async status(): Promise<TargetStatus> {
      return {
        live: lastHealthy,
        warm: null,
        healthy: lastHealthy !== null,
        detail: "the command target knows only what this server deployed since it started",
      };
    },
  };
}
