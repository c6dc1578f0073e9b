import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { api, unwrap } from "../api/client.js";
import { describeTrigger } from "../lib/deployment-format.js";
import { isFinished } from "../lib/deployment-steps.js";
import { formatDuration } from "../lib/time.js";
import { DeploymentLog } from "./deployment-log.js";
import { DeploymentTimeline } from "./deployment-timeline.js";
import { DeploymentTraffic } from "./deployment-traffic.js";
import { ErrorState, Loading } from "./states.js";
import { StatusChip } from "./status-chip.js";
import { RelativeTime } from "./time.js";

/** One deployment: where it stands, its step timeline, the proxy's traffic and its output. */
export function DeploymentPanel(props: {
  deploymentId: number;
  project: string;
  environment: string;
  latest: boolean;
}) {
  const { deploymentId, project, environment } = props;
  const query = useQuery({
    queryKey: ["deployment", deploymentId],
    queryFn: () =>
      unwrap(api.GET("/api/v1/deployments/{id}", { params: { path: { id: deploymentId } } })),
  });
  if (query.isPending) return <Loading what={`deployment #${deploymentId}`} />;
  if (query.isError) return <ErrorState error={query.error} retry={() => void query.refetch()} />;
  const deployment = query.data;
  const running = !isFinished(deployment.step);
  const wentWrong = deployment.step === "failed" || deployment.step === "rolled-back";
  return (
    <section className="card deployment-panel" aria-labelledby="deployment-title">
      <div className="section-head">
        <h2 id="deployment-title">
          {props.latest ? "Latest deployment" : "Deployment"} #{deployment.id}
        </h2>
        <span aria-live="polite" data-testid="deployment-step">
          <StatusChip status={deployment.step} />
        </span>
      </div>
      <p className="deployment-meta">
        <Link to={`/builds/${deployment.buildId}`}>Build #{deployment.buildId}</Link>
        <span className="sha" title={deployment.build.sha}>
          {deployment.build.sha.slice(0, 7)}
        </span>
        <span>{describeTrigger(deployment.trigger)}</span>
        <span>
          started <RelativeTime at={deployment.createdAt} />
        </span>
        {deployment.finishedAt !== null && (
          <span>took {formatDuration(deployment.finishedAt - deployment.createdAt)}</span>
        )}
      </p>
      {deployment.reason && (
        <p className={`notice ${wentWrong ? "notice-bad" : "notice-warn"}`}>{deployment.reason}</p>
      )}
      {deployment.steps.length === 0 ? (
        <p className="hint">No step recorded yet.</p>
      ) : (
        <DeploymentTimeline deployment={deployment} />
      )}
      {props.latest && (
        <DeploymentTraffic project={project} environment={environment} step={deployment.step} />
      )}
      <DeploymentLog deploymentId={deployment.id} running={running} />
    </section>
  );
}
