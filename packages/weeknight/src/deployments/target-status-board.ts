import type { TargetStatus } from "../targets/target.js";

export interface PolledStatus {
  status: TargetStatus;
  /** When it was read (epoch ms). */
  at: number;
}

/**
 * The latest status the crash watch read from each live environment's target, so pages can
 * show health without calling a target per request. Kept in memory: a restarted server
 * knows again after the watch's first tick.
 */
export function createTargetStatusBoard() {
  const latest = new Map<string, PolledStatus>();
  const key = (project: string, environment: string) => `${project}/${environment}`;
  return {
    /** Stores the status; returns the one it replaced (to tell a change). */
    record(project: string, environment: string, polled: PolledStatus): PolledStatus | undefined {
      const previous = latest.get(key(project, environment));
      latest.set(key(project, environment), polled);
      return previous;
    },
    get: (project: string, environment: string): PolledStatus | null =>
      latest.get(key(project, environment)) ?? null,
  };
}

export type TargetStatusBoard = ReturnType<typeof createTargetStatusBoard>;
