/**
 * What every kind of monitor (web checks, metrics, logs) gives the scheduler: one run, with an
 * outcome. `inconclusive` (no data, NaN, too little traffic) is shown as such and never fails a
 * deployment or fires an alert by itself.
 */
export type CheckStatus = "pass" | "fail" | "inconclusive";

export interface CheckOutcome {
  status: CheckStatus;
  /** How long the run took (a request's response time, a page's load time). */
  durationMs: number;
  /** One sentence for people: what failed and how, e.g. `[STATUS] == 200 failed: got 503`. */
  message: string;
  /** Per-part results (conditions, rules, journey steps), for the dashboard. */
  parts?: { name: string; status: CheckStatus; message: string; value?: number | string | null }[];
}

export interface CheckContext {
  /** Aborted when the run's time is up or the server stops. */
  signal: AbortSignal;
  /** The release serving the environment now (e.g. `b12-d7`), or null. */
  release: string | null;
  /** When that release went live (epoch ms), for rules about "since the deploy". */
  releaseSince: number | null;
  now(): number;
}

/** One configured monitor, ready to run again and again (it may keep state between runs). */
export interface Check {
  run(context: CheckContext): Promise<CheckOutcome>;
  /** Releases resources (open files, browsers). */
  close?(): Promise<void>;
}
