import { Link } from "react-router";
import type { Overview } from "../api/answers.js";
import { firstLine, shortSha } from "../lib/builds-format.js";
import { environmentPath, isDeploying, waitingLabel } from "../lib/builds-overview.js";
import { describePolicy } from "../lib/deployment-format.js";
import { BlockButton } from "./block-dialog.js";
import { RiskDisclosure } from "./risk-badge.js";
import { StatusChip } from "./status-chip.js";
import { Countdown, RelativeTime } from "./time.js";

export type OverviewProject = Overview[number];
export type OverviewEnvironment = OverviewProject["environments"][number];

/**
 * One environment of a project at a glance: what is live, how healthy it is, what would go out
 * next and when. The whole card links to the environment; the build links inside stay clickable.
 */
export function EnvironmentCell({
  project,
  environment,
}: {
  project: string;
  environment: OverviewEnvironment;
}) {
  const { name, live, candidate, waiting, lastDeployment, control } = environment;
  const headingId = `env-${project}-${name}-heading`;
  return (
    <article
      className={`env-cell is-${environment.health}`}
      data-testid={`env-${project}-${name}`}
      aria-labelledby={headingId}
    >
      <header className="cell-head">
        <h3 id={headingId}>
          <Link className="cell-link" to={environmentPath(project, name)}>
            {name}
          </Link>
        </h3>
        <StatusChip status={environment.health} />
      </header>
      {environment.healthDetail && <p className="cell-health-detail">{environment.healthDetail}</p>}
      {lastDeployment && isDeploying(lastDeployment.step) && (
        <p className="cell-deploying">
          Deploying build{" "}
          <Link to={`/builds/${lastDeployment.buildId}`}>#{lastDeployment.buildId}</Link>:{" "}
          <StatusChip status={lastDeployment.step} />
        </p>
      )}
      <dl className="cell-facts">
        <div>
          <dt>Live</dt>
          <dd>
            {live ? (
              <ReleaseLine
                buildId={live.buildId}
                sha={live.sha}
                message={live.message}
                author={live.author}
                since={live.since}
              />
            ) : (
              <span className="muted">Nothing deployed yet</span>
            )}
          </dd>
        </div>
        <div>
          <dt>Next</dt>
          <dd>
            {candidate && candidate.buildId !== live?.buildId ? (
              <>
                <ReleaseLine
                  buildId={candidate.buildId}
                  sha={candidate.sha}
                  message={candidate.message}
                  author={candidate.author}
                  since={null}
                />
                <span className="cell-waiting">{waitingLabel(waiting.length)}</span>
                {control?.risk && <RiskDisclosure risk={control.risk} />}
              </>
            ) : candidate ? (
              <span className="cell-up-to-date">{waitingLabel(0)}</span>
            ) : (
              <span className="muted">
                {environment.requires.length
                  ? `No build verified on ${environment.requires.join(", ")} yet`
                  : "No green build yet"}
              </span>
            )}
          </dd>
        </div>
        <div>
          <dt>Deploys</dt>
          <dd>
            <NextRun environment={environment} />
          </dd>
        </div>
      </dl>
      {environment.lastSkipReason && (
        <p className="cell-skip">
          Last run skipped
          {environment.lastSkipAt !== null && (
            <>
              {" "}
              <RelativeTime at={environment.lastSkipAt} />
            </>
          )}
          : {environment.lastSkipReason}
        </p>
      )}
      <footer className="cell-foot">
        <Holds holds={control?.holds ?? []} />
        <BlockButton project={project} environment={name} compact />
      </footer>
    </article>
  );
}

/** The first reason the next deploy waits, and how many more there are. */
function Holds({ holds }: { holds: string[] }) {
  const [first] = holds;
  if (first === undefined) return <span />;
  return (
    <p className="cell-holds" title={holds.join("\n")}>
      Waiting: {first}
      {holds.length > 1 && <span className="muted"> (+{holds.length - 1} more)</span>}
    </p>
  );
}

/** "#12 abc1234 Fix the login — Ada, 3 h ago" for a live release or a candidate. */
function ReleaseLine(props: {
  buildId: number;
  sha: string;
  message: string | undefined;
  author: string | undefined;
  since: number | null;
}) {
  return (
    <span className="cell-release">
      <span className="cell-release-ref">
        <Link to={`/builds/${props.buildId}`}>#{props.buildId}</Link>{" "}
        <span className="sha">{shortSha(props.sha)}</span>
      </span>
      {props.message && <span className="cell-release-message">{firstLine(props.message)}</span>}
      <span className="cell-release-meta muted">
        {props.author}
        {props.author && props.since !== null && " · "}
        {props.since !== null && <RelativeTime at={props.since} />}
      </span>
    </span>
  );
}

/** When this environment deploys next: a ticking countdown for a schedule, else its policy. */
function NextRun({ environment }: { environment: OverviewEnvironment }) {
  const { deploy, nextRunAt } = environment;
  if (typeof deploy === "object") {
    return nextRunAt !== null ? (
      <span title={describePolicy(deploy)}>
        Next run <Countdown at={nextRunAt} />
      </span>
    ) : (
      <span className="muted">{describePolicy(deploy)}, no run planned</span>
    );
  }
  return <span className="muted">{describePolicy(deploy)}</span>;
}
