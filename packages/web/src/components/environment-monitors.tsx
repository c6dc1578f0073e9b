import { useQuery } from "@tanstack/react-query";
import { Fragment, useState } from "react";
import { Link } from "react-router";
import type { Answer } from "../api/answers.js";
import { api, unwrap } from "../api/client.js";
import type { SparkDeployment } from "../lib/monitor-sparkline.js";
import { MonitorResults } from "./monitor-results.js";
import { MonitorSparkline } from "./monitor-sparkline.js";
import { EmptyState, ErrorState, Loading } from "./states.js";
import { StatusChip } from "./status-chip.js";
import { RelativeTime } from "./time.js";

type Monitor = Answer<"/api/v1/projects/{name}/environments/{env}/monitors">[number];

/** Results arrive all the time but events only say when a status changes: poll while shown. */
const REFRESH_MS = 15_000;
const SPARK_RESULTS = 100;
const COLUMNS = 8;

/** The environment's monitors: how each is doing, its recent latency, and its open alert. */
export function EnvironmentMonitors(props: { project: string; environment: string }) {
  const { project, environment } = props;
  const [open, setOpen] = useState<string | null>(null);
  const monitors = useQuery({
    queryKey: ["monitors", project, environment],
    queryFn: () =>
      unwrap(
        api.GET("/api/v1/projects/{name}/environments/{env}/monitors", {
          params: { path: { name: project, env: environment } },
        }),
      ),
    refetchInterval: REFRESH_MS,
  });
  // Deploy markers for every sparkline; invalidated with the release history by deploy events.
  const deployments = useQuery({
    queryKey: ["deployments", project, environment, "markers"],
    queryFn: () =>
      unwrap(
        api.GET("/api/v1/deployments", {
          params: { query: { project, environment, limit: 50 } },
        }),
      ),
  });
  const markers: SparkDeployment[] = deployments.data ?? [];

  return (
    <section className="env-monitors" aria-labelledby="monitors-title">
      <h2 id="monitors-title">Monitors</h2>
      {monitors.isPending ? (
        <Loading what="monitors" />
      ) : monitors.isError ? (
        <ErrorState error={monitors.error} retry={() => void monitors.refetch()} />
      ) : monitors.data.length === 0 ? (
        <EmptyState title={`No monitors in ${environment}`}>
          Add <code>monitors:</code> to it in <code>weeknight.yml</code> (see{" "}
          <code>docs/monitoring.md</code>).
        </EmptyState>
      ) : (
        <div className="table-wrap">
          <table data-testid="monitors">
            <thead>
              <tr>
                <th scope="col">Monitor</th>
                <th scope="col">Status</th>
                <th scope="col">Latency, last {SPARK_RESULTS} runs</th>
                <th scope="col">Streak</th>
                <th scope="col">Last run</th>
                <th scope="col" className="hide-narrow">
                  Message
                </th>
                <th scope="col" className="hide-narrow">
                  Release
                </th>
                <th scope="col">Alert</th>
              </tr>
            </thead>
            <tbody>
              {monitors.data.map((monitor) => (
                <Fragment key={monitor.name}>
                  <MonitorRow
                    project={project}
                    environment={environment}
                    monitor={monitor}
                    deployments={markers}
                    expanded={open === monitor.name}
                    onToggle={() => setOpen(open === monitor.name ? null : monitor.name)}
                  />
                  {open === monitor.name && (
                    <tr className="monitor-detail">
                      <td
                        colSpan={COLUMNS}
                        id={detailId(monitor.name)}
                        className="monitor-detail-cell"
                      >
                        <MonitorResults
                          project={project}
                          environment={environment}
                          monitor={monitor.name}
                        />
                      </td>
                    </tr>
                  )}
                </Fragment>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function MonitorRow(props: {
  project: string;
  environment: string;
  monitor: Monitor;
  deployments: SparkDeployment[];
  expanded: boolean;
  onToggle: () => void;
}) {
  const { project, environment, monitor } = props;
  return (
    <tr data-testid={`monitor-${monitor.name}`}>
      <th scope="row" className="monitor-name">
        <button
          type="button"
          className="link-button"
          aria-expanded={props.expanded}
          aria-controls={props.expanded ? detailId(monitor.name) : undefined}
          onClick={props.onToggle}
        >
          {monitor.name}
        </button>
        {monitor.gate && (
          <span
            className="monitor-gate"
            title="Also checked during deployments: a failure rolls back"
          >
            gate
          </span>
        )}
        <span className="muted monitor-type">{monitor.type}</span>
      </th>
      <td>
        <StatusChip status={monitor.status} />
      </td>
      <td>
        <Sparkline
          project={project}
          environment={environment}
          monitor={monitor}
          deployments={props.deployments}
        />
      </td>
      <td>
        {monitor.failures > 0 ? (
          <span className="monitor-streak">{monitor.failures} failed</span>
        ) : (
          <span className="muted">–</span>
        )}
        {monitor.failingSince !== null && (
          <span className="muted monitor-since">
            {" "}
            since <RelativeTime at={monitor.failingSince} />
          </span>
        )}
      </td>
      <td>
        {monitor.lastAt === null ? (
          <span className="muted">not yet</span>
        ) : (
          <RelativeTime at={monitor.lastAt} />
        )}
      </td>
      <td className="hide-narrow monitor-message">{monitor.message ?? ""}</td>
      <td className="hide-narrow sha">{monitor.release ?? <span className="muted">none</span>}</td>
      <td>
        {monitor.alert ? (
          <Link
            to={`/alerts?project=${encodeURIComponent(project)}`}
            aria-label={`Alert ${monitor.alert.state} for ${monitor.name}`}
          >
            <StatusChip status={monitor.alert.state} />
          </Link>
        ) : (
          <span className="muted">none</span>
        )}
      </td>
    </tr>
  );
}

function Sparkline(props: {
  project: string;
  environment: string;
  monitor: Monitor;
  deployments: SparkDeployment[];
}) {
  const { project, environment, monitor } = props;
  const results = useQuery({
    queryKey: ["monitor-results", project, environment, monitor.name, "sparkline"],
    queryFn: () =>
      unwrap(
        api.GET("/api/v1/projects/{name}/environments/{env}/monitors/{monitor}/results", {
          params: {
            path: { name: project, env: environment, monitor: monitor.name },
            query: { limit: SPARK_RESULTS },
          },
        }),
      ),
    refetchInterval: REFRESH_MS,
  });
  if (results.isError) return <span className="muted">unavailable</span>;
  return <MonitorSparkline results={results.data ?? []} deployments={props.deployments} />;
}

function detailId(monitor: string): string {
  return `monitor-results-${monitor.replace(/[^a-zA-Z0-9_-]/g, "-")}`;
}
