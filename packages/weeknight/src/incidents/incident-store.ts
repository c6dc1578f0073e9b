export const severities = ["sev1", "sev2", "sev3"] as const;
export type Severity = (typeof severities)[number];

export const incidentStates = ["open", "resolved"] as const;
export type IncidentState = (typeof incidentStates)[number];

/** The "repair holes in testing and monitoring" list: what would have caught it sooner. */
export const followUpKinds = ["missing-test", "missing-monitor", "process"] as const;
export type FollowUpKind = (typeof followUpKinds)[number];

export const eventKinds = [
  "opened",
  "reopened",
  "alert-fired",
  "alert-resolved",
  "deployment",
  "note",
  "root-cause",
  "follow-up-added",
  "follow-up-done",
  "follow-up-undone",
  "resolved",
] as const;
export type EventKind = (typeof eventKinds)[number];

/** Who acts when nobody did: automatic openings and alert events. */
export const SYSTEM_ACTOR = "weeknight";

export interface Incident {
  id: number;
  projectId: number;
  environment: string;
  title: string;
  severity: Severity;
  state: IncidentState;
  /** The deployment that most likely caused it (at most one incident each). */
  deploymentId: number | null;
  openedAt: number;
  openedBy: string;
  resolvedAt: number | null;
  rootCause: string | null;
  resolution: string | null;
}

export interface IncidentEvent {
  id: number;
  incidentId: number;
  at: number;
  kind: EventKind;
  text: string;
  actor: string;
  alertId: number | null;
  monitor: string | null;
  deploymentId: number | null;
}

export interface FollowUp {
  id: number;
  incidentId: number;
  kind: FollowUpKind;
  text: string;
  owner: string;
  done: boolean;
  createdAt: number;
  doneAt: number | null;
}

export type NewEvent = Omit<
  IncidentEvent,
  "id" | "incidentId" | "alertId" | "monitor" | "deploymentId"
> &
  Partial<Pick<IncidentEvent, "alertId" | "monitor" | "deploymentId">>;

export interface IncidentStore {
  /** Creates the incident and its first timeline events together. */
  create(incident: Omit<Incident, "id">, events: NewEvent[]): Promise<Incident>;
  get(id: number): Promise<Incident | null>;
  byDeployment(deploymentId: number): Promise<Incident | null>;
  list(filter: {
    projectId?: number;
    environment?: string;
    states?: IncidentState[];
    beforeId?: number;
    limit: number;
  }): Promise<Incident[]>;
  /** Changes fields and appends timeline events together. */
  update(
    id: number,
    patch: Partial<
      Pick<Incident, "state" | "severity" | "resolvedAt" | "rootCause" | "resolution">
    >,
    events: NewEvent[],
  ): Promise<void>;
  events(incidentId: number): Promise<IncidentEvent[]>;
  followUps(incidentId: number): Promise<FollowUp[]>;
  addFollowUp(
    followUp: Omit<FollowUp, "id" | "done" | "doneAt">,
    event: NewEvent,
  ): Promise<FollowUp>;
  setFollowUpDone(id: number, done: boolean, at: number, event: NewEvent): Promise<void>;
}
