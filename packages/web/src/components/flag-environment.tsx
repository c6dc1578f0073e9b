import { Link } from "react-router";
import type { FlagEnvironment, FlagView } from "../lib/flag-format.js";
import { FlagActions } from "./flag-actions.js";
import { FlagRampSection } from "./flag-ramp.js";
import { FlagRolloutSlider } from "./flag-rollout-slider.js";
import { FlagRules } from "./flag-rules.js";
import { FlagRampBadge, FlagStageBadge } from "./flag-stage-badge.js";
import { RelativeTime } from "./time.js";

/** One tab per environment, each showing its stage; the selected one is in the URL (?env=). */
export function FlagEnvironmentTabs(props: { flag: FlagView; selected: string }) {
  const { flag, selected } = props;
  return (
    <nav className="tabs flag-env-tabs" aria-label={`Environments of ${flag.key}`}>
      {flag.environments.map((env) => (
        <Link
          key={env.environment}
          to={`?env=${encodeURIComponent(env.environment)}`}
          replace
          className={env.environment === selected ? "flag-env-tab active" : "flag-env-tab"}
          aria-current={env.environment === selected ? "page" : undefined}
          data-testid={`flag-tab-${env.environment}`}
        >
          {env.environment} <FlagStageBadge env={env} />
        </Link>
      ))}
    </nav>
  );
}

/** Where the flag stands in one environment, and (for deployers) every way to move it. */
export function FlagEnvironmentPanel(props: {
  project: string;
  flag: FlagView;
  env: FlagEnvironment;
}) {
  const { project, flag, env } = props;
  const headingId = `flag-env-${env.environment}`;
  return (
    <section className="flag-env card" aria-labelledby={headingId} data-testid="flag-environment">
      <div className="section-head">
        <h2 id={headingId} className="flag-env-title">
          {env.environment}: <FlagStageBadge env={env} /> <FlagRampBadge env={env} />
        </h2>
        {env.updatedBy && env.updatedAt !== null && (
          <p className="hint">
            Last changed by {env.updatedBy} <RelativeTime at={env.updatedAt} />
          </p>
        )}
      </div>
      <FlagActions project={project} flagKey={flag.key} env={env} />
      <FlagRolloutSlider
        key={`${env.environment}-${env.updatedAt ?? 0}`}
        project={project}
        flagKey={flag.key}
        env={env}
      />
      <div className="flag-env-grid">
        <FlagRules env={env} />
        <FlagRampSection project={project} flagKey={flag.key} env={env} />
      </div>
    </section>
  );
}
