/** Anyone's "stop deploys to X, because…": an environment, a whole project, or one build or commit. */
export type BlockKind = "manual" | "rollback";

export interface Block {
  id: number;
  projectId: number;
  /** Null blocks every environment of the project. */
  environment: string | null;
  /** Set: only this build is held back. */
  buildId: number | null;
  /** Set: any change containing this commit is held back. */
  sha: string | null;
  /** `rollback`: placed by Weeknight after an automatic rollback, until someone confirms the fix. */
  kind: BlockKind;
  reason: string;
  createdBy: string;
  createdAt: number;
  expiresAt: number | null;
  liftedBy: string | null;
  liftedAt: number | null;
  liftReason: string | null;
}

export type NewBlock = Pick<
  Block,
  | "projectId"
  | "environment"
  | "buildId"
  | "sha"
  | "kind"
  | "reason"
  | "createdBy"
  | "createdAt"
  | "expiresAt"
>;

export interface BlockStore {
  create(block: NewBlock): Promise<Block>;
  get(id: number): Promise<Block | null>;
  /** Blocks in force at `now`: not lifted and not expired (all projects, or one). */
  active(now: number, projectId?: number): Promise<Block[]>;
  /** Every block, newest first, lifted and expired ones too. */
  history(filter: { projectId?: number; beforeId?: number; limit: number }): Promise<Block[]>;
  /** Lifts a block still in force; null when it was already lifted (or never existed). */
  lift(id: number, lift: { by: string; at: number; reason: string | null }): Promise<Block | null>;
}
