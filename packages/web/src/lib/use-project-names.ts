import { useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../api/client.js";

/**
 * Every project's name, for the alerts page's project filter, and names by id. Shares the
 * `["projects"]` query with the settings pages; an id not (yet) known reads as "project <id>".
 */
export function useProjectNames() {
  const projects = useQuery({
    queryKey: ["projects"],
    queryFn: () => unwrap(api.GET("/api/v1/projects")),
  });
  const byId = new Map((projects.data ?? []).map((project) => [project.id, project.name]));
  return {
    names: (projects.data ?? []).map((project) => project.name),
    nameOf: (id: number) => byId.get(id) ?? `project ${id}`,
    idOf: (name: string) => projects.data?.find((project) => project.name === name)?.id,
  };
}
