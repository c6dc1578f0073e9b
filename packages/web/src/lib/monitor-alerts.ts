import type { Answer } from "../api/answers.js";
import { environmentPath } from "./builds-overview.js";

export type AlertView = Answer<"/api/v1/alerts">[number];
export type AlertState = AlertView["state"];

const stateOrder: Record<AlertState, number> = { firing: 0, pending: 1, resolved: 2 };

/** Firing, then pending, then resolved; the newest first within each. */
export function sortAlerts(alerts: readonly AlertView[]): AlertView[] {
  const latest = (a: AlertView) => a.resolvedAt ?? a.firedAt ?? a.startedAt;
  return [...alerts].sort(
    (a, b) => stateOrder[a.state] - stateOrder[b.state] || latest(b) - latest(a) || b.id - a.id,
  );
}

/** The state filter of the alerts page, read from `?state=`; anything else means all. */
export const alertFilters = ["all", "open", "firing", "pending", "resolved"] as const;
export type AlertFilter = (typeof alertFilters)[number];

export function parseAlertFilter(value: string | null): AlertFilter {
  return (alertFilters as readonly string[]).includes(value ?? "") ? (value as AlertFilter) : "all";
}

/**
 * The lists the alerts page shows for a filter, each with the `state=` it asks the API for:
 * "all" is the open ones first, then the resolved ones.
 */
export function alertSections(filter: AlertFilter): { title: string; states: string }[] {
  const open = { title: "Open", states: "pending,firing" };
  const resolved = { title: "Resolved", states: "resolved" };
  if (filter === "all") return [open, resolved];
  if (filter === "open") return [open];
  if (filter === "resolved") return [resolved];
  return [{ title: filter === "firing" ? "Firing" : "Pending", states: filter }];
}

/** One line of the overview's banner: the monitors of one environment broken by one deploy. */
export interface FiringGroup {
  key: string;
  project: string;
  environment: string;
  monitors: string[];
  deploymentId: number | null;
  since: number;
  text: string;
}

/**
 * Groups firing alerts by project, environment and suspect deploy, as the notifier groups its
 * messages: "production: home page, health failing since deploy #12". Oldest problem first.
 */
export function groupFiring(
  alerts: readonly AlertView[],
  projectName: (projectId: number) => string,
): FiringGroup[] {
  const groups = new Map<string, FiringGroup>();
  for (const alert of alerts) {
    if (alert.state !== "firing") continue;
    const project = projectName(alert.projectId);
    const key = `${project}/${alert.environment}/${alert.deploymentId ?? "none"}`;
    const group = groups.get(key) ?? {
      key,
      project,
      environment: alert.environment,
      monitors: [],
      deploymentId: alert.deploymentId,
      since: alert.firedAt ?? alert.startedAt,
      text: "",
    };
    if (!group.monitors.includes(alert.monitor)) group.monitors.push(alert.monitor);
    group.since = Math.min(group.since, alert.firedAt ?? alert.startedAt);
    groups.set(key, group);
  }
  return [...groups.values()]
    .map((group) => ({ ...group, monitors: group.monitors.sort(), text: firingText(group) }))
    .sort((a, b) => a.since - b.since);
}

function firingText(group: FiringGroup): string {
  const monitors = [...group.monitors].sort().join(", ");
  const cause = group.deploymentId === null ? "" : ` since deploy #${group.deploymentId}`;
  return `${group.environment}: ${monitors} failing${cause}`;
}

/** Where an alert's suspect deploy is shown: its environment page with the deployment selected. */
export function suspectPath(project: string, environment: string, deploymentId: number): string {
  return `${environmentPath(project, environment)}?deployment=${deploymentId}`;
}
