import { useQuery, useQueryClient } from "@tanstack/react-query";
import { ApiError, api, unwrap } from "../api/client.js";
import { changelogUrls } from "./notes-format.js";

/**
 * Query keys: `["notes", project, …]` for release notes, `["announcements", project]` for the
 * list, `["announcement", id]` for one, `["changelog", project]` for the public page's state.
 * Deployment, changelog and announcement events invalidate them (app/live-events.ts).
 */
export const notesKeys = {
  next: (project: string, environment: string) => ["notes", project, "next", environment] as const,
  list: (project: string, environment: string | null, limit: number) =>
    ["notes", project, "list", { environment, limit }] as const,
  announcements: (project: string) => ["announcements", project] as const,
  announcement: (id: number) => ["announcement", id] as const,
  changelog: (project: string) => ["changelog", project] as const,
};

/** The notes of what goes out next to an environment; null when nothing waits. */
export function useNextNotes(project: string, environment: string) {
  return useQuery({
    queryKey: notesKeys.next(project, environment),
    queryFn: () =>
      unwrap(
        api.GET("/api/v1/projects/{name}/environments/{environment}/notes/next", {
          params: { path: { name: project, environment } },
        }),
      ),
  });
}

/** A project's release notes, newest first; of one environment, or of all. */
export function useNotesList(project: string, environment: string | null, limit: number) {
  return useQuery({
    queryKey: notesKeys.list(project, environment, limit),
    queryFn: () =>
      unwrap(
        api.GET("/api/v1/projects/{name}/notes", {
          params: {
            path: { name: project },
            query: { limit, ...(environment !== null && { environment }) },
          },
        }),
      ),
  });
}

export function useAnnouncements(project: string) {
  return useQuery({
    queryKey: notesKeys.announcements(project),
    queryFn: () =>
      unwrap(
        api.GET("/api/v1/projects/{name}/announcements", { params: { path: { name: project } } }),
      ),
  });
}

export function useAnnouncement(id: number) {
  return useQuery({
    queryKey: notesKeys.announcement(id),
    queryFn: () => unwrap(api.GET("/api/v1/announcements/{id}", { params: { path: { id } } })),
  });
}

/**
 * Whether the project has a public changelog: its JSON feed answers, or says (404) how to get
 * one. The feed is public and outside the API, so it is fetched as the page would be.
 */
export function usePublicChangelog(project: string) {
  return useQuery({
    queryKey: notesKeys.changelog(project),
    queryFn: async (): Promise<{ published: true } | { published: false; message: string }> => {
      const response = await fetch(changelogUrls(project).json, { cache: "no-cache" });
      if (response.ok) return { published: true };
      const body = (await response.json().catch(() => ({}))) as { error?: { message?: string } };
      const message = body.error?.message ?? `${response.status} ${response.statusText}`;
      if (response.status === 404) return { published: false, message };
      throw new ApiError(response.status, `HTTP_${response.status}`, message);
    },
  });
}

/** After this page changed notes or announcements: refetch what shows them at once. */
export function useNotesChanged(project: string) {
  const queries = useQueryClient();
  return async () => {
    await Promise.all([
      queries.invalidateQueries({ queryKey: ["notes", project] }),
      queries.invalidateQueries({ queryKey: notesKeys.announcements(project) }),
      queries.invalidateQueries({ queryKey: ["announcement"] }),
    ]);
  };
}
