import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { DeploymentView, EnvironmentView } from "../api/answers.js";
import { api, unwrap } from "../api/client.js";
import { useUser } from "../app/session.js";
import { ConfirmButton } from "./confirm-button.js";
import { DeploymentBuildDialog } from "./deployment-build-dialog.js";
import { ForceDeployButton } from "./force-deploy-dialog.js";

/**
 * Deploy the candidate, deploy a chosen build, roll back; for admins, deploy a held candidate
 * anyway. Deployers only; each says exactly what it will do before doing it, and a disabled one
 * says why.
 */
export function EnvironmentActions(props: {
  project: string;
  env: EnvironmentView;
  onStarted: (deployment: DeploymentView) => void;
}) {
  const { project, env, onStarted } = props;
  const user = useUser();
  const queries = useQueryClient();
  const rollbackTo = useRollbackTarget(env);
  if (!user.can("deployer")) {
    return (
      <p className="hint env-actions-note">
        You can watch this environment; deploying and rolling back need the deployer role.
      </p>
    );
  }

  const path = { name: project, env: env.name };
  const started = async (call: Promise<DeploymentView>) => {
    const deployment = await call;
    await queries.invalidateQueries({ queryKey: ["environment", project] });
    await queries.invalidateQueries({ queryKey: ["deployments"] });
    onStarted(deployment);
  };
  const { candidate, live } = env;
  const reasons = [
    !candidate && "Deploy candidate: no build has passed this environment's requirements yet.",
    !rollbackTo.target && `Roll back: ${rollbackTo.reason}`,
  ].filter((reason): reason is string => typeof reason === "string");

  return (
    <div className="env-actions">
      <div className="toolbar">
        <ConfirmButton
          label="Deploy candidate"
          title={candidate ? `Deploy build #${candidate.buildId} to ${env.name}?` : "No candidate"}
          confirmLabel="Deploy"
          disabled={!candidate}
          onConfirm={() =>
            started(
              unwrap(
                api.POST("/api/v1/projects/{name}/environments/{env}/deploy", {
                  params: { path },
                  body: {},
                }),
              ),
            )
          }
        >
          {candidate && (
            <p>
              Build <strong>#{candidate.buildId}</strong> ({candidate.sha.slice(0, 7)},{" "}
              {candidate.message}) will replace{" "}
              {live ? `build #${live.buildId}` : "nothing (this is the first release)"} on{" "}
              <strong>{env.name}</strong>
              {env.waiting.length > 0 &&
                `, shipping ${env.waiting.length} commit${env.waiting.length === 1 ? "" : "s"}`}
              . It goes live only after passing its health check, canary and bake; a failing release
              rolls back by itself.
            </p>
          )}
        </ConfirmButton>
        {user.can("admin") && (
          <ForceDeployButton
            env={env}
            onDeploy={(reason) =>
              started(
                unwrap(
                  api.POST("/api/v1/projects/{name}/environments/{env}/deploy", {
                    params: { path },
                    body: { force: { reason } },
                  }),
                ),
              )
            }
          />
        )}
        <DeploymentBuildDialog
          environment={env.name}
          onDeploy={(build) =>
            started(
              unwrap(
                api.POST("/api/v1/projects/{name}/environments/{env}/deploy", {
                  params: { path },
                  body: { build },
                }),
              ),
            )
          }
        />
        <ConfirmButton
          label="Roll back"
          danger
          title={`Roll ${env.name} back?`}
          confirmLabel="Roll back"
          disabled={!rollbackTo.target}
          onConfirm={() =>
            started(
              unwrap(
                api.POST("/api/v1/projects/{name}/environments/{env}/rollback", {
                  params: { path },
                  body: {},
                }),
              ),
            )
          }
        >
          {rollbackTo.target && live && (
            <p>
              Build <strong>#{rollbackTo.target.buildId}</strong> (
              {rollbackTo.target.build.sha.slice(0, 7)}, {rollbackTo.target.build.message}) will
              take over <strong>{env.name}</strong> from build #{live.buildId}. Traffic switches at
              once if the earlier release is still warm.
            </p>
          )}
        </ConfirmButton>
      </div>
      {reasons.length > 0 && (
        <ul className="hint env-actions-note">
          {reasons.map((reason) => (
            <li key={reason}>{reason}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The release a rollback would bring back: the one that was live before the live one. */
function useRollbackTarget(env: EnvironmentView): {
  target: DeploymentView | null;
  reason: string;
} {
  const liveId = env.live?.deploymentId;
  const liveDeployment = useQuery({
    queryKey: ["deployment", liveId],
    queryFn: () =>
      unwrap(api.GET("/api/v1/deployments/{id}", { params: { path: { id: liveId ?? 0 } } })),
    enabled: liveId !== undefined,
  });
  const previousId = liveDeployment.data?.previousDeploymentId ?? undefined;
  const previous = useQuery({
    queryKey: ["deployment", previousId],
    queryFn: () =>
      unwrap(api.GET("/api/v1/deployments/{id}", { params: { path: { id: previousId ?? 0 } } })),
    enabled: previousId !== undefined,
  });
  if (liveId === undefined)
    return { target: null, reason: "nothing is live, so there is nothing to roll back." };
  if (liveDeployment.data && previousId === undefined)
    return {
      target: null,
      reason: "the live release is the first one; there is no earlier release.",
    };
  if (!previous.data) return { target: null, reason: "looking up the earlier release…" };
  return { target: previous.data, reason: "" };
}
