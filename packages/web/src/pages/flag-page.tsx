import { useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate, useParams, useSearchParams } from "react-router";
import { api, unwrap } from "../api/client.js";
import { useUser } from "../app/session.js";
import { ConfirmButton } from "../components/confirm-button.js";
import { FlagEnvironmentPanel, FlagEnvironmentTabs } from "../components/flag-environment.js";
import { FlagHistory } from "../components/flag-history.js";
import { FlagMetrics } from "../components/flag-metrics.js";
import { FlagPreview } from "../components/flag-preview.js";
import { FlagStaleBadge } from "../components/flag-stage-badge.js";
import { ErrorState, Loading } from "../components/states.js";
import { projectPath } from "../lib/builds-overview.js";
import { type FlagView, flagsPath } from "../lib/flag-format.js";
import { formatTimestamp } from "../lib/time.js";
import { useFlag } from "../lib/use-flags.js";
import { useTitle } from "../lib/use-title.js";

/** One flag: its state and lifecycle per environment, who gets it, how often, and its history. */
export function FlagPage() {
  const params = useParams();
  const project = params.project ?? "";
  const key = params.key ?? "";
  useTitle(`${key} · ${project}`);
  const flag = useFlag(project, key);
  const [search] = useSearchParams();

  return (
    <div className="flag-page">
      <p className="crumbs">
        <Link to="/">Overview</Link> <span aria-hidden="true">/</span>{" "}
        <Link to={projectPath(project)}>{project}</Link> <span aria-hidden="true">/</span>{" "}
        <Link to={flagsPath(project)}>Flags</Link> <span aria-hidden="true">/</span>
      </p>
      {flag.isPending ? (
        <>
          <h1 className="mono">{key}</h1>
          <Loading what="the flag" />
        </>
      ) : flag.isError ? (
        <>
          <h1 className="mono">{key}</h1>
          <ErrorState error={flag.error} retry={() => void flag.refetch()} />
        </>
      ) : (
        <FlagDetails project={project} flag={flag.data} selected={search.get("env")} />
      )}
    </div>
  );
}

function FlagDetails(props: { project: string; flag: FlagView; selected: string | null }) {
  const { project, flag } = props;
  const names = flag.environments.map((e) => e.environment);
  const env =
    flag.environments.find((e) => e.environment === props.selected) ?? flag.environments[0];
  return (
    <>
      <FlagHeader project={project} flag={flag} />
      {env ? (
        <>
          <FlagEnvironmentTabs flag={flag} selected={env.environment} />
          <FlagEnvironmentPanel project={project} flag={flag} env={env} />
          <FlagPreview project={project} flagKey={flag.key} environment={env.environment} />
        </>
      ) : (
        <p className="notice notice-warn">
          {project} has no environments yet: they come from the weeknight.yml of its newest green
          build. The flag is off until then.
        </p>
      )}
      <FlagMetrics project={project} flagKey={flag.key} environments={names} />
      <FlagHistory project={project} flagKey={flag.key} />
    </>
  );
}

function FlagHeader({ project, flag }: { project: string; flag: FlagView }) {
  const user = useUser();
  const navigate = useNavigate();
  const queries = useQueryClient();
  const archive = async () => {
    await unwrap(
      api.DELETE("/api/v1/projects/{name}/flags/{key}", {
        params: { path: { name: project, key: flag.key } },
      }),
    );
    queries.removeQueries({ queryKey: ["flag", project, flag.key] });
    await queries.invalidateQueries({ queryKey: ["flags", project] });
    navigate(flagsPath(project));
  };
  return (
    <header className="flag-head">
      <div className="project-title">
        <h1 className="flag-title">
          <span className="mono">{flag.key}</span>
          <span className="chip chip-idle">{flag.type}</span>
          <FlagStaleBadge flag={flag} />
        </h1>
        {user.can("deployer") && (
          <ConfirmButton
            label="Archive"
            title={`Archive ${flag.key}?`}
            confirmLabel="Archive the flag"
            danger
            onConfirm={archive}
          >
            <p>
              SDKs stop seeing it: any check of {flag.key} left in the code falls back to its
              default. Delete it from the code first.
            </p>
          </ConfirmButton>
        )}
      </div>
      <p className="flag-summary">
        {flag.description || <span className="muted">No description.</span>}{" "}
        <span className="muted">
          Created by {flag.createdBy} on {formatTimestamp(flag.createdAt)}.
        </span>
      </p>
      {flag.stale && (
        <p className="notice notice-warn" data-testid="flag-stale-notice">
          <strong>Stale:</strong> {flag.key} has been on for everyone in {flag.stale.environment}{" "}
          for {flag.stale.days} days. Delete it from the code, then archive it.
        </p>
      )}
    </header>
  );
}
