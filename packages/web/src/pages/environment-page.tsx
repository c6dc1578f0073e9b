import { useQuery } from "@tanstack/react-query";
import { useEffect } from "react";
import { useParams, useSearchParams } from "react-router";
import { api, unwrap } from "../api/client.js";
import { DeploymentHistory } from "../components/deployment-history.js";
import { DeploymentPanel } from "../components/deployment-panel.js";
import { EnvironmentActions } from "../components/environment-actions.js";
import { EnvironmentControl } from "../components/environment-control.js";
import { EnvironmentHeader } from "../components/environment-header.js";
import { EnvironmentMonitors } from "../components/environment-monitors.js";
import { EnvironmentReleases } from "../components/environment-releases.js";
import { EnvironmentWaiting } from "../components/environment-waiting.js";
import { ReleaseNotesSection } from "../components/notes-section.js";
import { EmptyState, ErrorState, Loading } from "../components/states.js";

/** One environment of a project: what is live, what would go out next, and how deployments went. */
export function EnvironmentPage() {
  const { project = "", environment = "" } = useParams();
  const [search, setSearch] = useSearchParams();
  const query = useQuery({
    queryKey: ["environment", project, environment],
    queryFn: () =>
      unwrap(
        api.GET("/api/v1/projects/{name}/environments/{env}", {
          params: { path: { name: project, env: environment } },
        }),
      ),
  });

  useEffect(() => {
    document.title = `${environment} · ${project} · Weeknight`;
  }, [project, environment]);

  if (query.isPending) return <Loading what={`${project} ${environment}`} />;
  if (query.isError) return <ErrorState error={query.error} retry={() => void query.refetch()} />;
  const env = query.data;

  // The selection lives in the URL (?deployment=12) so a link to a failed rollout can be shared.
  const chosen = Number(search.get("deployment"));
  const latestId = env.lastDeployment?.id ?? null;
  const selectedId = Number.isInteger(chosen) && chosen > 0 ? chosen : latestId;
  const select = (id: number) =>
    setSearch(id === latestId ? {} : { deployment: String(id) }, { preventScrollReset: true });

  return (
    <div className="env-page">
      <EnvironmentHeader project={project} env={env} />
      <EnvironmentControl project={project} env={env} />
      <EnvironmentActions project={project} env={env} onStarted={(started) => select(started.id)} />
      <div className="env-grid">
        <div className="env-main">
          <EnvironmentReleases env={env} />
          <EnvironmentWaiting env={env} />
        </div>
        <div className="env-side">
          {selectedId === null ? (
            <section className="card" aria-labelledby="deployment-title">
              <h2 id="deployment-title">Deployment</h2>
              <EmptyState title="No deployment yet">
                Deployments of {env.name} show their steps, traffic and output here.
              </EmptyState>
            </section>
          ) : (
            <>
              {selectedId !== latestId && latestId !== null && (
                <p className="hint">
                  Showing an earlier deployment.{" "}
                  <button type="button" className="link-button" onClick={() => select(latestId)}>
                    Back to the latest (#{latestId})
                  </button>
                </p>
              )}
              <DeploymentPanel
                key={selectedId}
                deploymentId={selectedId}
                project={project}
                environment={environment}
                latest={selectedId === latestId}
              />
            </>
          )}
        </div>
      </div>
      <ReleaseNotesSection project={project} environment={environment} />
      <EnvironmentMonitors project={project} environment={environment} />
      <DeploymentHistory
        project={project}
        environment={environment}
        selectedId={selectedId}
        onSelect={select}
      />
    </div>
  );
}
