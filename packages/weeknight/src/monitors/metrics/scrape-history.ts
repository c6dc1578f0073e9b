import type { Labels, MetricFamily, Sample } from "./prometheus-text.js";
import type { SeriesSelector } from "./series-selector.js";

/**
 * The recent scrapes of one metrics monitor, cut down to the series its rules select, so a
 * `rate` over 5 minutes can be computed without keeping whole scrapes.
 */

/** What one selector picked out of one scrape. */
export interface SelectedSeries {
  /** Whether the scrape had the selector's metric at all (a `# TYPE` line or any series). */
  known: boolean;
  /** Series key (name and sorted labels) → value. */
  values: Map<string, number>;
}

export interface ScrapePoint {
  /** When the scrape started (epoch ms, from the check's clock). */
  at: number;
  /** One entry per selector, in the order the selectors were given. */
  selected: SelectedSeries[];
}

export interface ScrapeHistory {
  /** Adds a scrape and forgets those older than the retention before it. */
  add(point: ScrapePoint): void;
  /** Oldest first. */
  points(): readonly ScrapePoint[];
}

export function createScrapeHistory(retentionMs: number): ScrapeHistory {
  const points: ScrapePoint[] = [];
  return {
    add(point) {
      // A clock that stepped back would leave points "from the future": drop them.
      while (points.length > 0 && (points.at(-1) as ScrapePoint).at >= point.at) points.pop();
      points.push(point);
      const oldest = point.at - retentionMs;
      let drop = 0;
      while (drop < points.length && (points[drop] as ScrapePoint).at < oldest) drop++;
      if (drop > 0) points.splice(0, drop);
    },
    points: () => points,
  };
}

/** Picks each selector's series out of a parsed scrape. */
export function selectSeries(
  families: readonly MetricFamily[],
  selectors: readonly SeriesSelector[],
): SelectedSeries[] {
  const selected = selectors.map(() => ({ known: false, values: new Map<string, number>() }));
  for (const family of families) {
    const names = sampleNames(family);
    for (let s = 0; s < selectors.length; s++) {
      const selector = selectors[s] as SeriesSelector;
      if (!names.some((name) => selector.matchesName(name))) continue;
      const into = selected[s] as SelectedSeries;
      into.known = true;
      for (const sample of family.samples) {
        if (selector.matches(sample.name, sample.labels)) {
          into.values.set(seriesKey(sample), sample.value);
        }
      }
    }
  }
  return selected;
}

/** The names a family's samples may have, so a declared but still empty metric is known. */
function sampleNames(family: MetricFamily): readonly string[] {
  const { name, type } = family;
  if (type === "histogram") return [`${name}_bucket`, `${name}_sum`, `${name}_count`];
  if (type === "summary") return [name, `${name}_sum`, `${name}_count`];
  return [name];
}

// A lone surrogate never comes out of UTF-8 decoding, so no name or value can contain it.
const SEPARATOR = "\uD800";

export function seriesKey(sample: Pick<Sample, "name" | "labels">): string {
  const labels: Labels = sample.labels;
  let key = sample.name;
  for (const label of Object.keys(labels).sort()) {
    key += SEPARATOR + label + SEPARATOR + labels[label];
  }
  return key;
}
