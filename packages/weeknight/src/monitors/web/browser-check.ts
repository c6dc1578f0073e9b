import type { BrowserMonitorConfig } from "../../config/monitor-schema.js";
import type { Check, CheckContext, CheckOutcome } from "../monitor-types.js";
import { type BrowserHost, createBrowserHost } from "./browser-host.js";
import { judge, withRetries } from "./check-outcome.js";
import type { ResponseFacts } from "./condition-evaluate.js";
import type { Condition, Placeholder } from "./conditions.js";
import { formatDuration } from "./format-duration.js";
import { parseConditions, resolveUrl } from "./web-config.js";

export interface BrowserCheckOptions {
  baseUrl?: string;
  resolveSecrets?: (text: string) => string;
  /** Used when the check starts its own browser (no `browsers` given). */
  chromiumPath?: string;
  /** The shared browser; without one the check starts its own and closes it in close(). */
  browsers?: BrowserHost;
}

const BROWSER_PLACEHOLDERS: ReadonlySet<Placeholder> = new Set<Placeholder>([
  "STATUS",
  "RESPONSE_TIME",
  "HEADER",
  "LOAD_TIME",
  "CONNECTED",
]);

/** Navigation start to the load event, from the page's own Navigation Timing entry. */
const LOAD_TIME_SCRIPT = `(() => {
  const nav = performance.getEntriesByType("navigation")[0];
  return nav ? (nav.loadEventEnd > 0 ? nav.loadEventEnd : nav.loadEventStart) : null;
})()`;

/** Opens the page in a real Chromium, records [LOAD_TIME], and waits for `wait_for`. */
export function createBrowserCheck(
  config: BrowserMonitorConfig,
  options: BrowserCheckOptions = {},
): Check {
  const where = `monitor "${config.name}"`;
  const conditions = parseConditions(config.conditions, where, BROWSER_PLACEHOLDERS);
  const url = resolveUrl(
    (options.resolveSecrets ?? ((t) => t))(config.url),
    options.baseUrl,
    where,
  );
  const owned = options.browsers === undefined;
  const host =
    options.browsers ??
    createBrowserHost(
      options.chromiumPath === undefined ? {} : { chromiumPath: options.chromiumPath },
    );
  return {
    run: (context) =>
      withRetries(config.retries, context, () => visit(config, url, conditions, host, context)),
    close: async () => {
      if (owned) await host.close();
    },
  };
}

async function visit(
  config: BrowserMonitorConfig,
  url: URL,
  conditions: Condition[],
  host: BrowserHost,
  context: CheckContext,
): Promise<CheckOutcome> {
  const acquired = await host.acquire();
  if ("unavailable" in acquired) {
    return { status: "inconclusive", durationMs: 0, message: acquired.unavailable };
  }
  const started = context.now();
  const facts: ResponseFacts = { connected: false };
  let stage: "open" | "load" | "wait" = "open";
  let error: string | undefined;
  let session: Awaited<ReturnType<typeof acquired.browser.newContext>> | undefined;
  const cancel = () => void session?.close().catch(() => {});
  context.signal.addEventListener("abort", cancel, { once: true });
  try {
    session = await acquired.browser.newContext();
    const page = await session.newPage();
    stage = "load";
    const response = await page.goto(url.href, { waitUntil: "load", timeout: config.timeout });
    facts.connected = true;
    if (response !== null) {
      facts.status = response.status();
      facts.headers = response.headers();
    }
    facts.responseTimeMs = context.now() - started;
    const loadTime: unknown = await page.evaluate(LOAD_TIME_SCRIPT);
    facts.loadTimeMs = typeof loadTime === "number" ? Math.round(loadTime) : facts.responseTimeMs;
    if (config.wait_for !== undefined) {
      stage = "wait";
      const left = Math.max(1, config.timeout - (context.now() - started));
      await page.locator(config.wait_for).first().waitFor({ state: "visible", timeout: left });
    }
  } catch (caught) {
    error = describeBrowserError(caught, stage, config);
    if (!facts.connected) facts.error = error;
  } finally {
    context.signal.removeEventListener("abort", cancel);
    await session?.close().catch(() => {});
  }
  const durationMs = facts.loadTimeMs ?? context.now() - started;
  if (stage === "open" && error !== undefined) {
    return { status: "inconclusive", durationMs, message: `the browser failed: ${error}` };
  }
  return judge({ conditions, facts, durationMs, error, cancelled: context.signal.aborted });
}

function describeBrowserError(
  error: unknown,
  stage: "open" | "load" | "wait",
  config: BrowserMonitorConfig,
): string {
  const message = (error instanceof Error ? error.message : String(error)).split("\n")[0] ?? "";
  const timedOut = error instanceof Error && error.name === "TimeoutError";
  if (stage === "wait") {
    return timedOut
      ? `"${config.wait_for}" did not appear within ${formatDuration(config.timeout)}`
      : `wait_for "${config.wait_for}" failed: ${message.replace(/^[\w.]+: /, "")}`;
  }
  if (timedOut) return `page did not load within ${formatDuration(config.timeout)}`;
  const net = /net::(ERR_[A-Z_]+)/.exec(message);
  if (net?.[1] === "ERR_CONNECTION_REFUSED") return "connection refused";
  if (net !== null) return `page did not load: ${net[0]}`;
  return message.replace(/^[\w.]+: /, "");
}
