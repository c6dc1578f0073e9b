/**
 * A deploy target (Kamal-style): `plan` turns a release into plain data that unit tests
 * assert exactly; `apply` carries a plan out and reports each step before taking it.
 */

/** The steps of a deployment, in order; every one is persisted before it is taken. */
export const deploymentSteps = [
  "pending",
  "awaiting-approval",
  "backing-up",
  "starting",
  "health-check",
  "canary",
  "baking",
  "succeeded",
  "rolling-back",
  "rolled-back",
  "failed",
] as const;
export type DeploymentStep = (typeof deploymentSteps)[number];

/** One build's artifact, ready to run in an environment. */
export interface ReleaseSpec {
  /** Unique per environment, e.g. `b12-d7` (build 12, deployment 7). */
  id: string;
  buildId: number;
  project: string;
  environment: string;
  artifact: { path: string; sha256: string };
  health: { path: string; timeoutMs: number };
  canary: { traffic: number; bakeMs: number };
  rollbackWindowMs: number;
}

export interface ApplyContext {
  /** Persists the step, then resolves: only after that may the target take it. */
  step(step: DeploymentStep, detail?: string): Promise<void>;
  log(line: string): void;
  signal: AbortSignal;
}

export type ApplyResult =
  | { status: "succeeded" }
  | { status: "rolled-back"; reason: string }
  | { status: "failed"; reason: string };

export interface TargetStatus {
  /** The release serving now, if any. */
  live: string | null;
  /** A release kept warm for an instant rollback. */
  warm: string | null;
  healthy: boolean;
  detail: string;
  /** What the target saw happen lately (e.g. `crashed` with the restart), oldest first. */
  events?: { at: number; release: string | null; kind: string; message: string }[];
  /** How traffic is split now, for targets that split it (the agent's proxy); else absent. */
  routing?: TrafficRouting | null;
  /** Per-release traffic the target counted (the agent's proxy, during canary and bake). */
  traffic?: ReleaseTraffic[];
}

export interface TrafficRouting {
  active: string | null;
  canary: string | null;
  /** Share of clients sent to the canary. */
  percent: number;
}

export interface ReleaseTraffic {
  id: string;
  role: "active" | "canary" | "warm" | "none";
  /** What the target says of the release: starting, healthy, crashed, … */
  state: string;
  requests: number;
  errors5xx: number;
  p50Ms: number | null;
  p95Ms: number | null;
}

export interface Target<Plan> {
  /**
   * True when applying the same plan again is safe and picks up where it left off (the
   * agent holds the deployment itself): a restarted server then resumes instead of rolling back.
   */
  readonly resumable?: boolean;
  /** Problems with the target's configuration, each a user-facing sentence. */
  validate(): string[];
  /** `previous` is what serves now (null on the first deploy): the plan says how to return to it. */
  plan(release: ReleaseSpec, previous: ReleaseSpec | null): Plan;
  apply(plan: Plan, context: ApplyContext): Promise<ApplyResult>;
  /**
   * Puts `to` back in service at once (a rollback, or resuming after a restart). The caller
   * records the `rolling-back` step; `apply` records its own steps, including an automatic rollback.
   */
  rollback(to: ReleaseSpec, context: ApplyContext): Promise<ApplyResult>;
  status(): Promise<TargetStatus>;
}
