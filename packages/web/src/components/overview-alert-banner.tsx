import { Link } from "react-router";
import { groupFiring } from "../lib/monitor-alerts.js";
import { useFiringAlerts } from "../lib/use-firing-alerts.js";
import { useProjectNames } from "../lib/use-project-names.js";

/** Firing alerts under the failure banner: one line per environment and suspect deploy. */
export function AlertBanner() {
  const firing = useFiringAlerts();
  const projects = useProjectNames();
  const groups = groupFiring(firing.data ?? [], projects.nameOf);
  if (groups.length === 0) return null;
  return (
    <div className="failure-banner" role="alert" data-testid="alert-banner">
      <p className="failure-banner-title">
        {groups.length === 1 ? "1 alert firing" : `${groups.length} alerts firing`}
      </p>
      <ul>
        {groups.map((group) => (
          <li key={group.key}>
            <Link to={`/alerts?project=${encodeURIComponent(group.project)}`}>
              {group.project} / {group.text}
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
