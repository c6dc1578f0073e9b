import { Link } from "react-router";
import { constraintText, flagPath } from "../lib/flag-format.js";
import { useSegments } from "../lib/use-flags.js";
import { EmptyState, ErrorState, Loading } from "./states.js";

/** The project's segments: named groups of users that flags' rules share, and who uses each. */
export function FlagSegments({ project }: { project: string }) {
  const segments = useSegments(project);
  return (
    <section aria-labelledby="segments-heading" className="flag-segments">
      <h2 id="segments-heading">Segments</h2>
      <p className="hint">
        Named groups flags' rules share. Redefining one changes every flag that uses it at once:{" "}
        <code>weeknight flag segment set &lt;name&gt; …</code>
      </p>
      {segments.isPending ? (
        <Loading what="segments" />
      ) : segments.isError ? (
        <ErrorState error={segments.error} retry={() => void segments.refetch()} />
      ) : segments.data.length === 0 ? (
        <EmptyState title="No segments" />
      ) : (
        <div className="table-wrap">
          <table data-testid="segments">
            <thead>
              <tr>
                <th scope="col">Segment</th>
                <th scope="col">Who is in it</th>
                <th scope="col">Used by</th>
              </tr>
            </thead>
            <tbody>
              {segments.data.map((segment) => (
                <tr key={segment.name}>
                  <th scope="row" className="flag-row-head">
                    <span className="mono">{segment.name}</span>
                    {segment.builtIn && <span className="chip chip-idle flag-chip">built in</span>}
                    {segment.description && (
                      <span className="flag-description">{segment.description}</span>
                    )}
                  </th>
                  <td>
                    <ul className="plain-list">
                      {segment.constraints.map((constraint) => (
                        <li key={constraintText(constraint)} className="mono">
                          {constraintText(constraint)}
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td>
                    {segment.usedBy.length === 0 ? (
                      <span className="muted">no flag</span>
                    ) : (
                      <ul className="plain-list">
                        {segment.usedBy.map((key) => (
                          <li key={key}>
                            <Link to={flagPath(project, key)}>{key}</Link>
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
