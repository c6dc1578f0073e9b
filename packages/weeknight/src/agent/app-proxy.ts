import {
  Agent,
  createServer,
  type IncomingMessage,
  request,
  type Server,
  type ServerResponse,
} from "node:http";
import type { Clock } from "../clock.js";
import { responseHeaders, type ScannedRequest, scanRequestHeaders } from "./proxy-headers.js";
import type { ReleaseTraffic } from "./traffic-metrics.js";
import { clientKey, inCanaryShare } from "./traffic-route.js";

/** A release the proxy can send requests to; `port` is null while it is (re)starting. */
export interface Upstream {
  readonly id: string;
  readonly port: number | null;
  readonly traffic: ReleaseTraffic;
}

export interface Route {
  base: Upstream | null;
  canary: Upstream | null;
  percent: number;
}

export interface AppProxy {
  readonly port: number;
  listen(): Promise<void>;
  /** Takes effect for the next request; requests in flight finish where they started. */
  setRoute(route: Route): void;
  close(): Promise<void>;
}

export const RELEASE_HEADER = "X-Weeknight-Release";
const CLOSE_GRACE_MS = 5000;

/**
 * One reverse proxy per app on its public port. Plain node:http with a keep-alive
 * agent and streamed bodies: nothing is buffered, so it adds little to each request.
 */
export function createAppProxy(deps: { host: string; port: number; clock: Clock }): AppProxy {
  let route: Route = { base: null, canary: null, percent: 0 };
  // Upstreams live on loopback; reusing connections is most of the proxy's speed.
  const agent = new Agent({ keepAlive: true, maxSockets: 512, maxFreeSockets: 256 });
  let server: Server | undefined;

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const remoteAddress = req.socket.remoteAddress ?? "";
    const scanned = scanRequestHeaders(req.rawHeaders, remoteAddress);
    const { canary, percent } = route;
    let upstream = route.base;
    if (canary && percent > 0) {
      const key = clientKey({
        client: scanned.client,
        remoteAddress,
        userAgent: scanned.userAgent,
      });
      if (inCanaryShare(key, canary.id, percent)) upstream = canary;
    }
    if (!upstream || upstream.port === null) {
      const what = upstream ? `release ${upstream.id} is starting` : "no release is serving yet";
      plainError(res, 503, `weeknight agent: ${what}; try again shortly\n`);
      return;
    }
    new Exchange(req, res, scanned, upstream, upstream.port, agent, deps.clock).send(true);
  };

  return {
    get port() {
      const address = server?.address();
      return address && typeof address === "object" ? address.port : deps.port;
    },
    listen() {
      const created = createServer(handle);
      created.keepAliveTimeout = 65_000; // longer than typical load balancers' idle timeout
      return new Promise((resolve, reject) => {
        created.once("error", reject);
        created.listen(deps.port, deps.host, () => {
          created.off("error", reject);
          server = created;
          resolve();
        });
      });
    },
    setRoute(next) {
      route = next;
    },
    async close() {
      const current = server;
      server = undefined;
      if (current) {
        const closed = new Promise<void>((resolve) => current.close(() => resolve()));
        current.closeIdleConnections();
        const force = setTimeout(() => current.closeAllConnections(), CLOSE_GRACE_MS);
        await closed;
        clearTimeout(force);
      }
      agent.destroy();
    },
  };
}

/** One client request forwarded to one release, retried once on a stale kept-alive socket. */
class Exchange {
  private readonly started = performance.now();
  private recorded = false;
  private responded = false;
  private complete = false;
  private upstreamRequest: ReturnType<typeof request> | undefined;

  constructor(
    private readonly req: IncomingMessage,
    private readonly res: ServerResponse,
    private readonly scanned: ScannedRequest,
    private readonly upstream: Upstream,
    private readonly port: number,
    private readonly agent: Agent,
    private readonly clock: Clock,
  ) {
    upstream.traffic.begin();
    res.once("close", () => {
      upstream.traffic.end();
      if (!this.complete) this.upstreamRequest?.destroy();
    });
  }

  send(mayRetry: boolean): void {
    const { req, scanned } = this;
    const upstreamRequest = request({
      host: "127.0.0.1",
      port: this.port,
      method: req.method,
      path: req.url,
      headers: scanned.headers,
      agent: this.agent,
    });
    this.upstreamRequest = upstreamRequest;
    upstreamRequest.on("response", (answer) => this.relay(answer));
    upstreamRequest.on("error", (error: NodeJS.ErrnoException) => {
      // A kept-alive socket the app closed just as we reused it: safe to resend a bodiless request.
      const stale = upstreamRequest.reusedSocket && error.code === "ECONNRESET";
      if (mayRetry && stale && !this.responded && !scanned.hasBody) {
        this.send(false);
        return;
      }
      this.fail(error);
    });
    if (scanned.hasBody) {
      req.pipe(upstreamRequest);
    } else {
      req.resume();
      upstreamRequest.end();
    }
  }

  private relay(answer: IncomingMessage): void {
    this.responded = true;
    const status = answer.statusCode ?? 502;
    this.record(status);
    this.res.writeHead(
      status,
      responseHeaders(answer.rawHeaders, [RELEASE_HEADER, this.upstream.id]),
    );
    answer.on("end", () => {
      this.complete = true;
    });
    answer.on("error", () => this.res.destroy());
    answer.pipe(this.res);
  }

  private fail(error: Error): void {
    this.record(502);
    if (this.res.headersSent) {
      this.res.destroy(); // the client sees a cut response, not a made-up ending
      return;
    }
    plainError(
      this.res,
      502,
      `weeknight agent: release ${this.upstream.id} did not answer (${error.message})\n`,
    );
  }

  private record(status: number): void {
    if (this.recorded) return;
    this.recorded = true;
    // performance.now() for durations: monotonic, unlike the wall clock.
    this.upstream.traffic.record(status, performance.now() - this.started, this.clock.now());
  }
}

function plainError(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8" });
  res.end(text);
}
