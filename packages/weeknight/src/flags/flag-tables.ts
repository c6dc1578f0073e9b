import type { Generated } from "kysely";

/** Row shapes of the flag tables (migration 0010). Timestamps are epoch ms; JSON is text. */
export interface FlagsTable {
  id: Generated<number>;
  project_id: number;
  key: string;
  type: string;
  description: string;
  created_by: string;
  created_at: number;
  archived_at: number | null;
  stale_notified_at: number | null;
}

export interface FlagEnvironmentsTable {
  id: Generated<number>;
  flag_id: number;
  environment: string;
  /** 0: killed, off for everyone; 1: the rules decide. */
  enabled: number;
  rules: string;
  variants: string;
  ramp: string | null;
  released_at: number | null;
  updated_by: string;
  updated_at: number;
}

export interface FlagSegmentsTable {
  id: Generated<number>;
  project_id: number;
  name: string;
  description: string;
  constraints: string;
  updated_by: string;
  updated_at: number;
}

export interface FlagSdkKeysTable {
  id: Generated<number>;
  project_id: number;
  environment: string;
  name: string;
  token_hash: string;
  prefix: string;
  created_by: string;
  created_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
}

export interface FlagEvaluationsTable {
  id: Generated<number>;
  project_id: number;
  environment: string;
  flag_key: string;
  variant: string;
  hour: number;
  yes: number;
  no: number;
}

export interface FlagClientsTable {
  id: Generated<number>;
  project_id: number;
  environment: string;
  app_name: string;
  instance_id: string;
  sdk_version: string;
  started_at: number;
  last_seen_at: number;
}

/** The tables this module reads and writes, for `db.withTables<FlagTables>()`. */
export type FlagTables = {
  flags: FlagsTable;
  flag_environments: FlagEnvironmentsTable;
  flag_segments: FlagSegmentsTable;
  flag_sdk_keys: FlagSdkKeysTable;
  flag_evaluations: FlagEvaluationsTable;
  flag_clients: FlagClientsTable;
};
