import type { EnvironmentView } from "../api/answers.js";
import { describeDiff, formatFileCount } from "../lib/deployment-format.js";
import { RiskBadge, RiskReasons } from "./risk-badge.js";
import { EmptyState } from "./states.js";

/** The commits the candidate would ship on top of what is live, newest first (as git logs them). */
export function EnvironmentWaiting({ env }: { env: EnvironmentView }) {
  const { waiting } = env;
  const risk = env.control?.risk ?? null;
  return (
    <section className="env-waiting" aria-labelledby="waiting-title">
      <h2 id="waiting-title">
        What goes out tonight{" "}
        {waiting.length > 0 && (
          <span className="count">
            {waiting.length} commit{waiting.length === 1 ? "" : "s"}
          </span>
        )}{" "}
        {risk && <RiskBadge risk={risk} />}
      </h2>
      {risk && risk.reasons.length > 0 && (
        <div className="risk-why">
          <p className="hint">Why {risk.level} risk:</p>
          <RiskReasons risk={risk} />
        </div>
      )}
      <div data-testid="waiting-commits">
        {waiting.length === 0 ? (
          <EmptyState title={`${env.name} is up to date with the candidate`}>
            {env.candidate
              ? "New commits show here once a build of them passes."
              : "Commits show here once a build passes and becomes the candidate."}
          </EmptyState>
        ) : (
          <ol className="commit-list card">
            {waiting.map((commit) => (
              <li key={commit.sha}>
                <span className="sha" title={commit.sha}>
                  {commit.sha.slice(0, 7)}
                </span>
                <span className="commit-message">{commit.message}</span>
                <span className="commit-author muted">{commit.author}</span>
                <span className="diff" title={describeDiff(commit)}>
                  <span className="diff-add">+{commit.additions}</span>{" "}
                  <span className="diff-del">−{commit.deletions}</span>{" "}
                  <span className="muted">· {formatFileCount(commit.files)}</span>
                </span>
              </li>
            ))}
          </ol>
        )}
      </div>
    </section>
  );
}
