import { useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../api/client.js";

/** Blocks also end by expiring, which no event announces: look again now and then. */
const REFRESH_MS = 60_000;

/** Every block in force, across projects, for the banner on every page. */
export function useActiveBlocks() {
  return useQuery({
    queryKey: ["blocks", "active"],
    queryFn: () => unwrap(api.GET("/api/v1/blocks")),
    refetchInterval: REFRESH_MS,
  });
}

/**
 * After this page blocked, lifted or approved: refresh what shows it at once, without waiting
 * for the live event (which does the same for every other open page).
 */
export function useControlChanged() {
  const queries = useQueryClient();
  return (project: string) =>
    Promise.all(
      [["environment", project], ["overview"], ["blocks"], ["calendar"], ["audit"]].map(
        (queryKey) => queries.invalidateQueries({ queryKey }),
      ),
    );
}
