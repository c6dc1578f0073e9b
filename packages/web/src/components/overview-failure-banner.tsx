import { Link } from "react-router";
import type { Failure } from "../lib/builds-overview.js";

/** The red banner at the top of the overview: everything broken right now, each a link to it. */
export function FailureBanner({ failures }: { failures: Failure[] }) {
  if (failures.length === 0) return null;
  return (
    <div className="failure-banner" role="alert" data-testid="failure-banner">
      <p className="failure-banner-title">
        {failures.length === 1
          ? "1 thing needs attention"
          : `${failures.length} things need attention`}
      </p>
      <ul>
        {failures.map((failure) => (
          <li key={failure.key}>
            <Link to={failure.to}>
              {failure.project}
              {failure.environment && ` / ${failure.environment}`}
            </Link>
            : {failure.problem}
          </li>
        ))}
      </ul>
    </div>
  );
}
