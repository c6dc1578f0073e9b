import type { Clock } from "../clock.js";
import type { DeploymentGate } from "../deployments/gated-apply.js";
import { type CheckFactory, safeCheck, siteOf } from "./check-site.js";

const GATE_INTERVAL_MS = 2_000;

/**
 * A deployment's gate: the environment's `gate: true` monitors, from the deploying build's own
 * weeknight.yml, set up when the deployment starts (a log file is read from there) and run every
 * couple of seconds once the new release serves, until the deployment ends. Resolves with the
 * first failure; inconclusive results never fail it.
 */
export function createDeploymentGate(deps: {
  makeCheck: CheckFactory;
  clock: Clock;
}): DeploymentGate {
  const { clock } = deps;
  return (input) => {
    const site = siteOf(input.project, input.environment, input.config, "gate");
    const gates = input.config.monitors
      .filter((m) => m.gate)
      .map((config) => ({ config, check: safeCheck(deps.makeCheck, config, site) }));
    // Errors the new release logs from its start count, not only from the canary on.
    const since = clock.now();
    return new Promise<string>((resolve) => {
      let done = false;
      const finish = () => {
        done = true;
        for (const { check } of gates) void check.close?.();
      };
      input.signal.addEventListener("abort", finish, { once: true });
      const watch = async () => {
        await input.begin;
        while (!done) {
          for (const { config, check } of gates) {
            if (done) return;
            const outcome = await check
              .run({
                signal: AbortSignal.any([input.signal, AbortSignal.timeout(config.interval)]),
                release: input.release,
                releaseSince: since,
                now: () => clock.now(),
              })
              .catch((error: Error) => ({ status: "fail" as const, message: error.message }));
            if (outcome.status === "fail" && !done) {
              finish();
              resolve(`monitor "${config.name}" failed: ${outcome.message}`);
              return;
            }
          }
          await new Promise((r) => setTimeout(r, GATE_INTERVAL_MS));
        }
      };
      void watch();
    });
  };
}
