import type { IncomingMessage, ServerResponse } from "node:http";
import type { Dispatcher } from "undici";
import type { Clock } from "../clock.js";
import { responseHeaders, type ScannedRequest } from "./proxy-headers.js";
import type { ReleaseTraffic } from "./traffic-metrics.js";

export const RELEASE_HEADER = "X-Weeknight-Release";

// RFC 9110 §9.2.2: only these may be sent again without asking the client.
const IDEMPOTENT = new Set(["GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE"]);
// The connection dropped before any answer, typically a kept-alive one the app closed as we reused it.
const STALE_CONNECTION = new Set(["ECONNRESET", "UND_ERR_SOCKET", "EPIPE"]);

/**
 * One client request forwarded to one release through undici's lowest-level handler
 * interface: raw header buffers in, response chunks written straight to the client with
 * backpressure both ways, and no intermediate stream objects per request.
 */
export class ProxyExchange implements Dispatcher.DispatchHandlers {
  private readonly started = performance.now();
  private readonly options: Dispatcher.DispatchOptions;
  private abortUpstream: ((error?: Error) => void) | undefined;
  private resumeUpstream: (() => void) | undefined;
  private recorded = false;
  private responded = false;
  private settled = false;
  private retried = false;
  private waitsForDrain = false;

  constructor(
    private readonly req: IncomingMessage,
    private readonly res: ServerResponse,
    scanned: ScannedRequest,
    private readonly releaseId: string,
    private readonly traffic: ReleaseTraffic,
    private readonly dispatcher: Dispatcher,
    private readonly clock: Clock,
  ) {
    this.options = {
      path: req.url ?? "/",
      // undici sends any method token as given; its type lists only the common ones.
      method: (req.method ?? "GET") as Dispatcher.HttpMethod,
      headers: scanned.headers,
      body: scanned.hasBody ? req : null,
    };
    traffic.begin();
    res.on("close", this.onClientClose); // emitted once; `on` spares a once-wrapper per request
  }

  send(): void {
    if (this.options.body === null) this.req.resume(); // let a bodiless request finish
    this.dispatcher.dispatch(this.options, this);
  }

  onConnect(abort: (error?: Error) => void): void {
    this.abortUpstream = abort;
    // Queued in the pool while the client gave up: do not bother the app with it.
    if (this.res.destroyed) abort(new Error("client closed the connection"));
  }

  onHeaders(status: number, headers: Buffer[], resume: () => void): boolean {
    if (status < 200) return true; // informational answers stay between us and the app
    this.responded = true;
    this.resumeUpstream = resume;
    this.record(status);
    this.res.writeHead(status, responseHeaders(headers, [RELEASE_HEADER, this.releaseId]));
    return true;
  }

  onData(chunk: Buffer): boolean {
    if (this.res.write(chunk)) return true;
    // The client reads slower than the app writes: pause the upstream until it drains.
    if (!this.waitsForDrain) {
      this.waitsForDrain = true;
      this.res.on("drain", this.onClientDrain);
    }
    return false;
  }

  onComplete(): void {
    this.settled = true;
    this.res.end();
  }

  onError(error: Error): void {
    if (this.mayRetry(error)) {
      this.retried = true;
      this.dispatcher.dispatch(this.options, this);
      return;
    }
    this.settled = true;
    this.record(502);
    if (this.res.headersSent || this.res.destroyed) {
      this.res.destroy(); // the client sees a cut response, not a made-up ending
      return;
    }
    plainError(
      this.res,
      502,
      `weeknight agent: release ${this.releaseId} did not answer (${error.message})\n`,
    );
  }

  private mayRetry(error: Error): boolean {
    if (this.retried || this.responded || this.res.destroyed) return false;
    if (this.options.body !== null || !IDEMPOTENT.has(this.options.method)) return false;
    return STALE_CONNECTION.has((error as NodeJS.ErrnoException).code ?? "");
  }

  private readonly onClientDrain = (): void => {
    this.resumeUpstream?.();
  };

  private readonly onClientClose = (): void => {
    this.traffic.end();
    // The client went away mid-answer: stop the app's work on it too.
    if (!this.settled) this.abortUpstream?.(new Error("client closed the connection"));
  };

  private record(status: number): void {
    if (this.recorded) return;
    this.recorded = true;
    // performance.now() for durations: monotonic, unlike the wall clock.
    this.traffic.record(status, performance.now() - this.started, this.clock.now());
  }
}

export function plainError(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8" });
  res.end(text);
}
