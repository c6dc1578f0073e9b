import type { paths } from "../api/schema.js";

/** The JSON a GET answers with, read from the generated schema so types are never written twice. */
type Answer<Path extends keyof paths> = paths[Path] extends {
  get: { responses: { 200: { content: { "application/json": infer Body } } } };
}
  ? Body
  : never;

export type EnvironmentView = Answer<"/api/v1/projects/{name}/environments/{env}">;
export type TargetStatusView = Answer<"/api/v1/projects/{name}/environments/{env}/status">;
export type DeploymentView = Answer<"/api/v1/deployments/{id}">;
