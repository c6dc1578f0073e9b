import type {
  BrowserMonitorConfig,
  HttpMonitorConfig,
  JourneyMonitorConfig,
} from "../../config/monitor-schema.js";
import type { Check } from "../monitor-types.js";
import { createBrowserCheck } from "./browser-check.js";
import { type BrowserHost, createBrowserHost } from "./browser-host.js";
import { createHttpCheck } from "./http-check.js";
import { createHttpTransport, type HttpTransport } from "./http-transport.js";
import { createJourneyCheck } from "./journey-check.js";

/**
 * What all web checks of a server share: one keep-alive connection pool and one Chromium. The
 * scheduler makes one at start, passes it to every check, and closes it at shutdown.
 */
export interface WebCheckResources {
  transport: HttpTransport;
  browsers: BrowserHost;
  close(): Promise<void>;
}

export function createWebCheckResources(
  options: { chromiumPath?: string } = {},
): WebCheckResources {
  const transport = createHttpTransport();
  const browsers = createBrowserHost(options);
  return {
    transport,
    browsers,
    close: async () => {
      await Promise.all([transport.close(), browsers.close()]);
    },
  };
}

export interface WebCheckOptions {
  /** The environment's URL: paths such as `/health` resolve against it. */
  baseUrl?: string;
  /** Fills in `${SECRET}` references in urls, headers and bodies. */
  resolveSecrets?: (text: string) => string;
  /** Extra trusted CA (PEM) for http and journey checks. */
  ca?: string;
  /** For a check that starts its own browser (no `resources`). */
  chromiumPath?: string;
  /** Shared pool and browser; without them each check makes its own and closes them in close(). */
  resources?: WebCheckResources;
}

export type WebMonitorConfig = HttpMonitorConfig | JourneyMonitorConfig | BrowserMonitorConfig;

/** A ready-to-run check for one web monitor; throws InvalidInputError on bad config. */
export function createWebCheck(config: WebMonitorConfig, options: WebCheckOptions = {}): Check {
  const { resources, ...rest } = options;
  switch (config.type) {
    case "http":
      return createHttpCheck(config, { ...rest, transport: resources?.transport });
    case "journey":
      return createJourneyCheck(config, { ...rest, transport: resources?.transport });
    case "browser":
      return createBrowserCheck(config, { ...rest, browsers: resources?.browsers });
  }
}
