import { useQuery } from "@tanstack/react-query";
import { useId } from "react";
import { Link } from "react-router";
import { api, unwrap } from "../api/client.js";
import { CursorPager, useCursorPages } from "../components/cursor-pager.js";
import { ListFilters, useListFilters } from "../components/list-filters.js";
import { EmptyState, ErrorState, Loading } from "../components/states.js";
import { StatusChip } from "../components/status-chip.js";
import { RelativeTime } from "../components/time.js";
import { environmentPath } from "../lib/builds-overview.js";
import { incidentPath } from "../lib/incident-list.js";
import {
  type AlertFilter,
  alertFilters,
  alertSections,
  parseAlertFilter,
  sortAlerts,
  suspectPath,
} from "../lib/monitor-alerts.js";
import { useIncidentsByDeployment } from "../lib/use-incident.js";
import { useProjectNames } from "../lib/use-project-names.js";
import { useTitle } from "../lib/use-title.js";

const PAGE_SIZE = 50;
const filterLabels: Record<AlertFilter, string> = {
  all: "Open, then resolved",
  open: "Open (firing or pending)",
  firing: "Firing",
  pending: "Pending",
  resolved: "Resolved",
};

/** Every monitor alert: the open ones first, each with the deploy that most likely caused it. */
export function AlertsPage() {
  useTitle("Alerts");
  const projects = useProjectNames();
  const { project, state: filter, change } = useListFilters(parseAlertFilter);

  return (
    <>
      <h1>Alerts</h1>
      <ListFilters
        project={project}
        state={filter}
        states={alertFilters}
        labels={filterLabels}
        change={change}
      />
      {alertSections(filter).map((section) => (
        <AlertSection
          key={`${project}/${section.states}`}
          title={section.title}
          states={section.states}
          project={project}
          nameOf={projects.nameOf}
        />
      ))}
    </>
  );
}

function AlertSection(props: {
  title: string;
  states: string;
  project: string;
  nameOf: (projectId: number) => string;
}) {
  const { title, states, project, nameOf } = props;
  const pages = useCursorPages();
  const { before } = pages;
  const headingId = useId();
  const incidents = useIncidentsByDeployment();
  const page = useQuery({
    queryKey: ["alerts", "list", project, states, before ?? null],
    queryFn: () =>
      unwrap(
        api.GET("/api/v1/alerts", {
          params: {
            query: { project: project || undefined, state: states, before, limit: PAGE_SIZE },
          },
        }),
      ),
  });

  return (
    <section className="alerts-section" aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      {page.isPending ? (
        <Loading what={`${title.toLowerCase()} alerts`} />
      ) : page.isError ? (
        <ErrorState error={page.error} retry={() => void page.refetch()} />
      ) : page.data.length === 0 && before === undefined ? (
        <EmptyState title={`No ${title.toLowerCase()} alerts${project ? ` in ${project}` : ""}`}>
          A monitor that fails opens an alert here, naming the deploy that most likely caused it.
        </EmptyState>
      ) : (
        <>
          <div className="table-wrap">
            <table data-testid={`alerts-${title.toLowerCase()}`}>
              <thead>
                <tr>
                  <th scope="col">Monitor</th>
                  <th scope="col">State</th>
                  <th scope="col">Suspect deploy</th>
                  <th scope="col">Started</th>
                  <th scope="col" className="hide-narrow">
                    Fired
                  </th>
                  <th scope="col" className="hide-narrow">
                    Resolved
                  </th>
                  <th scope="col">Message</th>
                </tr>
              </thead>
              <tbody>
                {sortAlerts(page.data).map((alert) => {
                  const name = nameOf(alert.projectId);
                  const incident =
                    alert.deploymentId === null ? undefined : incidents.get(alert.deploymentId);
                  return (
                    <tr key={alert.id} data-testid="alert">
                      <th scope="row">
                        {alert.monitor}
                        <br />
                        <Link className="alert-where" to={environmentPath(name, alert.environment)}>
                          {name} / {alert.environment}
                        </Link>
                      </th>
                      <td>
                        <StatusChip status={alert.state} />
                      </td>
                      <td>
                        {alert.deploymentId === null ? (
                          <span className="muted">none serving</span>
                        ) : (
                          <>
                            <Link to={suspectPath(name, alert.environment, alert.deploymentId)}>
                              deployment #{alert.deploymentId}
                            </Link>
                            {alert.release && <span className="sha"> {alert.release}</span>}
                            {incident && (
                              <>
                                <br />
                                <Link className="alert-incident" to={incidentPath(incident.id)}>
                                  incident #{incident.id}
                                </Link>{" "}
                                <span className="muted">({incident.state})</span>
                              </>
                            )}
                          </>
                        )}
                      </td>
                      <td>
                        <RelativeTime at={alert.startedAt} />
                      </td>
                      <td className="hide-narrow">
                        <Time at={alert.firedAt} />
                      </td>
                      <td className="hide-narrow">
                        <Time at={alert.resolvedAt} />
                      </td>
                      <td className="monitor-message">{alert.message}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <CursorPager
            label={`Pages of ${title.toLowerCase()} alerts`}
            pages={pages}
            ids={page.data.map((alert) => alert.id)}
            pageSize={PAGE_SIZE}
          />
        </>
      )}
    </section>
  );
}

function Time({ at }: { at: number | null }) {
  return at === null ? <span className="muted">–</span> : <RelativeTime at={at} />;
}
