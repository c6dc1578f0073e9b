import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router";
import { api, unwrap } from "../api/client.js";
import { describeTrigger } from "../lib/deployment-format.js";
import { formatDuration } from "../lib/time.js";
import { EmptyState, ErrorState, Loading } from "./states.js";
import { StatusChip } from "./status-chip.js";
import { RelativeTime } from "./time.js";

const PAGE_SIZE = 20;

/** Every deployment to the environment, newest first, 20 at a time; a row opens its timeline. */
export function DeploymentHistory(props: {
  project: string;
  environment: string;
  selectedId: number | null;
  onSelect: (id: number) => void;
}) {
  const { project, environment, selectedId, onSelect } = props;
  // The `before` cursor of each page visited, so "Newer" goes back the way it came.
  const [cursors, setCursors] = useState<number[]>([]);
  const before = cursors.at(-1);
  const page = useQuery({
    queryKey: ["deployments", project, environment, before ?? null],
    queryFn: () =>
      unwrap(
        api.GET("/api/v1/deployments", {
          params: { query: { project, environment, before, limit: PAGE_SIZE } },
        }),
      ),
  });

  return (
    <section className="release-history" aria-labelledby="history-title">
      <h2 id="history-title">Release history</h2>
      {page.isPending ? (
        <Loading what="release history" />
      ) : page.isError ? (
        <ErrorState error={page.error} retry={() => void page.refetch()} />
      ) : page.data.length === 0 && before === undefined ? (
        <EmptyState title={`Nothing has been deployed to ${environment} yet`}>
          Deploy the candidate and each release will be listed here.
        </EmptyState>
      ) : (
        <>
          <div className="table-wrap">
            <table data-testid="release-history">
              <thead>
                <tr>
                  <th scope="col">Deployment</th>
                  <th scope="col">Build</th>
                  <th scope="col">Step</th>
                  <th scope="col" className="hide-narrow">
                    Trigger
                  </th>
                  <th scope="col" className="hide-narrow">
                    Reason
                  </th>
                  <th scope="col">Started</th>
                  <th scope="col" className="hide-narrow">
                    Duration
                  </th>
                </tr>
              </thead>
              <tbody>
                {page.data.map((deployment) => (
                  <tr
                    key={deployment.id}
                    className={`selectable${deployment.id === selectedId ? " selected" : ""}`}
                    aria-current={deployment.id === selectedId ? "true" : undefined}
                    onClick={(event) => {
                      // Links in the row keep their own meaning; the rest of the row selects it.
                      if ((event.target as HTMLElement).closest("a")) return;
                      onSelect(deployment.id);
                    }}
                  >
                    <td>
                      <Link to={{ search: `?deployment=${deployment.id}` }}>#{deployment.id}</Link>
                    </td>
                    <td>
                      <Link to={`/builds/${deployment.buildId}`}>#{deployment.buildId}</Link>{" "}
                      <span className="sha muted">{deployment.build.sha.slice(0, 7)}</span>
                    </td>
                    <td>
                      <StatusChip status={deployment.step} />
                    </td>
                    <td className="hide-narrow">{describeTrigger(deployment.trigger)}</td>
                    <td className="hide-narrow reason">{deployment.reason ?? ""}</td>
                    <td>
                      <RelativeTime at={deployment.createdAt} />
                    </td>
                    <td className="hide-narrow">
                      {deployment.finishedAt === null ? (
                        <span className="muted">running</span>
                      ) : (
                        formatDuration(deployment.finishedAt - deployment.createdAt)
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {(cursors.length > 0 || page.data.length === PAGE_SIZE) && (
            <nav className="toolbar pager" aria-label="Release history pages">
              <button
                type="button"
                disabled={cursors.length === 0}
                onClick={() => setCursors((previous) => previous.slice(0, -1))}
              >
                ← Newer
              </button>
              <button
                type="button"
                disabled={page.data.length < PAGE_SIZE}
                onClick={() => {
                  const oldest = page.data.at(-1);
                  if (oldest) setCursors((previous) => [...previous, oldest.id]);
                }}
              >
                Older →
              </button>
            </nav>
          )}
        </>
      )}
    </section>
  );
}
