import { Link } from "react-router";
import { type FlagView, flagPath } from "../lib/flag-format.js";
import { FlagRampBadge, FlagStageBadge, FlagStaleBadge } from "./flag-stage-badge.js";
import { RelativeTime } from "./time.js";

/** A project's flags, one row each: type, and the stage (and ramp) in every environment. */
export function FlagsTable(props: { project: string; flags: FlagView[]; environments: string[] }) {
  const { project, flags, environments } = props;
  return (
    <div className="table-wrap">
      <table className="flags-table" data-testid="flags">
        <thead>
          <tr>
            <th scope="col">Flag</th>
            <th scope="col">Type</th>
            {environments.map((name) => (
              <th scope="col" key={name}>
                {name}
              </th>
            ))}
            <th scope="col" className="hide-narrow">
              Created
            </th>
          </tr>
        </thead>
        <tbody>
          {flags.map((flag) => (
            <tr key={flag.key} data-testid={`flag-${flag.key}`}>
              <th scope="row" className="flag-row-head">
                <Link to={flagPath(project, flag.key)} className="flag-key">
                  {flag.key}
                </Link>
                <FlagStaleBadge flag={flag} />
                {flag.description && <span className="flag-description">{flag.description}</span>}
              </th>
              <td>{flag.type}</td>
              {environments.map((name) => (
                <EnvironmentCell key={name} flag={flag} environment={name} />
              ))}
              <td className="hide-narrow muted flag-created">
                {flag.createdBy}, <RelativeTime at={flag.createdAt} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function EnvironmentCell({ flag, environment }: { flag: FlagView; environment: string }) {
  const env = flag.environments.find((e) => e.environment === environment);
  if (!env) return <td className="muted">–</td>;
  return (
    <td data-testid={`flag-${flag.key}-${environment}`}>
      <span className="flag-cell">
        <FlagStageBadge env={env} />
        <FlagRampBadge env={env} />
      </span>
    </td>
  );
}
