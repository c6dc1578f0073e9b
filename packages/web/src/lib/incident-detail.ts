import type { Answer } from "../api/answers.js";

export type Incident = Answer<"/api/v1/incidents/{id}">;
export type TimelineEvent = Incident["timeline"][number];
export type TimelineKind = TimelineEvent["kind"];
export type FollowUp = Incident["followUps"][number];
export type FollowUpKind = FollowUp["kind"];

export const followUpKinds: readonly FollowUpKind[] = [
  "missing-test",
  "missing-monitor",
  "process",
];

/** What a follow-up of each kind asks for, for the kind select. */
export const followUpKindLabels: Record<FollowUpKind, string> = {
  "missing-test": "Missing test",
  "missing-monitor": "Missing monitor",
  process: "Process change",
};

const kindLabels: Record<TimelineKind, string> = {
  opened: "Opened",
  reopened: "Reopened",
  "alert-fired": "Alert fired",
  "alert-resolved": "Alert resolved",
  deployment: "Deploy",
  note: "Note",
  "root-cause": "Root cause",
  "follow-up-added": "Follow-up added",
  "follow-up-done": "Follow-up done",
  "follow-up-undone": "Follow-up reopened",
  resolved: "Resolved",
};

export function timelineKindLabel(kind: TimelineKind): string {
  return kindLabels[kind];
}

/** Oldest first, as a story reads; the id keeps events of the same millisecond in order. */
export function sortTimeline(events: readonly TimelineEvent[]): TimelineEvent[] {
  return [...events].sort((a, b) => a.at - b.at || a.id - b.id);
}

/** Where a timeline event of an alert links: the alerts page, filtered to the project. */
export function timelineAlertPath(event: TimelineEvent, project: string): string | null {
  if (event.kind !== "alert-fired" && event.kind !== "alert-resolved") return null;
  return `/alerts?project=${encodeURIComponent(project)}`;
}

/** Open follow-ups first, in the order they were added; done ones after. */
export function sortFollowUps(followUps: readonly FollowUp[]): FollowUp[] {
  return [...followUps].sort(
    (a, b) => Number(a.done) - Number(b.done) || a.createdAt - b.createdAt || a.id - b.id,
  );
}

/** "1 of 3 done", or nothing when there are none. */
export function followUpProgress(followUps: readonly FollowUp[]): string {
  if (followUps.length === 0) return "";
  return `${followUps.filter((followUp) => followUp.done).length} of ${followUps.length} done`;
}

/**
 * Why the Resolve button is disabled, or null when it may be pressed. The API refuses (409)
 * without a root cause; saying so beside the button saves the round trip.
 */
export function resolveBlocker(incident: Pick<Incident, "state" | "rootCause">): string | null {
  if (incident.state === "resolved") return "Already resolved";
  if (!incident.rootCause?.trim()) return "Set the root cause first";
  return null;
}

/** Whether a build may still be marked as fixing the incident: the API refuses once it is resolved. */
export function canMarkFix(incident: Pick<Incident, "state">): boolean {
  return incident.state === "open";
}

/** What the page says once the API has marked a build as fixing an incident. */
export function fixMarkedMessage(fix: { incident: number; build: number }): string {
  return `Build #${fix.build} is marked as fixing INC-${fix.incident}: defects-first lets it through`;
}
