import { useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../api/client.js";
import { describeRouting, formatErrorRate, formatLatency } from "../lib/deployment-format.js";
import { type DeploymentStep, watchesTraffic } from "../lib/deployment-steps.js";
import { ErrorState } from "./states.js";
import { StatusChip } from "./status-chip.js";
import { RelativeTime } from "./time.js";

const roleTones: Record<string, string> = {
  active: "healthy",
  canary: "canary",
  warm: "pending",
  none: "unknown",
};

/**
 * Requests per release as the target's proxy counts them. Polled every 2 s while the new
 * release takes traffic; otherwise read once (live events refresh it when a step changes).
 */
export function DeploymentTraffic(props: {
  project: string;
  environment: string;
  step: DeploymentStep;
}) {
  const polling = watchesTraffic(props.step);
  const status = useQuery({
    queryKey: ["environment", props.project, props.environment, "status"],
    queryFn: () =>
      unwrap(
        api.GET("/api/v1/projects/{name}/environments/{env}/status", {
          params: { path: { name: props.project, env: props.environment } },
        }),
      ),
    refetchInterval: polling ? 2000 : false,
  });
  if (status.isPending) return null;
  if (status.isError)
    return <ErrorState error={status.error} retry={() => void status.refetch()} />;
  const { routing, releases, events } = status.data;
  if (!routing && releases.length === 0) return null;
  return (
    <section className="deployment-traffic" aria-labelledby="traffic-title">
      <div className="section-head">
        <h3 id="traffic-title">Proxy traffic</h3>
        <span className="muted">
          {describeRouting(routing)}
          {polling && <span className="polling"> · updating every 2 s</span>}
        </span>
      </div>
      {releases.length > 0 && (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">Requests per release</caption>
            <thead>
              <tr>
                <th scope="col">Release</th>
                <th scope="col" className="num">
                  Requests
                </th>
                <th scope="col" className="num">
                  5xx
                </th>
                <th scope="col" className="num">
                  Error rate
                </th>
                <th scope="col" className="num hide-narrow">
                  p50
                </th>
                <th scope="col" className="num">
                  p95
                </th>
              </tr>
            </thead>
            <tbody>
              {releases.map((release) => (
                <tr key={release.id}>
                  <td>
                    <span className="mono">{release.id}</span>{" "}
                    <StatusChip
                      status={roleTones[release.role] ?? "unknown"}
                      label={release.role}
                    />
                    <div className="muted small">{release.state}</div>
                  </td>
                  <td className="num">{release.requests.toLocaleString()}</td>
                  <td className="num">{release.errors5xx.toLocaleString()}</td>
                  <td className="num">{formatErrorRate(release.requests, release.errors5xx)}</td>
                  <td className="num hide-narrow">{formatLatency(release.p50Ms)}</td>
                  <td className="num">{formatLatency(release.p95Ms)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {events.length > 0 && (
        <details className="target-events">
          <summary>Recent target events ({events.length})</summary>
          <ul>
            {[...events]
              .reverse()
              .slice(0, 10)
              .map((event) => (
                <li key={`${event.at}-${event.kind}-${event.release ?? ""}`}>
                  <RelativeTime at={event.at} /> <strong>{event.kind}</strong>
                  {event.release && <span className="mono"> {event.release}</span>}: {event.message}
                </li>
              ))}
          </ul>
        </details>
      )}
    </section>
  );
}
