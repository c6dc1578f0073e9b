import { finishedSteps } from "../deployments/deployment-store.js";
import type { DeploymentStep } from "../targets/target.js";

export const environmentHealths = ["healthy", "failing", "deploying", "unknown"] as const;
export type EnvironmentHealth = (typeof environmentHealths)[number];

export interface HealthInput {
  /** The newest deployment to the environment, whatever its step. */
  lastDeployment: {
    id: number;
    step: DeploymentStep;
    reason: string | null;
    finishedAt: number | null;
  } | null;
  /** The target's last polled status (by the crash watch) and when it was read, if any yet. */
  status: { healthy: boolean; detail: string; at: number } | null;
}

/**
 * One word for an environment's state on the overview, and one sentence why. A deployment
 * that ended badly counts as failing until one succeeds, even if the old release serves
 * fine: the team has something to look at.
 */
export function environmentHealth(input: HealthInput): {
  health: EnvironmentHealth;
  healthDetail: string | null;
} {
  const last = input.lastDeployment;
  if (!last) return { health: "unknown", healthDetail: "Nothing has been deployed here yet." };
  if (!finishedSteps.includes(last.step)) {
    return { health: "deploying", healthDetail: `Deployment #${last.id} is at step ${last.step}.` };
  }
  if (last.step === "failed" || last.step === "rolled-back") {
    const verb = last.step === "failed" ? "failed" : "was rolled back";
    return {
      health: "failing",
      healthDetail: sentence(
        `Deployment #${last.id} ${verb}${last.reason ? `: ${last.reason}` : ""}`,
      ),
    };
  }
  if (!input.status) {
    return { health: "unknown", healthDetail: "No status from the target yet." };
  }
  // Read before the deployment went live: it describes the old release. The new one has
  // just passed its health check, which is newer news.
  if (last.finishedAt !== null && input.status.at < last.finishedAt) {
    return {
      health: "healthy",
      healthDetail: `Deployment #${last.id} went live after passing its health check.`,
    };
  }
  return {
    health: input.status.healthy ? "healthy" : "failing",
    healthDetail: input.status.detail ? sentence(input.status.detail) : null,
  };
}

/** Capitalised, ending with a full stop, on one line. */
function sentence(text: string): string {
  const line = text.replace(/\s+/g, " ").trim();
  if (line === "") return line;
  const capital = line[0]?.toUpperCase() + line.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}
