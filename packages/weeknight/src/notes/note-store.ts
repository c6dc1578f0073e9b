import type { NoteEntry } from "./commit-notes.js";

/** Release notes of one build going to one environment: drafted before, kept after the deploy. */
export interface ReleaseNotes {
  id: number;
  projectId: number;
  environment: string;
  buildId: number;
  /** The deployment that took the build there (the latest, if several). */
  deploymentId: number | null;
  fromSha: string | null;
  toSha: string;
  entries: NoteEntry[];
  /** Markdown for the team: every commit. */
  internal: string;
  /** Markdown for customers; empty = nothing for them. */
  customer: string;
  editedBy: string | null;
  editedAt: number | null;
  /** When the deployment went live. */
  deployedAt: number | null;
  /** When the customer notes went to the public changelog (publishing environments only). */
  publishedAt: number | null;
  /** When the deployment was rolled back: the notes leave the public changelog. */
  withdrawnAt: number | null;
  createdAt: number;
  updatedAt: number;
}

export type NewReleaseNotes = Pick<
  ReleaseNotes,
  | "projectId"
  | "environment"
  | "buildId"
  | "fromSha"
  | "toSha"
  | "entries"
  | "internal"
  | "customer"
>;

export interface NoteStore {
  /**
   * Creates the notes of a build for an environment, or redrafts them from a new range; notes
   * someone edited keep their markdown (only the entries follow the range).
   */
  draft(notes: NewReleaseNotes, now: number): Promise<ReleaseNotes>;
  get(id: number): Promise<ReleaseNotes | null>;
  find(projectId: number, environment: string, buildId: number): Promise<ReleaseNotes | null>;
  /** Newest first. */
  list(filter: {
    projectId: number;
    environment?: string;
    beforeId?: number;
    limit: number;
  }): Promise<ReleaseNotes[]>;
  update(
    id: number,
    patch: Partial<
      Pick<
        ReleaseNotes,
        | "deploymentId"
        | "internal"
        | "customer"
        | "editedBy"
        | "editedAt"
        | "deployedAt"
        | "publishedAt"
        | "withdrawnAt"
      >
    >,
    now: number,
  ): Promise<ReleaseNotes>;
  /** On the public changelog: published, not withdrawn, with customer text; newest first. */
  published(projectId: number, filter: { since?: number; limit: number }): Promise<ReleaseNotes[]>;
}
