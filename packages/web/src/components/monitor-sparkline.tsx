import {
  describeSparkline,
  type SparkDeployment,
  type SparkResult,
  shapeSparkline,
} from "../lib/monitor-sparkline.js";

const WIDTH = 160;
const HEIGHT = 40;
/** Room above the plot for deploy labels. */
const LABEL_BAND = 10;
const MIN_LABEL_GAP = 44;

/**
 * Latency of a monitor's recent runs, one dot per run coloured by its outcome, with a line at
 * each deploy that finished meanwhile. Inline SVG so it follows the theme's CSS colours.
 */
export function MonitorSparkline(props: {
  results: readonly SparkResult[];
  deployments: readonly SparkDeployment[];
}) {
  const spark = shapeSparkline(props.results, props.deployments, {
    width: WIDTH,
    height: HEIGHT - LABEL_BAND,
  });
  const description = describeSparkline(spark);
  let lastLabelX = Number.NEGATIVE_INFINITY;
  return (
    <svg
      className="sparkline"
      width={WIDTH}
      height={HEIGHT}
      viewBox={`0 ${-LABEL_BAND} ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-label={`Latency: ${description}`}
      data-testid="sparkline"
    >
      <title>{description}</title>
      {spark.markers.map((marker) => {
        const labelled = marker.x - lastLabelX >= MIN_LABEL_GAP;
        if (labelled) lastLabelX = marker.x;
        return (
          <g key={marker.deploymentId} className="sparkline-deploy">
            <title>{`Deploy #${marker.deploymentId} finished: ${marker.release}`}</title>
            <line x1={marker.x} x2={marker.x} y1={-LABEL_BAND + 9} y2={HEIGHT - LABEL_BAND} />
            {labelled && (
              <text
                x={marker.x}
                y={-2}
                textAnchor={marker.x > WIDTH - MIN_LABEL_GAP ? "end" : "start"}
              >
                {shortRelease(marker.release)}
              </text>
            )}
          </g>
        );
      })}
      <path className="sparkline-line" d={spark.line} />
      {spark.points.map((point) => (
        <circle
          key={point.at}
          className={`sparkline-dot sparkline-${point.status}`}
          cx={point.x}
          cy={point.y}
          r={point.status === "fail" ? 2.4 : 1.6}
        />
      ))}
    </svg>
  );
}

/** Release ids are long; the tail tells them apart. */
function shortRelease(release: string): string {
  return release.length > 10 ? `…${release.slice(-8)}` : release;
}
