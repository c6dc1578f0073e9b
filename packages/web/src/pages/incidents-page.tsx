import { useQuery } from "@tanstack/react-query";
import { useId } from "react";
import { Link } from "react-router";
import { api, unwrap } from "../api/client.js";
import { CursorPager, useCursorPages } from "../components/cursor-pager.js";
import { OpenIncidentButton } from "../components/incident-open-dialog.js";
import { ListFilters, useListFilters } from "../components/list-filters.js";
import { EmptyState, ErrorState, Loading } from "../components/states.js";
import { StatusChip } from "../components/status-chip.js";
import { RelativeTime } from "../components/time.js";
import { environmentPath } from "../lib/builds-overview.js";
import {
  type IncidentFilter,
  type IncidentState,
  incidentFilters,
  incidentPath,
  incidentSections,
  openedByLabel,
  parseIncidentFilter,
  sortIncidents,
} from "../lib/incident-list.js";
import { suspectPath } from "../lib/monitor-alerts.js";
import { useTitle } from "../lib/use-title.js";

const PAGE_SIZE = 50;
const filterLabels: Record<IncidentFilter, string> = {
  all: "Open, then resolved",
  open: "Open",
  resolved: "Resolved",
};

/** Every incident: the open ones first, each with the deploy that most likely caused it. */
export function IncidentsPage() {
  useTitle("Incidents");
  const { project, state: filter, change } = useListFilters(parseIncidentFilter);

  return (
    <>
      <div className="incidents-head">
        <h1>Incidents</h1>
        <OpenIncidentButton />
      </div>
      <ListFilters
        project={project}
        state={filter}
        states={incidentFilters}
        labels={filterLabels}
        change={change}
      />
      {incidentSections(filter).map((section) => (
        <IncidentSection
          key={`${project}/${section.state}`}
          title={section.title}
          state={section.state}
          project={project}
        />
      ))}
    </>
  );
}

function IncidentSection(props: { title: string; state: IncidentState; project: string }) {
  const { title, state, project } = props;
  const pages = useCursorPages();
  const { before } = pages;
  const headingId = useId();
  const page = useQuery({
    queryKey: ["incidents", "list", project, state, before ?? null],
    queryFn: () =>
      unwrap(
        api.GET("/api/v1/incidents", {
          params: { query: { project: project || undefined, state, before, limit: PAGE_SIZE } },
        }),
      ),
  });

  return (
    <section className="incidents-section" aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      {page.isPending ? (
        <Loading what={`${title.toLowerCase()} incidents`} />
      ) : page.isError ? (
        <ErrorState error={page.error} retry={() => void page.refetch()} />
      ) : page.data.length === 0 && before === undefined ? (
        <EmptyState title={`No ${title.toLowerCase()} incidents${project ? ` in ${project}` : ""}`}>
          One opens by itself when an alert fires within an hour of a deploy; deployers can open one
          by hand.
        </EmptyState>
      ) : (
        <>
          <div className="table-wrap">
            <table data-testid={`incidents-${state}`}>
              <thead>
                <tr>
                  <th scope="col">Incident</th>
                  <th scope="col">Severity</th>
                  <th scope="col">Where</th>
                  <th scope="col">Suspect deploy</th>
                  <th scope="col">Opened</th>
                  <th scope="col">State</th>
                </tr>
              </thead>
              <tbody>
                {sortIncidents(page.data).map((incident) => (
                  <tr key={incident.id} data-testid="incident">
                    <th scope="row">
                      <Link to={incidentPath(incident.id)}>#{incident.id}</Link>{" "}
                      <span className="incident-title">{incident.title}</span>
                    </th>
                    <td>
                      <StatusChip status={incident.severity} />
                    </td>
                    <td>
                      <Link to={environmentPath(incident.project, incident.environment)}>
                        {incident.project} / {incident.environment}
                      </Link>
                    </td>
                    <td>
                      {incident.deploymentId === null ? (
                        <span className="muted">none named</span>
                      ) : (
                        <Link
                          to={suspectPath(
                            incident.project,
                            incident.environment,
                            incident.deploymentId,
                          )}
                        >
                          deployment #{incident.deploymentId}
                        </Link>
                      )}
                    </td>
                    <td>
                      <RelativeTime at={incident.openedAt} />
                      <span className="incident-by"> by {openedByLabel(incident.openedBy)}</span>
                    </td>
                    <td>
                      <StatusChip status={incident.state} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <CursorPager
            label={`Pages of ${title.toLowerCase()} incidents`}
            pages={pages}
            ids={page.data.map((incident) => incident.id)}
            pageSize={PAGE_SIZE}
          />
        </>
      )}
    </section>
  );
}
