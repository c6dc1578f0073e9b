import type { EvaluationCounter } from "./evaluation-counter.js";
import { FlagsClientError, networkError, responseError } from "./flags-client-errors.js";

export interface MetricsReporterOptions {
  url: string;
  sdkKey: string;
  fetch: typeof fetch;
  appName: string;
  instanceId: string;
  intervalMs: number;
  counter: EvaluationCounter;
  failed(error: FlagsClientError): void;
  succeeded(): void;
}

export interface MetricsReporter {
  /** Stops the timer, waits for a report in flight, then sends what is left, once. */
  stop(): Promise<void>;
}

export const METRICS_PATH = "/api/v1/sdk/metrics";

/** A report taking longer is abandoned and its counts kept (the server may have them: at least once). */
const REQUEST_TIMEOUT_MS = 10_000;
/** `close()` waits at most this long for the last report. */
const FINAL_REQUEST_TIMEOUT_MS = 5_000;

/**
 * Sends evaluation counts every `intervalMs`, only when there are some. A report that fails keeps
 * its counts: they are merged into the next window, whose start moves back to cover them.
 */
export function startMetricsReporter(o: MetricsReporterOptions): MetricsReporter {
  const metricsUrl = `${o.url}${METRICS_PATH}`;
  const what = `POST ${metricsUrl}`;
  let inFlight: Promise<void> | undefined;

  async function send(timeoutMs: number): Promise<void> {
    const window = o.counter.take();
    if (window === undefined) return;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    let error: FlagsClientError | undefined;
    try {
      const response = await o.fetch(metricsUrl, {
        method: "POST",
        headers: { authorization: `Bearer ${o.sdkKey}`, "content-type": "application/json" },
        body: JSON.stringify({ appName: o.appName, instanceId: o.instanceId, ...window }),
        signal: controller.signal,
      });
      if (response.ok) await response.body?.cancel();
      else error = await responseError(response, what);
    } catch (cause) {
      error = controller.signal.aborted
        ? new FlagsClientError("NETWORK", `${what} timed out; the counts are kept.`, {
            reason: "timeout",
          })
        : networkError(cause, what);
    } finally {
      clearTimeout(timer);
    }
    if (error === undefined) return o.succeeded();
    o.counter.restore(window);
    o.failed(
      new FlagsClientError(
        "METRICS_FAILED",
        `${error.message} Counts are kept for the next report.`,
        {
          reason: `${error.code} ${error.reason}`,
          cause: error,
        },
      ),
    );
  }

  const report = (timeoutMs = REQUEST_TIMEOUT_MS) => {
    // One report at a time; counts not taken stay in the counter for the next one.
    if (inFlight) return inFlight;
    inFlight = send(timeoutMs).finally(() => {
      inFlight = undefined;
    });
    return inFlight;
  };

  const interval = setInterval(() => report(), o.intervalMs);

  return {
    async stop() {
      clearInterval(interval);
      await inFlight;
      await report(FINAL_REQUEST_TIMEOUT_MS);
    },
  };
}
