import { Link } from "react-router";
import type { EnvironmentView } from "../api/answers.js";
import { RiskBadge } from "./risk-badge.js";
import { EmptyState } from "./states.js";
import { RelativeTime } from "./time.js";

/** The release serving now and the build that would replace it, side by side. */
export function EnvironmentReleases({ env }: { env: EnvironmentView }) {
  const { live, candidate } = env;
  const candidateIsLive = live !== null && candidate !== null && candidate.buildId === live.buildId;
  return (
    <div className="env-releases">
      <section
        className="card release-card"
        data-testid="live-release"
        aria-labelledby="live-title"
      >
        <h2 id="live-title">
          Live <span className="release-dot release-dot-live" aria-hidden="true" />
        </h2>
        {live ? (
          <ReleaseSummary
            buildId={live.buildId}
            sha={live.sha}
            message={live.message}
            author={live.author}
            since={live.since}
          />
        ) : (
          <EmptyState title="Nothing is live yet">
            Deploy the candidate to put the first release of {env.name} in service.
          </EmptyState>
        )}
      </section>
      <section className="card release-card" aria-labelledby="candidate-title">
        <h2 id="candidate-title">
          Candidate {env.control?.risk && !candidateIsLive && <RiskBadge risk={env.control.risk} />}
        </h2>
        {candidate ? (
          <>
            <ReleaseSummary
              buildId={candidate.buildId}
              sha={candidate.sha}
              message={candidate.message}
              author={candidate.author}
              since={null}
            />
            {candidateIsLive && <p className="hint">Already live: nothing new to deploy.</p>}
          </>
        ) : (
          <EmptyState title="No candidate yet">
            A build becomes the candidate once it passes{" "}
            {env.requires.length > 0 ? env.requires.join(", ") : "its stages"}.
          </EmptyState>
        )}
      </section>
    </div>
  );
}

function ReleaseSummary(props: {
  buildId: number;
  sha: string;
  message: string;
  author: string;
  since: number | null;
}) {
  return (
    <>
      <p className="release-message">
        {props.message || <span className="muted">No message</span>}
      </p>
      <p className="release-meta">
        <Link to={`/builds/${props.buildId}`}>Build #{props.buildId}</Link>
        <span className="sha" title={props.sha}>
          {props.sha.slice(0, 7)}
        </span>
        <span>{props.author}</span>
        {props.since !== null && (
          <span>
            live since <RelativeTime at={props.since} />
          </span>
        )}
      </p>
    </>
  );
}
