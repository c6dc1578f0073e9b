import type { paths } from "./schema.js";

/** The JSON a GET answers with, read from the generated schema so types are never written twice. */
export type Answer<Path extends keyof paths> = paths[Path] extends {
  get: { responses: { 200: { content: { "application/json": infer Body } } } };
}
  ? Body
  : never;

export type Overview = Answer<"/api/v1/overview">;
export type Build = Answer<"/api/v1/builds">[number];
/** One line of a build log as the server stores and streams it (also in `build.log` events). */
export type LogLine = Answer<"/api/v1/builds/{id}/log">[number];
export type EnvironmentView = Answer<"/api/v1/projects/{name}/environments/{env}">;
export type TargetStatusView = Answer<"/api/v1/projects/{name}/environments/{env}/status">;
export type DeploymentView = Answer<"/api/v1/deployments/{id}">;
/** What decides whether the candidate may go out: risk, approvals, blocks, and every hold. */
export type EnvironmentControl = NonNullable<EnvironmentView["control"]>;
export type Risk = NonNullable<EnvironmentControl["risk"]>;
/** A block as the API reports it (`environment` null: the whole project). */
export type Block = Answer<"/api/v1/blocks">[number];
export type Calendar = Answer<"/api/v1/calendar">;
export type CalendarEnvironment = Calendar["environments"][number];
export type AuditEntry = Answer<"/api/v1/audit">[number];
