import { Link } from "react-router";
import { shortSha } from "../lib/builds-format.js";
import type { Incident } from "../lib/incident-detail.js";
import { suspectPath } from "../lib/monitor-alerts.js";
import { StatusChip } from "./status-chip.js";
import { RelativeTime } from "./time.js";

/** The deploy that most likely caused the incident: its build, release and the commits it brought. */
export function IncidentSuspect({ incident }: { incident: Incident }) {
  const { suspect } = incident;
  return (
    <section
      className="card incident-suspect"
      aria-labelledby="incident-suspect"
      data-testid="suspect"
    >
      <h2 id="incident-suspect" className="incident-card-title">
        Suspect deploy
      </h2>
      {suspect === null ? (
        <p className="muted">
          No deploy is named: nothing was deployed yet, or this incident was opened by hand without
          one.
        </p>
      ) : (
        <>
          <dl className="incident-facts">
            <dt>Deployment</dt>
            <dd>
              <Link to={suspectPath(incident.project, incident.environment, suspect.deploymentId)}>
                deployment #{suspect.deploymentId}
              </Link>{" "}
              <StatusChip status={suspect.step} />
              {suspect.finishedAt !== null && (
                <>
                  {" "}
                  live since <RelativeTime at={suspect.finishedAt} />
                </>
              )}
            </dd>
            <dt>Build</dt>
            <dd>
              <Link to={`/builds/${suspect.build.id}`}>build #{suspect.build.id}</Link>{" "}
              <span className="sha">{shortSha(suspect.build.sha)}</span> on {suspect.build.branch}
            </dd>
            <dt>Release</dt>
            <dd className="sha">{suspect.releaseId}</dd>
          </dl>
          <h3>
            Commits it brought <span className="muted">({suspect.commits.length})</span>
          </h3>
          {suspect.commits.length === 0 ? (
            <p className="muted">No new commits: it redeployed what was already live.</p>
          ) : (
            <ul className="incident-commits">
              {suspect.commits.map((commit) => (
                <li key={commit.sha}>
                  <span className="sha">{shortSha(commit.sha)}</span>{" "}
                  <span className="incident-author">{commit.author}</span>{" "}
                  <span className="incident-commit-message">{commit.message}</span>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
