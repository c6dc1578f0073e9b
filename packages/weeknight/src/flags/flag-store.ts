import type { Constraint, FlagType, Rule, Variant } from "@weeknight/flags-sdk";

/** One step of a scheduled ramp: at `at`, roll the flag out to `percent`. */
export interface RampStep {
  at: number;
  percent: number;
  appliedAt: number | null;
}

/** Scheduled rollout steps for one environment; paused while an alert fires there. */
export interface Ramp {
  steps: RampStep[];
  /** The context field whose values are bucketed, e.g. `customerId`. */
  stickiness: string;
  createdBy: string;
  pausedAt: number | null;
  pausedReason: string | null;
}

/** What an environment's SDKs evaluate. */
export interface FlagConfig {
  /** false: killed, off for everyone whatever the rules say. */
  enabled: boolean;
  rules: Rule[];
  variants: Variant[];
}

export interface FlagEnvironment extends FlagConfig {
  environment: string;
  ramp: Ramp | null;
  /** When the flag last became on for everyone here (kept while it stays released). */
  releasedAt: number | null;
  updatedBy: string;
  updatedAt: number;
}

export interface FlagRecord {
  id: number;
  projectId: number;
  key: string;
  type: FlagType;
  description: string;
  createdBy: string;
  createdAt: number;
  archivedAt: number | null;
  staleNotifiedAt: number | null;
  /** Only the environments someone has configured; the others are off. */
  environments: FlagEnvironment[];
}

export type NewFlag = Pick<
  FlagRecord,
  "projectId" | "key" | "type" | "description" | "createdBy" | "createdAt"
>;

export interface SegmentRecord {
  name: string;
  description: string;
  constraints: Constraint[];
  updatedBy: string;
  updatedAt: number;
}

export interface FlagStore {
  /** Null when the project already has a flag with that key. */
  create(flag: NewFlag): Promise<FlagRecord | null>;
  get(projectId: number, key: string): Promise<FlagRecord | null>;
  /** A project's flags by key, archived ones only when asked. */
  list(projectId: number, options?: { archived?: boolean }): Promise<FlagRecord[]>;
  /** Every project's flags that are not archived (ramps and stale checks). */
  active(): Promise<FlagRecord[]>;
  update(
    id: number,
    patch: Partial<Pick<FlagRecord, "type" | "description" | "archivedAt" | "staleNotifiedAt">>,
  ): Promise<void>;
  saveEnvironment(flagId: number, environment: FlagEnvironment): Promise<void>;
  segments(projectId: number): Promise<SegmentRecord[]>;
  saveSegment(projectId: number, segment: SegmentRecord): Promise<void>;
  /** False when there was no such segment. */
  deleteSegment(projectId: number, name: string): Promise<boolean>;
}
