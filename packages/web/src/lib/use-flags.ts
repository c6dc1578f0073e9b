import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../api/client.js";
import type { FlagView } from "./flag-format.js";

/**
 * Query keys: `["flags", project, …]` for lists, `["flag", project, key, …]` for one flag and
 * what hangs off it (history, counts), `["segments", project]`. `flag.changed` events
 * invalidate them by these prefixes (app/live-events.ts).
 */
export const flagKeys = {
  list: (project: string, stale: boolean) => ["flags", project, { stale }] as const,
  one: (project: string, key: string) => ["flag", project, key] as const,
  history: (project: string, key: string) => ["flag", project, key, "history"] as const,
  metrics: (project: string, key: string) => ["flag", project, key, "metrics"] as const,
  segments: (project: string) => ["segments", project] as const,
};

export function useFlags(project: string, stale: boolean) {
  return useQuery({
    queryKey: flagKeys.list(project, stale),
    queryFn: () =>
      unwrap(
        api.GET("/api/v1/projects/{name}/flags", {
          params: { path: { name: project }, query: { stale: stale ? "true" : "false" } },
        }),
      ),
  });
}

export function useFlag(project: string, key: string) {
  return useQuery({
    queryKey: flagKeys.one(project, key),
    queryFn: () =>
      unwrap(
        api.GET("/api/v1/projects/{name}/flags/{key}", {
          params: { path: { name: project, key } },
        }),
      ),
  });
}

export function useSegments(project: string) {
  return useQuery({
    queryKey: flagKeys.segments(project),
    queryFn: () =>
      unwrap(api.GET("/api/v1/projects/{name}/segments", { params: { path: { name: project } } })),
  });
}

/**
 * After this page changed a flag: show the server's answer at once and refresh the lists and
 * what hangs off the flag (history, preview), without waiting for the live event (which does the
 * same for every other open page).
 */
export function useFlagChanged(project: string) {
  const queries = useQueryClient();
  return async (flag: FlagView) => {
    const one = flagKeys.one(project, flag.key);
    queries.setQueryData(one, flag);
    await Promise.all([
      queries.invalidateQueries({ queryKey: ["flags", project] }),
      queries.invalidateQueries({
        queryKey: one,
        predicate: (query) => query.queryKey.length > one.length,
      }),
      queries.invalidateQueries({ queryKey: flagKeys.segments(project) }),
    ]);
  };
}

/** A lifecycle step for one environment, with its body. */
export type FlagStep =
  | { step: "admins" }
  | { step: "customers"; customers: string[]; mode?: "set" | "add" | "remove" }
  | { step: "rollout"; percent: number; stickiness?: string }
  | { step: "release" }
  | { step: "kill"; reason?: string }
  | { step: "enable" };

const stepPath = "/api/v1/projects/{name}/flags/{key}/environments/{environment}";

/** Posts one lifecycle step; resolves with the flag as it is now. */
export function postStep(
  project: string,
  key: string,
  environment: string,
  input: FlagStep,
): Promise<FlagView> {
  const params = { path: { name: project, key, environment } };
  switch (input.step) {
    case "customers": {
      const { customers, mode } = input;
      return unwrap(api.POST(`${stepPath}/customers`, { params, body: { customers, mode } }));
    }
    case "rollout": {
      const { percent, stickiness } = input;
      return unwrap(api.POST(`${stepPath}/rollout`, { params, body: { percent, stickiness } }));
    }
    case "kill":
      return unwrap(api.POST(`${stepPath}/kill`, { params, body: { reason: input.reason } }));
    case "admins":
      return unwrap(api.POST(`${stepPath}/admins`, { params, body: {} }));
    case "release":
      return unwrap(api.POST(`${stepPath}/release`, { params, body: {} }));
    case "enable":
      return unwrap(api.POST(`${stepPath}/enable`, { params, body: {} }));
  }
}

/**
 * A lifecycle step as a mutation for buttons outside dialogs: busy while it runs, its error
 * (the server's sentence) for the page to show.
 */
export function useFlagStep(project: string, key: string, environment: string) {
  const changed = useFlagChanged(project);
  return useMutation({
    mutationFn: (input: FlagStep) => postStep(project, key, environment, input),
    onSuccess: changed,
  });
}
