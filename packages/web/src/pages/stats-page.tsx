import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useParams, useSearchParams } from "react-router";
import { api, unwrap } from "../api/client.js";
import { isNotFound, ProjectHeader, useProject } from "../components/project-header.js";
import { ErrorState, Loading } from "../components/states.js";
import { StatsChart } from "../components/stats-chart.js";
import { StatsTable, StatsTotals } from "../components/stats-totals.js";
import { statsMetrics, weekChoices } from "../lib/stats-chart.js";
import { useTitle } from "../lib/use-title.js";

/**
 * A project's DORA metrics, week by week, for one environment. The environment and the range
 * live in the URL (?environment=production&weeks=26), so a view can be shared.
 */
export function StatsPage() {
  const project = useParams().project ?? "";
  useTitle(`Stats · ${project}`);
  const [search, setSearch] = useSearchParams();
  const environment = search.get("environment") ?? undefined;
  const asked = Number(search.get("weeks"));
  const weeks = (weekChoices as readonly number[]).includes(asked) ? asked : 12;
  const details = useProject(project);
  const environments = useQuery({
    queryKey: ["environment", project, "list"],
    queryFn: () =>
      unwrap(
        api.GET("/api/v1/projects/{name}/environments", { params: { path: { name: project } } }),
      ),
  });
  const stats = useQuery({
    queryKey: ["stats", project, environment ?? null, weeks],
    queryFn: () =>
      unwrap(
        api.GET("/api/v1/projects/{name}/stats", {
          params: {
            path: { name: project },
            query: { weeks, ...(environment && { environment }) },
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });
  const choose = (key: "environment" | "weeks", value: string) => {
    const next = new URLSearchParams(search);
    next.set(key, value);
    setSearch(next, { replace: true });
  };

  if (isNotFound(details.error)) return <ProjectHeader project={project} />;
  const shown = stats.data?.environment ?? environment ?? "";
  return (
    <>
      <ProjectHeader project={project} />
      <section aria-labelledby="stats-title" className="stats-page" aria-busy={stats.isFetching}>
        <div className="section-head">
          <h2 id="stats-title">Delivery stats</h2>
          <div className="toolbar stats-toolbar">
            <label className="stats-field">
              Environment
              <select value={shown} onChange={(event) => choose("environment", event.target.value)}>
                {shown === "" && <option value="">default</option>}
                {(environments.data ?? []).map((env) => (
                  <option key={env.name} value={env.name}>
                    {env.name}
                  </option>
                ))}
              </select>
            </label>
            <label className="stats-field">
              Range
              <select value={weeks} onChange={(event) => choose("weeks", event.target.value)}>
                {weekChoices.map((n) => (
                  <option key={n} value={n}>
                    {n} weeks
                  </option>
                ))}
              </select>
            </label>
          </div>
        </div>
        {stats.isPending ? (
          <Loading what="stats" />
        ) : stats.isError ? (
          <ErrorState error={stats.error} retry={() => void stats.refetch()} />
        ) : (
          <>
            <StatsTotals report={stats.data} />
            <div className="stats-charts">
              {statsMetrics.map((metric) => (
                <StatsChart key={metric.id} metric={metric} weeks={stats.data.weeks} />
              ))}
            </div>
            <StatsTable report={stats.data} />
          </>
        )}
      </section>
    </>
  );
}
