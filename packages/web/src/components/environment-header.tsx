import { Link } from "react-router";
import type { EnvironmentView } from "../api/answers.js";
import { describePolicy } from "../lib/deployment-format.js";
import { StatusChip } from "./status-chip.js";
import { Countdown, RelativeTime } from "./time.js";

/** Name, health and how the environment deploys: what someone glancing at the tab needs first. */
export function EnvironmentHeader({ project, env }: { project: string; env: EnvironmentView }) {
  return (
    <header className="env-header">
      <nav aria-label="Breadcrumb" className="crumbs">
        <Link to={`/projects/${encodeURIComponent(project)}`}>{project}</Link>
        <span aria-hidden="true"> / </span>
        <span className="muted">environments</span>
      </nav>
      <div className="env-title">
        <h1>{env.name}</h1>
        <output className="env-health" aria-live="polite">
          <StatusChip status={env.health} />
          {env.healthDetail && <span className="muted">{env.healthDetail}</span>}
        </output>
      </div>
      <dl className="env-facts">
        <div>
          <dt>Target</dt>
          <dd className="mono">{env.target}</dd>
        </div>
        <div>
          <dt>Deploys</dt>
          <dd>
            {describePolicy(env.deploy)}
            {env.nextRunAt !== null && (
              <>
                {" "}
                · next run <Countdown at={env.nextRunAt} />
              </>
            )}
          </dd>
        </div>
        <div>
          <dt>Requires</dt>
          <dd>{env.requires.length > 0 ? env.requires.join(", ") : "a passing build"}</dd>
        </div>
      </dl>
      {env.lastSkipReason && (
        <p className="notice notice-warn">
          <strong>Last run skipped</strong>
          {env.lastSkipAt !== null && (
            <>
              {" "}
              <RelativeTime at={env.lastSkipAt} />
            </>
          )}
          : {env.lastSkipReason}
        </p>
      )}
    </header>
  );
}
