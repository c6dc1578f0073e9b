import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { Pool } from "undici";
import type { Clock } from "../clock.js";
import { ProxyExchange, plainError } from "./proxy-exchange.js";
import { scanRequestHeaders } from "./proxy-headers.js";
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

const CLOSE_GRACE_MS = 5000;
// As many kept-alive connections per release as the old node:http agent allowed.
const CONNECTIONS_PER_RELEASE = 512;

/**
 * One reverse proxy per app on its public port: node:http in front, an undici `Pool`
 * of kept-alive connections per release behind, bodies streamed both ways.
 */
export function createAppProxy(deps: { host: string; port: number; clock: Clock }): AppProxy {
  let route: Route = { base: null, canary: null, percent: 0 };
  // Reusing loopback connections is most of the proxy's speed; keyed by the release's port.
  const pools = new Map<number, Pool>();
  let server: Server | undefined;

  const poolFor = (port: number): Pool => {
    let pool = pools.get(port);
    if (!pool) {
      pool = new Pool(`http://127.0.0.1:${port}`, {
        connections: CONNECTIONS_PER_RELEASE,
        pipelining: 1, // one request per connection at a time: no head-of-line blocking
        // No timeouts of our own, as before: long polls and event streams stay open.
        headersTimeout: 0,
        bodyTimeout: 0,
      });
      pools.set(port, pool);
      retireUnrouted();
    }
    return pool;
  };

  /** Closes pools of ports no longer routed to; `close()` lets their requests finish first. */
  const retireUnrouted = (): void => {
    const live = new Set([route.base?.port, route.canary?.port]);
    for (const [port, pool] of pools) {
      if (live.has(port)) continue;
      pools.delete(port);
      void pool.close();
    }
  };

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
    const port = upstream?.port ?? null;
    if (!upstream || port === null) {
      const what = upstream ? `release ${upstream.id} is starting` : "no release is serving yet";
      req.resume();
      plainError(res, 503, `weeknight agent: ${what}; try again shortly\n`);
      return;
    }
    const pool = poolFor(port);
    new ProxyExchange(req, res, scanned, upstream.id, upstream.traffic, pool, deps.clock).send();
  };

  return {
    get port() {
      const address = server?.address();
      return address && typeof address === "object" ? address.port : deps.port;
    },
    listen() {
      // noDelay: small answers leave at once instead of waiting on Nagle's algorithm.
      const created = createServer({ noDelay: true }, handle);
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
      retireUnrouted();
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
      const open = [...pools.values()];
      pools.clear();
      await Promise.all(open.map((pool) => pool.destroy()));
    },
  };
}
