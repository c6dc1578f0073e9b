import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { api, unwrap } from "../api/client.js";
import type { Incident } from "./incident-detail.js";
import { incidentsByDeployment } from "./incident-list.js";

/** One incident with its timeline, follow-ups and suspect deploy; incident events refresh it. */
export function useIncident(id: number) {
  return useQuery({
    queryKey: ["incident", id],
    queryFn: () => unwrap(api.GET("/api/v1/incidents/{id}", { params: { path: { id } } })),
    enabled: Number.isInteger(id) && id > 0,
  });
}

/**
 * Runs a change that answers with the whole incident: the page shows the answer at once, and the
 * lists (and the nav badge) refetch, without waiting for the live event.
 */
export function useIncidentChange(id: number) {
  const queries = useQueryClient();
  return async (call: Promise<Incident>): Promise<Incident> => {
    const incident = await call;
    queries.setQueryData(["incident", id], incident);
    await queries.invalidateQueries({ queryKey: ["incidents"] });
    return incident;
  };
}

/** The open incidents (up to 50), for the nav badge. */
export function useOpenIncidents() {
  return useQuery({
    queryKey: ["incidents", "open"],
    queryFn: () =>
      unwrap(api.GET("/api/v1/incidents", { params: { query: { state: "open", limit: 50 } } })),
  });
}

/** A form's submit: busy while it runs, the server's sentence when it fails; true when it worked. */
export function useFormAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return {
    busy,
    error,
    async run(action: () => Promise<unknown>): Promise<boolean> {
      setBusy(true);
      setError(null);
      try {
        await action();
        return true;
      } catch (failure) {
        setError((failure as Error).message);
        return false;
      } finally {
        setBusy(false);
      }
    },
  };
}

/**
 * The incident of each suspect deploy, among the newest 500, for the alerts page: an alert's
 * deploy names its incident (there is one per deploy), so no API change is needed.
 */
export function useIncidentsByDeployment() {
  const recent = useQuery({
    queryKey: ["incidents", "recent"],
    queryFn: () => unwrap(api.GET("/api/v1/incidents", { params: { query: { limit: 500 } } })),
  });
  return incidentsByDeployment(recent.data ?? []);
}
