export const buildStatuses = ["queued", "running", "passed", "failed", "cancelled"] as const;
export type BuildStatus = (typeof buildStatuses)[number];
export const stageStatuses = [
  "pending",
  "running",
  "passed",
  "failed",
  "timed-out",
  "cancelled",
  "skipped",
] as const;
export type StageStatus = (typeof stageStatuses)[number];

export interface Stage {
  position: number;
  name: string;
  status: StageStatus;
  startedAt: number | null;
  finishedAt: number | null;
  exitCode: number | null;
  message: string | null;
}

export interface Artifact {
  sha256: string;
  size: number;
  createdAt: number;
}

export interface Build {
  id: number;
  projectId: number;
  sha: string;
  branch: string;
  status: BuildStatus;
  trigger: string;
  /** The shas this build is the first to test, newest first. */
  commitShas: string[];
  queuedAt: number;
  startedAt: number | null;
  finishedAt: number | null;
  error: string | null;
  cancelRequested: boolean;
}

export interface CommitRecord {
  sha: string;
  authorName: string;
  authorEmail: string;
  message: string;
  committedAt: number;
}

export interface BuildStore {
  create(
    input: Pick<Build, "projectId" | "sha" | "branch" | "trigger" | "commitShas" | "queuedAt">,
  ): Promise<Build>;
  get(id: number): Promise<Build | null>;
  list(filter: {
    projectId?: number;
    status?: BuildStatus;
    beforeId?: number;
    limit: number;
  }): Promise<Build[]>;
  oldestQueued(): Promise<Build | null>;
  /** The newest passed builds that kept an artifact: what can be deployed. */
  deployable(projectId: number, limit: number): Promise<Build[]>;
  /** queued → running, only if still queued (so two runners never take one build). */
  claim(id: number, at: number): Promise<boolean>;
  finish(id: number, status: BuildStatus, at: number, error: string | null): Promise<void>;
  requestCancel(id: number): Promise<void>;
  /** Builds left running by a runner that died are queued again. */
  requeueRunning(): Promise<number[]>;
  /** The newest finished (passed/failed) build of the project before `id`. */
  previousFinished(projectId: number, beforeId: number): Promise<Build | null>;
  /**
   * For each bound, the status of the project's newest finished (passed/failed) build
   * before it (null when none), in one query for a whole list page.
   */
  finishedStatusBefore(
    bounds: { projectId: number; beforeId: number }[],
  ): Promise<(BuildStatus | null)[]>;
  lastPassed(projectId: number, beforeId: number): Promise<Build | null>;
  setStages(buildId: number, names: string[]): Promise<void>;
  updateStage(
    buildId: number,
    position: number,
    patch: Partial<Omit<Stage, "position" | "name">>,
  ): Promise<void>;
  stages(buildId: number): Promise<Stage[]>;
  /** Stages, artifacts and commits of many builds in three queries (list pages). */
  details(
    builds: Build[],
  ): Promise<Map<number, { stages: Stage[]; artifact: Artifact | null; commits: CommitRecord[] }>>;
  saveArtifact(buildId: number, artifact: Artifact): Promise<void>;
  artifact(buildId: number): Promise<Artifact | null>;
  saveCommits(projectId: number, commits: CommitRecord[]): Promise<void>;
  commits(projectId: number, shas: string[]): Promise<CommitRecord[]>;
}
