import { useState } from "react";
import { Link, useParams } from "react-router";
import { useUser } from "../app/session.js";
import { IncidentFixButton } from "../components/incident-fix-dialog.js";
import { IncidentFollowUps } from "../components/incident-follow-ups.js";
import { IncidentResolve } from "../components/incident-resolve.js";
import { IncidentRootCause } from "../components/incident-root-cause.js";
import { IncidentSuspect } from "../components/incident-suspect.js";
import { IncidentTimeline } from "../components/incident-timeline.js";
import { ErrorState, Loading } from "../components/states.js";
import { StatusChip } from "../components/status-chip.js";
import { RelativeTime } from "../components/time.js";
import { environmentPath } from "../lib/builds-overview.js";
import type { Incident } from "../lib/incident-detail.js";
import { openedByLabel } from "../lib/incident-list.js";
import { useIncident } from "../lib/use-incident.js";
import { useTitle } from "../lib/use-title.js";

/** One incident: what broke, which deploy is suspected, what happened, why, and what follows. */
export function IncidentPage() {
  const raw = useParams().id ?? "";
  const id = Number(raw);
  const incident = useIncident(id);
  const user = useUser();
  useTitle(incident.data ? `Incident #${id}: ${incident.data.title}` : `Incident #${id}`);
  if (!Number.isInteger(id) || id <= 0) {
    return <ErrorState error={new Error(`"${raw}" is not an incident number.`)} />;
  }
  if (incident.isPending) return <Loading what={`incident #${id}`} />;
  if (incident.isError) {
    return <ErrorState error={incident.error} retry={() => void incident.refetch()} />;
  }
  const canEdit = user.can("deployer");
  return (
    <article className="incident-page" data-testid="incident-page">
      <p className="incident-crumb">
        <Link to="/incidents">Incidents</Link> / #{id}
      </p>
      <IncidentHeader incident={incident.data} canEdit={canEdit} />
      <div className="incident-grid">
        <IncidentSuspect incident={incident.data} />
        <IncidentRootCause incident={incident.data} canEdit={canEdit} />
      </div>
      <IncidentFollowUps incident={incident.data} canEdit={canEdit} />
      <IncidentTimeline incident={incident.data} canEdit={canEdit} />
      {!canEdit && (
        <p className="hint">
          You can read this incident; notes, root causes, follow-ups, marking a fix and resolving
          need the deployer role.
        </p>
      )}
    </article>
  );
}

function IncidentHeader({ incident, canEdit }: { incident: Incident; canEdit: boolean }) {
  const [fixMarked, setFixMarked] = useState<string | null>(null);
  return (
    <>
      <header className="incident-header">
        <div>
          <h1>
            <span className="muted">#{incident.id}</span> {incident.title}
          </h1>
          <p className="incident-meta">
            <StatusChip status={incident.severity} />{" "}
            <span data-testid="incident-state">
              <StatusChip status={incident.state} />
            </span>{" "}
            <Link to={environmentPath(incident.project, incident.environment)}>
              {incident.project} / {incident.environment}
            </Link>
            <span>
              opened <RelativeTime at={incident.openedAt} /> by {openedByLabel(incident.openedBy)}
            </span>
            {incident.resolvedAt !== null && (
              <span>
                resolved <RelativeTime at={incident.resolvedAt} />
              </span>
            )}
          </p>
        </div>
        {canEdit && (
          <div className="incident-actions">
            <IncidentFixButton incident={incident} onMarked={setFixMarked} />
            <IncidentResolve incident={incident} />
          </div>
        )}
      </header>
      {fixMarked && (
        <p className="notice notice-good" role="status" data-testid="incident-fix-marked">
          {fixMarked}
        </p>
      )}
    </>
  );
}
