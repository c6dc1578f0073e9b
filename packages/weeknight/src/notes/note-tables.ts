import type { Generated } from "kysely";

/** Row shapes of the tables of release notes and announcements (migration 0011). */
export interface ReleaseNotesTable {
  id: Generated<number>;
  project_id: number;
  environment: string;
  build_id: number;
  deployment_id: number | null;
  from_sha: string | null;
  to_sha: string;
  entries: string;
  internal_md: string;
  customer_md: string;
  edited_by: string | null;
  edited_at: number | null;
  deployed_at: number | null;
  published_at: number | null;
  withdrawn_at: number | null;
  created_at: number;
  updated_at: number;
}

export interface AnnouncementsTable {
  id: Generated<number>;
  project_id: number;
  title: string;
  body_md: string;
  since: number;
  gathered: string;
  created_by: string;
  created_at: number;
  updated_by: string;
  updated_at: number;
  published_by: string | null;
  published_at: number | null;
}

export type NoteTables = {
  release_notes: ReleaseNotesTable;
  announcements: AnnouncementsTable;
};
