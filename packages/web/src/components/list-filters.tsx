import { useId } from "react";
import { useSearchParams } from "react-router";
import { useProjectNames } from "../lib/use-project-names.js";

/**
 * The project and state a list page shows, kept in the URL (`?project=…&state=…`) so a filtered
 * list can be linked to; "all" and "every project" are the absence of the parameter.
 */
export function useListFilters<State extends string>(parse: (value: string | null) => State) {
  const [search, setSearch] = useSearchParams();
  const change = (name: "project" | "state", value: string) => {
    const next = new URLSearchParams(search);
    if (value === "" || value === "all") next.delete(name);
    else next.set(name, value);
    setSearch(next);
  };
  return { project: search.get("project") ?? "", state: parse(search.get("state")), change };
}

/** A project select and a state select, e.g. for alerts and incidents. */
export function ListFilters<State extends string>(props: {
  project: string;
  state: State;
  states: readonly State[];
  labels: Record<State, string>;
  change: (name: "project" | "state", value: string) => void;
}) {
  const projects = useProjectNames();
  const projectId = useId();
  const stateId = useId();
  return (
    <form className="toolbar alert-filters" onSubmit={(event) => event.preventDefault()}>
      <label htmlFor={projectId}>Project</label>
      <select
        id={projectId}
        value={props.project}
        onChange={(event) => props.change("project", event.target.value)}
      >
        <option value="">All projects</option>
        {projects.names.map((name) => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
      </select>
      <label htmlFor={stateId}>State</label>
      <select
        id={stateId}
        value={props.state}
        onChange={(event) => props.change("state", event.target.value)}
      >
        {props.states.map((value) => (
          <option key={value} value={value}>
            {props.labels[value]}
          </option>
        ))}
      </select>
    </form>
  );
}
