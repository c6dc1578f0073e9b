import type { Readable } from "node:stream";
import { request } from "undici";

/** One scrape of a /metrics endpoint, as Prometheus would make it. */

export const MAX_METRICS_BYTES = 10 * 1024 * 1024;
/** Prometheus follows redirects too; a loop still ends. */
const MAX_REDIRECTIONS = 5;

export interface ScrapeRequest {
  url: URL;
  /** Header name → value, secrets already resolved; they override the defaults. */
  headers: Record<string, string>;
  timeoutMs: number;
  /** The run's signal: cancels the scrape when the server stops. */
  signal: AbortSignal;
  maxBytes?: number;
}

/** Thrown with a sentence for people: the URL is already named by the caller. */
export class ScrapeError extends Error {}

/** The body of a 2xx answer, as text; throws ScrapeError otherwise. */
export async function scrapeMetrics(scrape: ScrapeRequest): Promise<string> {
  const maxBytes = scrape.maxBytes ?? MAX_METRICS_BYTES;
  // One controller per scrape rather than AbortSignal.any(): the run's signal may live as long
  // as the server, and listeners left on it by thousands of scrapes would pile up.
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, scrape.timeoutMs);
  const cancel = () => controller.abort();
  scrape.signal.addEventListener("abort", cancel, { once: true });
  if (scrape.signal.aborted) cancel();
  const { signal } = controller;
  const headers: Record<string, string> = {
    accept: "text/plain;version=0.0.4",
    "user-agent": "weeknight",
  };
  for (const [name, value] of Object.entries(scrape.headers)) headers[name.toLowerCase()] = value;
  try {
    const response = await request(scrape.url, {
      method: "GET",
      headers,
      signal,
      maxRedirections: MAX_REDIRECTIONS,
    });
    const { statusCode, body } = response;
    if (statusCode < 200 || statusCode > 299) {
      const snippet = (await readCapped(body, 512, false)).trim().replace(/\s+/g, " ");
      const redirect = statusCode >= 300 && statusCode < 400 ? " (too many redirects)" : "";
      throw new ScrapeError(
        `answered HTTP ${statusCode}${redirect}${snippet ? `: ${snippet}` : ""}`,
      );
    }
    const length = Number(response.headers["content-length"]);
    if (length > maxBytes) {
      discard(body);
      throw new ScrapeError(`answered ${length} bytes, more than the ${formatMiB(maxBytes)} limit`);
    }
    return await readCapped(body, maxBytes, true);
  } catch (error) {
    if (error instanceof ScrapeError) throw error;
    if (scrape.signal.aborted) throw new ScrapeError("cancelled");
    if (timedOut) throw new ScrapeError(`no answer within ${scrape.timeoutMs} ms`);
    throw new ScrapeError(describeNetworkError(error));
  } finally {
    clearTimeout(timer);
    scrape.signal.removeEventListener("abort", cancel);
  }
}

/** Reads at most `maxBytes`; past that, fails (`strict`) or stops (a snippet of an error page). */
async function readCapped(body: Body, maxBytes: number, strict: boolean): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > maxBytes) {
      discard(body);
      if (strict) throw new ScrapeError(`answered more than the ${formatMiB(maxBytes)} limit`);
      chunks.push(chunk.subarray(0, chunk.length - (size - maxBytes)));
      break;
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

type Body = AsyncIterable<Buffer> & Pick<Readable, "destroy" | "on">;

/** Stops reading; undici then emits an "aborted" error that nobody else would catch. */
function discard(body: Body): void {
  body.on("error", () => {});
  body.destroy();
}

function describeNetworkError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  if (code === "ECONNREFUSED") return "connection refused";
  if (code === "ENOTFOUND") return "host not found";
  if (code === "UND_ERR_SOCKET" || code === "ECONNRESET") return "connection closed early";
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : "";
  return `${error.message}${cause}`;
}

function formatMiB(bytes: number): string {
  const mib = bytes / (1024 * 1024);
  return mib >= 1 ? `${Math.round(mib * 10) / 10} MiB` : `${bytes} bytes`;
}
