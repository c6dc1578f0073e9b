import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { api, unwrap } from "../api/client.js";
import { AlertBanner } from "../components/overview-alert-banner.js";
import { EnvironmentCell, type OverviewProject } from "../components/overview-environment-cell.js";
import { FailureBanner } from "../components/overview-failure-banner.js";
import { EmptyState, ErrorState, Loading } from "../components/states.js";
import { StatusChip } from "../components/status-chip.js";
import { RelativeTime } from "../components/time.js";
import { shortSha } from "../lib/builds-format.js";
import { failuresOf, projectPath } from "../lib/builds-overview.js";
import { useTitle } from "../lib/use-title.js";

/** Every project and its environments in promotion order, with what is broken on top. */
export function OverviewPage() {
  useTitle("Overview");
  const overview = useQuery({
    queryKey: ["overview"],
    queryFn: () => unwrap(api.GET("/api/v1/overview")),
  });

  if (overview.isPending) return <Loading what="the overview" />;
  if (overview.isError) {
    return <ErrorState error={overview.error} retry={() => void overview.refetch()} />;
  }
  const projects = overview.data;
  return (
    <>
      <h1>Overview</h1>
      {projects.length === 0 ? (
        <NoProjects />
      ) : (
        <>
          <FailureBanner failures={failuresOf(projects)} />
          <AlertBanner />
          <div className="overview" data-testid="overview">
            {projects.map((project) => (
              <ProjectRow key={project.project} project={project} />
            ))}
          </div>
        </>
      )}
    </>
  );
}

function ProjectRow({ project }: { project: OverviewProject }) {
  const { lastBuild } = project;
  const headingId = `project-${project.project}-heading`;
  return (
    <section className="overview-project" aria-labelledby={headingId}>
      <header className="overview-project-head">
        <h2 id={headingId}>
          <Link to={projectPath(project.project)}>{project.project}</Link>
        </h2>
        {lastBuild ? (
          <p className="overview-last-build">
            <span className="muted">Last build</span>{" "}
            <Link to={`/builds/${lastBuild.id}`}>#{lastBuild.id}</Link>{" "}
            <span className="sha">{shortSha(lastBuild.sha)}</span>{" "}
            <StatusChip status={lastBuild.status} />
            {lastBuild.finishedAt !== null && (
              <span className="muted">
                {" "}
                <RelativeTime at={lastBuild.finishedAt} />
              </span>
            )}
          </p>
        ) : (
          <p className="overview-last-build muted">No builds yet</p>
        )}
      </header>
      {project.environments.length === 0 ? (
        <p className="muted overview-no-envs">
          No environments: add one under <code>environments:</code> in the project's{" "}
          <code>weeknight.yml</code>.
        </p>
      ) : (
        <ol
          className="env-pipeline"
          aria-label={`${project.project} environments, in promotion order`}
        >
          {project.environments.map((environment) => (
            <li key={environment.name}>
              <EnvironmentCell project={project.project} environment={environment} />
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function NoProjects() {
  return (
    <EmptyState title="No projects yet">
      <p>
        Register an app repository with{" "}
        <code>weeknight project add &lt;name&gt; &lt;git-url&gt;</code>; Weeknight builds every
        commit on its branch from the repository's <code>weeknight.yml</code>.
      </p>
      <p>
        How builds work and what goes in <code>weeknight.yml</code>: see <code>docs/builds.md</code>
        .
      </p>
    </EmptyState>
  );
}
