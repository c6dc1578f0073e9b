import type { CheckStatus } from "./monitor-types.js";

export interface MonitorKey {
  projectId: number;
  environment: string;
  monitor: string;
}

/** One run of a monitor, with the release that was serving when it ran. */
export interface MonitorResult extends MonitorKey {
  id: number;
  at: number;
  status: CheckStatus;
  durationMs: number;
  message: string;
  release: string | null;
}

/** A monitor's latest result and failure streak: what survives a restart. */
export interface MonitorState extends MonitorKey {
  status: CheckStatus;
  /** Failed runs in a row (inconclusive runs neither add nor reset). */
  failures: number;
  failingSince: number | null;
  lastAt: number;
  message: string;
  durationMs: number;
  release: string | null;
}

export type RollupPeriod = "minute" | "hour";

/** Results of one monitor in one minute or hour. */
export interface MonitorRollup {
  start: number;
  runs: number;
  passes: number;
  failures: number;
  inconclusive: number;
  durationAvgMs: number;
  durationMaxMs: number;
}

export const alertStates = ["pending", "firing", "resolved"] as const;
export type AlertState = (typeof alertStates)[number];

export interface Alert extends MonitorKey {
  id: number;
  state: AlertState;
  message: string;
  /** The release serving when it started, and the deployment that made it live: the suspect. */
  release: string | null;
  deploymentId: number | null;
  startedAt: number;
  firedAt: number | null;
  resolvedAt: number | null;
}

export interface MonitorStore {
  /** Stores a run and the monitor's state after it, together. */
  record(result: Omit<MonitorResult, "id">, state: MonitorState): Promise<void>;
  states(projectId: number, environment: string): Promise<MonitorState[]>;
  results(filter: MonitorKey & { beforeId?: number; limit: number }): Promise<MonitorResult[]>;
  /**
   * Keeps history small: raw results older than `rawBefore` become per-minute rollups, minute
   * rollups older than `minuteBefore` become hourly ones, and hourly ones older than
   * `hourBefore` go. Each row is counted once: it is rolled up and deleted together.
   */
  compact(before: { rawBefore: number; minuteBefore: number; hourBefore: number }): Promise<void>;
  history(
    filter: MonitorKey & { period: RollupPeriod; from: number; to: number },
  ): Promise<MonitorRollup[]>;
  openAlert(alert: Omit<Alert, "id">): Promise<Alert>;
  updateAlert(
    id: number,
    patch: Partial<Pick<Alert, "state" | "message" | "firedAt" | "resolvedAt">>,
  ): Promise<void>;
  alerts(filter: {
    projectId?: number;
    environment?: string;
    states?: AlertState[];
    beforeId?: number;
    limit: number;
  }): Promise<Alert[]>;
}
