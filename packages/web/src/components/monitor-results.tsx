import { useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../api/client.js";
import { formatDuration } from "../lib/time.js";
import { CursorPager, useCursorPages } from "./cursor-pager.js";
import { EmptyState, ErrorState, Loading } from "./states.js";
import { StatusChip } from "./status-chip.js";
import { RelativeTime } from "./time.js";

const PAGE_SIZE = 20;

/** One monitor's runs, newest first, 20 at a time (paged with `before`). */
export function MonitorResults(props: { project: string; environment: string; monitor: string }) {
  const { project, environment, monitor } = props;
  const pages = useCursorPages();
  const { before } = pages;
  const page = useQuery({
    queryKey: ["monitor-results", project, environment, monitor, before ?? null],
    queryFn: () =>
      unwrap(
        api.GET("/api/v1/projects/{name}/environments/{env}/monitors/{monitor}/results", {
          params: {
            path: { name: project, env: environment, monitor },
            query: { before, limit: PAGE_SIZE },
          },
        }),
      ),
  });

  if (page.isPending) return <Loading what={`results of ${monitor}`} />;
  if (page.isError) return <ErrorState error={page.error} retry={() => void page.refetch()} />;
  if (page.data.length === 0 && before === undefined) {
    return <EmptyState title={`${monitor} has not run yet`}>Its runs are listed here.</EmptyState>;
  }
  return (
    <div className="monitor-results">
      <table aria-label={`Recent results of ${monitor}`} data-testid="monitor-results">
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Result</th>
            <th scope="col">Took</th>
            <th scope="col">Release</th>
            <th scope="col">Message</th>
          </tr>
        </thead>
        <tbody>
          {page.data.map((result) => (
            <tr key={result.id}>
              <td>
                <RelativeTime at={result.at} />
              </td>
              <td>
                <StatusChip status={result.status} />
              </td>
              <td>{formatDuration(result.durationMs)}</td>
              <td className="sha">{result.release ?? <span className="muted">none</span>}</td>
              <td className="monitor-message">{result.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <CursorPager
        label={`Pages of ${monitor}'s results`}
        pages={pages}
        ids={page.data.map((result) => result.id)}
        pageSize={PAGE_SIZE}
      />
    </div>
  );
}
