import type { DeploymentStep } from "../targets/target.js";

export const finishedSteps: readonly DeploymentStep[] = ["succeeded", "rolled-back", "failed"];

export interface Deployment {
  id: number;
  projectId: number;
  environment: string;
  buildId: number;
  releaseId: string;
  /** The deployment that was live when this one started: what a rollback returns to. */
  previousDeploymentId: number | null;
  step: DeploymentStep;
  trigger: string;
  reason: string | null;
  createdAt: number;
  updatedAt: number;
  finishedAt: number | null;
}

export interface StepRecord {
  step: DeploymentStep;
  detail: string | null;
  at: number;
}

export interface DeploymentStore {
  /** A rollback reuses the release id it returns to (`releaseId`); a new deploy gets `b<build>-d<id>`. */
  create(
    input: Omit<Deployment, "id" | "releaseId" | "step" | "reason" | "updatedAt" | "finishedAt"> & {
      releaseId?: string;
    },
  ): Promise<Deployment>;
  get(id: number): Promise<Deployment | null>;
  list(filter: {
    projectId?: number;
    environment?: string;
    beforeId?: number;
    limit: number;
  }): Promise<Deployment[]>;
  /** Records the step (and the timeline entry) before it is taken. */
  setStep(id: number, step: DeploymentStep, at: number, detail?: string | null): Promise<void>;
  steps(id: number): Promise<StepRecord[]>;
  /** Deployments a stopped server left between pending and a final step. */
  unfinished(): Promise<Deployment[]>;
  /** The newest deployment to the environment that succeeded: what is live. */
  live(projectId: number, environment: string): Promise<Deployment | null>;
  /**
   * The project's newest rollback: a deployment that ended `rolled-back` (automatic), or a
   * rollback someone asked for (trigger `rollback:<who>`) that succeeded.
   */
  lastRollback(projectId: number): Promise<Deployment | null>;
  /** Has this build a succeeded deployment to the environment? */
  succeededBuilds(projectId: number, environment: string): Promise<number[]>;
  /** Deployments to the environment that finished at or after `since`, oldest first (stats). */
  finishedSince(projectId: number, environment: string, since: number): Promise<Deployment[]>;
  recordRun(
    projectId: number,
    environment: string,
    at: number,
    skipReason: string | null,
  ): Promise<void>;
  lastRun(
    projectId: number,
    environment: string,
  ): Promise<{
    lastRunAt: number | null;
    lastSkipReason: string | null;
    lastSkipAt: number | null;
  } | null>;
}
