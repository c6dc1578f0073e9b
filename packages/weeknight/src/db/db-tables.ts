import type { Generated } from "kysely";
import type { BackupsTable } from "../backups/backup-tables.js";

/** Row shapes of every table. Timestamps are epoch milliseconds; JSON is stored as text. */
export interface UsersTable {
  id: Generated<number>;
  username: string;
  password_hash: string;
  role: string;
  created_at: number;
}

export interface ApiTokensTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  token_hash: string;
  prefix: string;
  created_at: number;
  last_used_at: number | null;
}

export interface ProjectsTable {
  id: Generated<number>;
  name: string;
  repo_url: string;
  branch: string;
  poll_interval_ms: number;
  webhook_secret: string;
  created_at: number;
  last_polled_at: number | null;
  last_seen_sha: string | null;
}

export interface SecretsTable {
  id: Generated<number>;
  project_id: number;
  name: string;
  value: string;
  updated_at: number;
}

export interface CommitsTable {
  id: Generated<number>;
  project_id: number;
  sha: string;
  author_name: string;
  author_email: string;
  message: string;
  committed_at: number;
}

export interface BuildsTable {
  id: Generated<number>;
  project_id: number;
  sha: string;
  branch: string;
  status: string;
  trigger: string;
  /** JSON array of the shas this build is the first to test, newest first. */
  commit_shas: string;
  queued_at: number;
  started_at: number | null;
  finished_at: number | null;
  error: string | null;
  cancel_requested: Generated<number>;
}

export interface BuildStagesTable {
  id: Generated<number>;
  build_id: number;
  position: number;
  name: string;
  status: string;
  started_at: number | null;
  finished_at: number | null;
  exit_code: number | null;
  message: string | null;
}

export interface ArtifactsTable {
  id: Generated<number>;
  build_id: number;
  sha256: string;
  size: number;
  created_at: number;
}

export interface DeliveriesTable {
  id: Generated<number>;
  project_id: number;
  build_id: number | null;
  event: string;
  channel: string;
  target: string;
  status: string;
  attempts: number;
  last_error: string | null;
  created_at: number;
  finished_at: number | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: number;
  actor: string;
  action: string;
  target: string;
  details: string;
  project: string | null;
  environment: string | null;
}

export interface DeploymentsTable {
  id: Generated<number>;
  project_id: number;
  environment: string;
  build_id: number;
  release_id: string;
  previous_deployment_id: number | null;
  step: string;
  trigger: string;
  reason: string | null;
  created_at: number;
  updated_at: number;
  finished_at: number | null;
}

export interface DeploymentStepsTable {
  id: Generated<number>;
  deployment_id: number;
  step: string;
  detail: string | null;
  at: number;
}

export interface EnvironmentRunsTable {
  project_id: number;
  environment: string;
  last_run_at: number | null;
  last_skip_reason: string | null;
  last_skip_at: number | null;
}

export interface SessionsTable {
  id_hash: string;
  user_id: number;
  csrf_token: string;
  created_at: number;
  expires_at: number;
}

export interface MonitorResultsTable {
  id: Generated<number>;
  project_id: number;
  environment: string;
  monitor: string;
  at: number;
  status: string;
  duration_ms: number;
  message: string;
  release: string | null;
}

export interface MonitorStatesTable {
  project_id: number;
  environment: string;
  monitor: string;
  status: string;
  failures: number;
  failing_since: number | null;
  last_at: number;
  message: string;
  duration_ms: number;
  release: string | null;
}

export interface AlertsTable {
  id: Generated<number>;
  project_id: number;
  environment: string;
  monitor: string;
  state: string;
  message: string;
  release: string | null;
  deployment_id: number | null;
  started_at: number;
  fired_at: number | null;
  resolved_at: number | null;
}

export interface IncidentsTable {
  id: Generated<number>;
  project_id: number;
  environment: string;
  title: string;
  severity: string;
  state: string;
  deployment_id: number | null;
  opened_at: number;
  opened_by: string;
  resolved_at: number | null;
  root_cause: string | null;
  resolution: string | null;
}

export interface IncidentEventsTable {
  id: Generated<number>;
  incident_id: number;
  at: number;
  kind: string;
  text: string;
  actor: string;
  alert_id: number | null;
  monitor: string | null;
  deployment_id: number | null;
}

export interface IncidentFollowUpsTable {
  id: Generated<number>;
  incident_id: number;
  kind: string;
  text: string;
  owner: string;
  /** 0 or 1. */
  done: Generated<number>;
  created_at: number;
  done_at: number | null;
}

export interface MonitorRollupsTable {
  project_id: number;
  environment: string;
  monitor: string;
  period: string;
  start: number;
  runs: number;
  passes: number;
  failures: number;
  inconclusive: number;
  duration_sum: number;
  duration_max: number;
}

export interface SilencesTable {
  id: Generated<number>;
  project_id: number;
  environment: string;
  monitor: string | null;
  reason: string;
  created_by: string;
  created_at: number;
  until: number;
}

export interface BlocksTable {
  id: Generated<number>;
  project_id: number;
  environment: string | null;
  build_id: number | null;
  sha: string | null;
  kind: string;
  reason: string;
  created_by: string;
  created_at: number;
  expires_at: number | null;
  lifted_by: string | null;
  lifted_at: number | null;
  lift_reason: string | null;
}

export interface ApprovalsTable {
  id: Generated<number>;
  project_id: number;
  environment: string;
  build_id: number;
  approved_by: string;
  comment: string | null;
  created_at: number;
}

export interface IncidentFixesTable {
  id: Generated<number>;
  incident_id: number;
  build_id: number;
  marked_by: string;
  created_at: number;
}

export interface Tables {
  users: UsersTable;
  api_tokens: ApiTokensTable;
  projects: ProjectsTable;
  secrets: SecretsTable;
  commits: CommitsTable;
  builds: BuildsTable;
  build_stages: BuildStagesTable;
  artifacts: ArtifactsTable;
  deliveries: DeliveriesTable;
  audit_log: AuditLogTable;
  deployments: DeploymentsTable;
  deployment_steps: DeploymentStepsTable;
  environment_runs: EnvironmentRunsTable;
  backups: BackupsTable;
  sessions: SessionsTable;
  monitor_results: MonitorResultsTable;
  monitor_states: MonitorStatesTable;
  alerts: AlertsTable;
  silences: SilencesTable;
  monitor_rollups: MonitorRollupsTable;
  incidents: IncidentsTable;
  incident_events: IncidentEventsTable;
  incident_follow_ups: IncidentFollowUpsTable;
  blocks: BlocksTable;
  approvals: ApprovalsTable;
  incident_fixes: IncidentFixesTable;
}
