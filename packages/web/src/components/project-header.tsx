import { useQuery } from "@tanstack/react-query";
import { Link, NavLink } from "react-router";
import { ApiError, api, unwrap } from "../api/client.js";
import { environmentPath, projectPath } from "../lib/builds-overview.js";
import { flagsPath } from "../lib/flag-format.js";
import { changelogTabPath } from "../lib/notes-format.js";
import { statsPath } from "../lib/stats-chart.js";
import { BlockButton } from "./block-dialog.js";
import { ErrorState } from "./states.js";
import { StatusChip } from "./status-chip.js";

/** The project itself (repository, branch); shared by the header and the page through the cache. */
export function useProject(project: string) {
  return useQuery({
    queryKey: ["project", project],
    queryFn: () =>
      unwrap(api.GET("/api/v1/projects/{name}", { params: { path: { name: project } } })),
  });
}

/** Whether a query answered that there is no such thing. */
export function isNotFound(error: Error | null): boolean {
  return error instanceof ApiError && error.status === 404;
}

/** The project's name, repository and branch, and its environments in promotion order. */
export function ProjectHeader({ project }: { project: string }) {
  const details = useProject(project);
  const environments = useQuery({
    queryKey: ["environment", project, "list"],
    queryFn: () =>
      unwrap(
        api.GET("/api/v1/projects/{name}/environments", { params: { path: { name: project } } }),
      ),
  });
  const notFound = isNotFound(details.error);
  return (
    <header className="project-head">
      <p className="crumbs">
        <Link to="/">Overview</Link> <span aria-hidden="true">/</span>
      </p>
      <div className="project-title">
        <h1>{project}</h1>
        {details.data && <BlockButton project={project} environment={null} />}
      </div>
      {details.data && (
        <p className="project-repo muted">
          <span className="mono">{details.data.repoUrl}</span> · branch{" "}
          <span className="branch-name">{details.data.branch}</span>
        </p>
      )}
      {details.isError && <ErrorState error={details.error} />}
      {!notFound && environments.data && environments.data.length > 0 && (
        <nav aria-label={`${project} environments`}>
          <ol className="project-envs">
            {environments.data.map((environment) => (
              <li key={environment.name}>
                <Link to={environmentPath(project, environment.name)}>
                  <span className="project-env-name">{environment.name}</span>
                  <StatusChip status={environment.health} />
                </Link>
              </li>
            ))}
          </ol>
        </nav>
      )}
      {!notFound && (
        <nav className="tabs project-tabs" aria-label={`${project} sections`}>
          <NavLink to={projectPath(project)} end>
            Builds
          </NavLink>
          <NavLink to={flagsPath(project)}>Flags</NavLink>
          <NavLink to={changelogTabPath(project)}>Changelog</NavLink>
          <NavLink to={statsPath(project)}>Stats</NavLink>
        </nav>
      )}
    </header>
  );
}
