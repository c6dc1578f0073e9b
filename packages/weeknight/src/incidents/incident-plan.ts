import type { Incident } from "./incident-store.js";

/** An alert as the incidents need it (a monitor service `Alert` fits). */
export interface FiringAlert {
  id: number;
  projectId: number;
  environment: string;
  monitor: string;
  message: string;
  deploymentId: number | null;
  firedAt: number | null;
}

export type AlertIncidentPlan =
  | { kind: "none"; reason: string }
  | { kind: "append"; incident: Incident }
  | { kind: "open" };

/**
 * What a firing alert does: joins its suspect deploy's incident if there is one (one incident
 * per deploy, whenever the alert fires), else opens one if it fired within `windowMs` of the
 * deploy going live. An alert that names no deploy opens nothing by itself.
 */
export function planAlertIncident(input: {
  alert: FiringAlert;
  existing: Incident | null;
  deployFinishedAt: number | null;
  windowMs: number;
  now: number;
}): AlertIncidentPlan {
  const { alert, existing } = input;
  if (alert.deploymentId === null) return { kind: "none", reason: "the alert names no deploy" };
  if (existing) return { kind: "append", incident: existing };
  if (input.deployFinishedAt === null)
    return { kind: "none", reason: `deploy #${alert.deploymentId} never went live` };
  const after = (alert.firedAt ?? input.now) - input.deployFinishedAt;
  if (after > input.windowMs)
    return {
      kind: "none",
      reason: `fired ${Math.round(after / 60_000)} min after deploy #${alert.deploymentId} went live, outside the ${Math.round(input.windowMs / 60_000)} min window`,
    };
  return { kind: "open" };
}

export function automaticTitle(input: {
  deploymentId: number;
  project: string;
  environment: string;
  monitor: string;
}): string {
  return `deploy #${input.deploymentId} of ${input.project} to ${input.environment}: ${input.monitor} failing`;
}
