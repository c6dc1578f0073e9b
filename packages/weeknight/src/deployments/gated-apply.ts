import { setTimeout as sleep } from "node:timers/promises";
import type { EnvironmentConfig } from "../config/config-schema.js";
import type { Project } from "../projects/project-store.js";
import type {
  ApplyContext,
  ApplyResult,
  DeploymentStep,
  ReleaseSpec,
  Target,
} from "../targets/target.js";

/**
 * Watches a deployment's new release while it serves (canary and bake) with the
 * environment's `gate: true` monitors; resolves with the reason when one fails. Never resolves
 * while they pass; stops when `signal` aborts (wired to the monitors module).
 */
export type DeploymentGate = (input: {
  project: Project;
  environment: string;
  config: EnvironmentConfig;
  release: string;
  /** Resolves when the new release starts serving: judging starts then. */
  begin: Promise<void>;
  signal: AbortSignal;
}) => Promise<string>;

/**
 * Steps during which the new release serves public traffic, so gate monitors (which watch the
 * environment's public URL) judge it. During the health check a target probes the release
 * itself, which may not be public yet (a first deploy has nothing behind the public port).
 */
const gatedSteps: ReadonlySet<DeploymentStep> = new Set(["canary", "baking"]);

/**
 * Applies the plan while the gate monitors watch. A failing gate stops the apply and puts the
 * previous release back (or fails a first deployment, which has nothing to return to).
 */
export async function applyGated(
  gate: DeploymentGate | undefined,
  target: Target<unknown>,
  release: ReleaseSpec,
  previous: ReleaseSpec | null,
  context: ApplyContext,
  where: { project: Project; environment: string; config: EnvironmentConfig },
): Promise<ApplyResult> {
  if (!gate || !where.config.monitors.some((m) => m.gate)) {
    return target.apply(target.plan(release, previous), context);
  }
  const watching = new AbortController();
  const applying = new AbortController();
  const stop = () => applying.abort(context.signal.reason);
  context.signal.addEventListener("abort", stop, { once: true });
  try {
    // The gate is set up now (a log file is read from here on) and judges from the canary on:
    // before it, the new release is not serving.
    let startGate = () => {};
    const begin = new Promise<void>((resolve) => {
      startGate = resolve;
    });
    const failed = gate({ ...where, release: release.id, begin, signal: watching.signal }).then(
      (reason) => ({ gate: reason }),
    );
    let baked = false;
    let overruled = false;
    const gated: ApplyContext = {
      ...context,
      signal: applying.signal,
      step: async (step, detail) => {
        // Once a gate failed, the rollback below tells the story, not the stopped apply.
        if (overruled) return;
        await context.step(step, detail);
        if (gatedSteps.has(step)) startGate();
        if (step === "baking") baked = true;
      },
    };
    const applied = target.apply(target.plan(release, previous), gated).then(async (result) => {
      // A target without a bake of its own (command, ssh) bakes here, watched by the gates.
      if (result.status !== "succeeded" || baked) return { result };
      const bake = where.config.canary.bake;
      await gated.step("baking", `watching the gate monitors for ${Math.round(bake / 1000)} s`);
      await sleep(bake, undefined, { signal: applying.signal }).catch(() => {});
      return { result };
    });
    const first = await Promise.race([failed, applied]);
    if ("result" in first) return first.result;
    overruled = true;
    applying.abort(new Error(first.gate));
    await applied.catch(() => {});
    const reason = `gate ${first.gate}`;
    context.log(reason);
    if (!previous) return { status: "failed", reason };
    await context.step("rolling-back", reason);
    const back = await target.rollback(previous, context);
    return back.status === "succeeded" ? { status: "rolled-back", reason } : back;
  } finally {
    watching.abort();
    context.signal.removeEventListener("abort", stop);
  }
}
