/** Application ("guts") monitoring from Prometheus metrics: the scheduler's entry points. */
export { createMetricsCheck, type MetricsCheckOptions } from "./metrics-check.js";
export {
  type Labels,
  type MetricFamily,
  type MetricType,
  parsePrometheusText,
  type Sample,
} from "./prometheus-text.js";
export {
  type LabelMatcher,
  type MatchOp,
  parseSeriesSelector,
  type SeriesSelector,
} from "./series-selector.js";
