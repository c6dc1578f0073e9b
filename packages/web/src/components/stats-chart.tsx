import { useId } from "react";
import { chartBars, describeChart, type StatsMetric, type StatsWeek } from "../lib/stats-chart.js";

const WIDTH = 280;
const PLOT = 90;
/** Room under the plot for the first and last week's labels. */
const AXIS = 16;

/**
 * One metric week by week as inline SVG bars (theme colours from CSS). Its <title> and <desc>
 * say what it shows; each bar's <title> gives its week and value; the page's table has them all.
 */
export function StatsChart({
  metric,
  weeks,
}: {
  metric: StatsMetric;
  weeks: readonly StatsWeek[];
}) {
  const titleId = useId();
  const descId = useId();
  const { bars } = chartBars(weeks, metric, { width: WIDTH, height: PLOT });
  const description = describeChart(metric, bars);
  const first = bars[0];
  const last = bars.at(-1);
  return (
    <figure className="card stats-chart" data-testid={`chart-${metric.id}`}>
      <figcaption>
        <span className="stats-chart-title">{metric.title}</span>
        <span className="muted stats-chart-latest">
          this week: <strong>{last?.text ?? "no data"}</strong>
        </span>
      </figcaption>
      <svg
        viewBox={`0 0 ${WIDTH} ${PLOT + AXIS}`}
        role="img"
        aria-labelledby={`${titleId} ${descId}`}
      >
        <title id={titleId}>{metric.title}</title>
        <desc id={descId}>{description}</desc>
        <line className="stats-axis" x1={0} x2={WIDTH} y1={PLOT + 0.5} y2={PLOT + 0.5} />
        {bars.map((bar) => (
          <g key={bar.week} className={bar.value === null ? "stats-bar-empty" : "stats-bar"}>
            <title>{`Week of ${bar.label}: ${bar.text}`}</title>
            {/* The full-height slot takes the hover, so short bars show their value too. */}
            <rect className="stats-slot" x={bar.x} y={0} width={bar.width} height={PLOT} />
            {bar.height > 0 && (
              <rect x={bar.x} y={bar.y} width={bar.width} height={bar.height} rx={1.5} />
            )}
          </g>
        ))}
        {first && (
          <text className="stats-tick" x={0} y={PLOT + AXIS - 3}>
            {first.label}
          </text>
        )}
        {last && bars.length > 1 && (
          <text className="stats-tick" x={WIDTH} y={PLOT + AXIS - 3} textAnchor="end">
            {last.label}
          </text>
        )}
      </svg>
    </figure>
  );
}
