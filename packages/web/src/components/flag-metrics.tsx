import { useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../api/client.js";
import { countsByEnvironment, type EnvironmentCounts } from "../lib/flag-format.js";
import { flagKeys } from "../lib/use-flags.js";
import { ErrorState, Loading } from "./states.js";

const HOURS = 24;
/** SDKs report counts every minute or so; look again now and then (no event announces them). */
const REFRESH_MS = 60_000;

/** How often SDKs asked for the flag in the last 24 hours, and how often it said yes. */
export function FlagMetrics(props: { project: string; flagKey: string; environments: string[] }) {
  const { project, flagKey, environments } = props;
  const metrics = useQuery({
    queryKey: flagKeys.metrics(project, flagKey),
    queryFn: () =>
      unwrap(
        api.GET("/api/v1/projects/{name}/flags/{key}/metrics", {
          params: { path: { name: project, key: flagKey }, query: { hours: HOURS } },
        }),
      ),
    refetchInterval: REFRESH_MS,
  });
  return (
    <section className="flag-metrics" aria-labelledby="flag-metrics-heading">
      <h2 id="flag-metrics-heading">Evaluations, last {HOURS} h</h2>
      {metrics.isPending ? (
        <Loading what="evaluation counts" />
      ) : metrics.isError ? (
        <ErrorState error={metrics.error} retry={() => void metrics.refetch()} />
      ) : (
        <ul className="plain-list flag-counts" data-testid="flag-metrics">
          {countsByEnvironment(metrics.data, environments).map((counts) => (
            <Counts key={counts.environment} counts={counts} />
          ))}
        </ul>
      )}
      <p className="hint">Counted by the SDKs and reported to Weeknight about once a minute.</p>
    </section>
  );
}

function Counts({ counts }: { counts: EnvironmentCounts }) {
  const total = counts.yes + counts.no;
  const share = total === 0 ? 0 : Math.round((counts.yes / total) * 100);
  return (
    <li className="flag-count">
      <span className="flag-count-env">{counts.environment}</span>
      {total === 0 ? (
        <span className="muted">not asked</span>
      ) : (
        <>
          <span className="flag-bar" aria-hidden="true">
            <span style={{ width: `${share}%` }} />
          </span>
          <span>
            <strong>{counts.yes.toLocaleString()}</strong> yes ·{" "}
            <strong>{counts.no.toLocaleString()}</strong> no{" "}
            <span className="muted">({share} % yes)</span>
          </span>
          {counts.variants.length > 0 && (
            <span className="muted flag-count-variants">
              {counts.variants.map((v) => `${v.name} ${v.count.toLocaleString()}`).join(" · ")}
            </span>
          )}
        </>
      )}
    </li>
  );
}
