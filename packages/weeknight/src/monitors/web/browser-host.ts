import { existsSync } from "node:fs";
import type { Browser } from "playwright-core";

/**
 * One headless Chromium shared by every browser check, started on first use (playwright-core is
 * loaded then too, so servers without browser checks never pay for it). Each run opens a fresh
 * context, so cookies and cache never leak from one run to the next.
 */
export interface BrowserHost {
  acquire(): Promise<{ browser: Browser } | { unavailable: string }>;
  close(): Promise<void>;
}

export interface BrowserHostOptions {
  /** Default: CHROMIUM_PATH, else Debian's /usr/bin/chromium. */
  chromiumPath?: string;
}

/** Headless, no sandbox (root in CI), and no background traffic: the machine may have no internet. */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export function createBrowserHost(options: BrowserHostOptions = {}): BrowserHost {
  const path = options.chromiumPath ?? process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  let launching: Promise<Browser> | null = null;
  let closed = false;
  return {
    async acquire() {
      if (closed) return { unavailable: "the browser was closed (the server is stopping)" };
      let current = launching;
      if (current === null) {
        if (!existsSync(path)) {
          return {
            unavailable: `no Chromium installed: apt-get install chromium (or set CHROMIUM_PATH; looked for ${path})`,
          };
        }
        current = launch(path);
        launching = current;
        // A crashed or failed browser is started again by the next run.
        const forget = () => {
          if (launching === current) launching = null;
        };
        current.then((browser) => browser.on("disconnected", forget), forget);
      }
      try {
        return { browser: await current };
      } catch (error) {
        const reason = (error instanceof Error ? error.message : String(error)).split("\n")[0];
        return { unavailable: `Chromium at ${path} did not start: ${reason}` };
      }
    },
    async close() {
      closed = true;
      const current = launching;
      launching = null;
      if (current === null) return;
      try {
        await (await current).close();
      } catch {
        // It never started or already crashed: nothing left to close.
      }
    },
  };
}

async function launch(executablePath: string): Promise<Browser> {
  const { chromium } = await import("playwright-core");
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS });
}
