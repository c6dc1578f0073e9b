import { useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../api/client.js";
import { summariseDetails } from "../lib/audit.js";
import { historyAction } from "../lib/flag-format.js";
import { flagKeys } from "../lib/use-flags.js";
import { EmptyState, ErrorState, Loading } from "./states.js";
import { RelativeTime } from "./time.js";

/** Every change to the flag, newest first: who, when, what, where, and the details. */
export function FlagHistory({ project, flagKey }: { project: string; flagKey: string }) {
  const history = useQuery({
    queryKey: flagKeys.history(project, flagKey),
    queryFn: () =>
      unwrap(
        api.GET("/api/v1/projects/{name}/flags/{key}/history", {
          params: { path: { name: project, key: flagKey } },
        }),
      ),
  });
  return (
    <section className="flag-history" aria-labelledby="flag-history-heading">
      <h2 id="flag-history-heading">History</h2>
      {history.isPending ? (
        <Loading what="the flag's history" />
      ) : history.isError ? (
        <ErrorState error={history.error} retry={() => void history.refetch()} />
      ) : history.data.length === 0 ? (
        <EmptyState title="No changes recorded" />
      ) : (
        <div className="table-wrap">
          <table data-testid="flag-history">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">What</th>
                <th scope="col">Where</th>
                <th scope="col">Details</th>
              </tr>
            </thead>
            <tbody>
              {history.data.map((entry) => {
                const details = summariseDetails(entry.details);
                return (
                  <tr key={entry.id} data-testid="flag-history-entry">
                    <td className="audit-when">
                      <RelativeTime at={entry.at} />
                    </td>
                    <td>{entry.actor}</td>
                    <td>
                      <code className="audit-action">{historyAction(entry.action)}</code>
                    </td>
                    <td>{entry.environment ?? <span className="muted">every environment</span>}</td>
                    <td className="audit-details">{details || <span className="muted">–</span>}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
