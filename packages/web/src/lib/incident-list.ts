import type { Answer } from "../api/answers.js";

export type IncidentSummary = Answer<"/api/v1/incidents">[number];
export type IncidentState = IncidentSummary["state"];
export type Severity = IncidentSummary["severity"];

export const severities: readonly Severity[] = ["sev1", "sev2", "sev3"];

/** What each severity means, as docs/incidents.md defines it; the chip shows the short name. */
export const severityLabels: Record<Severity, string> = {
  sev1: "sev1: users cannot work",
  sev2: "sev2: something users need is broken",
  sev3: "sev3: degraded",
};

/** The state filter of the incidents page, read from `?state=`; anything else means all. */
export const incidentFilters = ["all", "open", "resolved"] as const;
export type IncidentFilter = (typeof incidentFilters)[number];

export function parseIncidentFilter(value: string | null): IncidentFilter {
  return (incidentFilters as readonly string[]).includes(value ?? "")
    ? (value as IncidentFilter)
    : "all";
}

/** The lists the page shows for a filter, each with the `state=` it asks for: open ones first. */
export function incidentSections(
  filter: IncidentFilter,
): { title: string; state: IncidentState }[] {
  const open = { title: "Open", state: "open" as const };
  const resolved = { title: "Resolved", state: "resolved" as const };
  if (filter === "open") return [open];
  if (filter === "resolved") return [resolved];
  return [open, resolved];
}

const severityOrder: Record<Severity, number> = { sev1: 0, sev2: 1, sev3: 2 };

/**
 * Open incidents by severity (sev1 on top), then newest first; resolved ones by when they were
 * resolved, newest first. The id breaks ties so the order never flickers between refetches.
 */
export function sortIncidents(incidents: readonly IncidentSummary[]): IncidentSummary[] {
  const rank = (incident: IncidentSummary) =>
    incident.state === "open" ? severityOrder[incident.severity] : 3;
  const latest = (incident: IncidentSummary) => incident.resolvedAt ?? incident.openedAt;
  return [...incidents].sort((a, b) => rank(a) - rank(b) || latest(b) - latest(a) || b.id - a.id);
}

/** "opened by weeknight" reads badly: an alert opened it. */
export function openedByLabel(openedBy: string): string {
  return openedBy === "weeknight" ? "an alert (weeknight)" : openedBy;
}

export function incidentPath(id: number): string {
  return `/incidents/${id}`;
}

/**
 * Which incident each suspect deploy has, for the alerts page: there is one incident per
 * suspect deploy, so an alert's deployment names its incident.
 */
export function incidentsByDeployment(
  incidents: readonly IncidentSummary[],
): Map<number, IncidentSummary> {
  const byDeployment = new Map<number, IncidentSummary>();
  for (const incident of incidents) {
    if (incident.deploymentId !== null) byDeployment.set(incident.deploymentId, incident);
  }
  return byDeployment;
}
