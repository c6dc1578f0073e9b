import { useQuery } from "@tanstack/react-query";
import { type ReactNode, useId } from "react";
import { Link, useSearchParams } from "react-router";
import { api, unwrap } from "../api/client.js";
import { EmptyState, ErrorState, Loading } from "./states.js";

/**
 * A project select for the per-project settings tabs; the choice lives in `?project=` so it
 * survives switching tabs and reloads. Renders `children(project)` once a project is chosen.
 */
export function SettingsProjectPicker({ children }: { children: (project: string) => ReactNode }) {
  const id = useId();
  const [search, setSearch] = useSearchParams();
  const projects = useQuery({
    queryKey: ["projects"],
    queryFn: () => unwrap(api.GET("/api/v1/projects")),
  });
  if (projects.isPending) return <Loading what="projects" />;
  if (projects.isError)
    return <ErrorState error={projects.error} retry={() => void projects.refetch()} />;
  if (projects.data.length === 0)
    return (
      <EmptyState title="No projects yet">
        Add one with <code>weeknight project add</code>, then come back to configure it.{" "}
        <Link to="/">Go to the overview</Link>
      </EmptyState>
    );
  const names = projects.data.map((project) => project.name);
  const wanted = search.get("project");
  const project = wanted && names.includes(wanted) ? wanted : (names[0] ?? "");
  return (
    <>
      <div className="toolbar">
        <label htmlFor={id} className="inline-label">
          Project
        </label>
        <select
          id={id}
          value={project}
          onChange={(event) => setSearch({ project: event.target.value }, { replace: true })}
        >
          {names.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      </div>
      {children(project)}
    </>
  );
}
