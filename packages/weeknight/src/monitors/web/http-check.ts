import type { HttpMonitorConfig } from "../../config/monitor-schema.js";
import type { Check } from "../monitor-types.js";
import { judge, withRetries } from "./check-outcome.js";
import type { Placeholder } from "./conditions.js";
import { type ExchangeRequest, exchange } from "./http-exchange.js";
import { type HttpTransport, transportFor } from "./http-transport.js";
import { parseConditions, resolveHeaders, resolveUrl } from "./web-config.js";

export interface HttpCheckOptions {
  /** The environment's URL, against which paths such as `/health` resolve. */
  baseUrl?: string;
  /** Fills in `${SECRET}` references in the url, headers and body. */
  resolveSecrets?: (text: string) => string;
  /** Extra trusted CA (PEM): the check then uses a pool of its own that trusts it. */
  ca?: string;
  /** The shared connection pool; without one (or with `ca`) the check makes its own. */
  transport?: HttpTransport;
}

export const HTTP_PLACEHOLDERS: ReadonlySet<Placeholder> = new Set<Placeholder>([
  "STATUS",
  "RESPONSE_TIME",
  "BODY",
  "HEADER",
  "CERTIFICATE_EXPIRATION",
  "CONNECTED",
]);

/** One HTTP request per run, judged by its conditions. Config errors throw here, at load time. */
export function createHttpCheck(config: HttpMonitorConfig, options: HttpCheckOptions = {}): Check {
  const where = `monitor "${config.name}"`;
  const resolve = options.resolveSecrets ?? ((text: string) => text);
  const conditions = parseConditions(config.conditions, where, HTTP_PLACEHOLDERS);
  const request: ExchangeRequest = {
    url: resolveUrl(resolve(config.url), options.baseUrl, where),
    method: config.method,
    headers: resolveHeaders(config.headers, resolve),
    body: config.body === undefined ? undefined : resolve(config.body),
    timeoutMs: config.timeout,
    maxRedirects: config.max_redirects,
    // Bodies nobody reads are only counted (for the size cap), not kept.
    keepBody: conditions.some((condition) => condition.subject.placeholder === "BODY"),
  };
  const { transport, owned } = transportFor(options);
  return {
    run: (context) =>
      withRetries(config.retries, context, async () => {
        const result = await exchange(request, transport, context);
        return judge({ conditions, ...result });
      }),
    close: async () => {
      if (owned) await transport.close();
    },
  };
}
