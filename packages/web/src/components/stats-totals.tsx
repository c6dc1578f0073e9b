import { bandTones, type StatsReport, statsMetrics, totalsCards } from "../lib/stats-chart.js";

/** The whole range in five figures, each DORA metric with its performance band. */
export function StatsTotals({ report }: { report: StatsReport }) {
  return (
    <section aria-labelledby="stats-totals-title">
      <h2 id="stats-totals-title" className="visually-hidden">
        Totals
      </h2>
      <dl className="stats-totals" data-testid="stats-totals">
        {totalsCards(report.totals).map((card) => (
          <div key={card.id} className="card stats-total">
            <dt>{card.title}</dt>
            <dd className="stats-total-value">{card.value}</dd>
            <dd className="muted">{card.detail}</dd>
            <dd>
              {card.band ? (
                <span className={`chip chip-${bandTones[card.band]}`} data-testid="dora-band">
                  {card.band}
                  <span className="visually-hidden"> (DORA band)</span>
                </span>
              ) : (
                card.id !== "batch" && <span className="chip chip-idle">no data</span>
              )}
            </dd>
          </div>
        ))}
      </dl>
      <p className="hint">
        {report.weeks.length} weeks from Monday {report.weeks[0]?.firstDay ?? "—"}, this one
        included; weeks run Monday to Monday in {report.timezone}. DORA bands, best first: elite,
        high, medium, low (see <code>docs/stats.md</code>).
      </p>
    </section>
  );
}

/** Every figure of every week: the charts' data as a table, for reading and for screen readers. */
export function StatsTable({ report }: { report: StatsReport }) {
  return (
    <details className="stats-table">
      <summary>Week by week, as a table</summary>
      <div className="table-wrap">
        <table data-testid="stats-table">
          <caption className="visually-hidden">
            {report.environment} of {report.project}, week by week
          </caption>
          <thead>
            <tr>
              <th scope="col">Week</th>
              {statsMetrics.map((metric) => (
                <th key={metric.id} scope="col">
                  {metric.title}
                </th>
              ))}
              <th scope="col">Failures</th>
            </tr>
          </thead>
          <tbody>
            {report.weeks.map((week) => (
              <tr key={week.week}>
                <th scope="row">
                  {week.week} <span className="muted">({week.firstDay})</span>
                </th>
                {statsMetrics.map((metric) => {
                  const value = metric.value(week);
                  return (
                    <td key={metric.id} className="num">
                      {value === null ? "—" : metric.format(value)}
                    </td>
                  );
                })}
                <td className="num">{week.failures}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
