/**
 * Per-release request counters kept by the proxy: totals since the release started
 * serving, plus a sliding window of the last requests for the canary analysis.
 */
export interface WindowStats {
  requests: number;
  errors5xx: number;
  p50Ms: number | null;
  p95Ms: number | null;
}

export interface ReleaseTraffic {
  readonly inFlight: number;
  readonly requests: number;
  readonly errors5xx: number;
  /** Wall-clock time of the first request this release answered, if any. */
  readonly firstRequestAt: number | null;
  begin(): void;
  end(): void;
  /** One answered (or failed: status 502) request and its time to response headers. */
  record(status: number, latencyMs: number, at: number): void;
  window(): WindowStats;
}

/**
 * A window counted in requests rather than seconds: a quiet canary is still judged
 * on enough samples, and a busy one on recent ones.
 */
export const DEFAULT_WINDOW_REQUESTS = 500;

export function createReleaseTraffic(size = DEFAULT_WINDOW_REQUESTS): ReleaseTraffic {
  const latencies = new Float64Array(size);
  const failed = new Uint8Array(size);
  let filled = 0;
  let next = 0;
  let inFlight = 0;
  let requests = 0;
  let errors5xx = 0;
  let firstRequestAt: number | null = null;

  return {
    get inFlight() {
      return inFlight;
    },
    get requests() {
      return requests;
    },
    get errors5xx() {
      return errors5xx;
    },
    get firstRequestAt() {
      return firstRequestAt;
    },
    begin() {
      inFlight += 1;
    },
    end() {
      inFlight = Math.max(0, inFlight - 1);
    },
    record(status, latencyMs, at) {
      const isError = status >= 500 ? 1 : 0;
      requests += 1;
      errors5xx += isError;
      firstRequestAt ??= at;
      latencies[next] = latencyMs;
      failed[next] = isError;
      next = (next + 1) % size;
      filled = Math.min(filled + 1, size);
    },
    window() {
      if (filled === 0) return { requests: 0, errors5xx: 0, p50Ms: null, p95Ms: null };
      let errors = 0;
      for (let i = 0; i < filled; i++) errors += failed[i] ?? 0;
      const sorted = latencies.slice(0, filled).sort();
      return {
        requests: filled,
        errors5xx: errors,
        p50Ms: percentile(sorted, 0.5),
        p95Ms: percentile(sorted, 0.95),
      };
    },
  };
}

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: ArrayLike<number>, p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(p * sorted.length)));
  return sorted[rank - 1] ?? null;
}
