import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type ServerResponse,
} from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** How `/health` answers; tests switch it on command. */
export type HealthMode =
  | "ok"
  | "down"
  | "slow"
  | "loop"
  | "huge"
  | "huge-declared"
  | "json-ok"
  | "json-degraded"
  | "not-json"
  | "flaky";

export interface TargetServer {
  url: string;
  set(mode: HealthMode): void;
  /** Requests to `/health` since the last `set`. */
  healthRequests(): number;
  /** TCP connections accepted so far (keep-alive reuses them). */
  connections(): number;
  close(): Promise<void>;
}

const SESSION = "s-7f3a";
const TOKEN = "t-123";

/**
 * A loopback web app a monitor watches: `/health` behaves as told, `/redirect/N` redirects N
 * times, `/login` + `/account` make a journey, `/page` is a page whose text appears after a script.
 */
export async function startTargetServer(tls?: {
  key: string;
  cert: string;
}): Promise<TargetServer> {
  let mode: HealthMode = "ok";
  let count = 0;
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://target");
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => route(url, req, Buffer.concat(chunks).toString(), res));
  };
  const route = (url: URL, req: IncomingMessage, body: string, res: ServerResponse) => {
    if (url.pathname === "/health" || url.pathname === "/bounce") {
      if (url.pathname === "/health") count++;
      return health(mode, count, url.pathname, res);
    }
    const hops = /^\/redirect\/(\d+)$/.exec(url.pathname);
    if (hops !== null) {
      const n = Number(hops[1]);
      res.writeHead(302, { location: n <= 1 ? "/health" : `/redirect/${n - 1}` }).end();
      return;
    }
    if (url.pathname === "/echo") {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ method: req.method, headers: req.headers, body }));
      return;
    }
    if (url.pathname === "/login" && req.method === "POST") {
      const { user, password } = JSON.parse(body || "{}") as Record<string, string>;
      if (user !== "ada" || password !== "secret") return void res.writeHead(401).end("bad login");
      res.writeHead(303, {
        "set-cookie": `session=${SESSION}; Path=/; HttpOnly`,
        location: "/welcome",
      });
      return void res.end();
    }
    if (url.pathname === "/welcome") {
      const signedIn = req.headers.cookie?.includes(`session=${SESSION}`) ?? false;
      res.writeHead(signedIn ? 200 : 401, { "content-type": "application/json" });
      return void res.end(JSON.stringify(signedIn ? { token: TOKEN } : { error: "no session" }));
    }
    if (url.pathname === "/account") {
      const ok =
        (req.headers.cookie?.includes(`session=${SESSION}`) ?? false) &&
        req.headers.authorization === `Bearer ${TOKEN}`;
      res.writeHead(ok ? 200 : 401, { "content-type": "application/json" });
      return void res.end(JSON.stringify(ok ? { name: "Ada", orders: [1, 2] } : { error: "no" }));
    }
    if (url.pathname === "/page") {
      res.writeHead(200, { "content-type": "text/html" });
      return void res.end(`<!doctype html><title>Shop</title><main id="app">loading</main>
<script>setTimeout(() => { document.getElementById("app").textContent = "Welcome back"; }, 50);</script>`);
    }
    res.writeHead(404).end("not found");
  };
  const server = tls === undefined ? createHttpServer(handler) : createHttpsServer(tls, handler);
  let connections = 0;
  server.on(tls === undefined ? "connection" : "secureConnection", () => connections++);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${tls === undefined ? "http" : "https"}://127.0.0.1:${port}`,
    set(next) {
      mode = next;
      count = 0;
    },
    healthRequests: () => count,
    connections: () => connections,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function health(mode: HealthMode, count: number, path: string, res: ServerResponse): void {
  switch (mode) {
    case "ok":
      return void res.writeHead(200, { "content-type": "text/plain" }).end("fine");
    case "down":
      return void res.writeHead(503).end("Service Unavailable");
    case "flaky":
      return void res.writeHead(count === 1 ? 503 : 200).end(count === 1 ? "starting" : "fine");
    case "slow":
      // Never answers: the check's timeout must end it (close() drops the socket).
      return;
    case "loop":
      return void res
        .writeHead(302, { location: path === "/health" ? "/bounce" : "/health" })
        .end();
    case "huge":
      return void streamHuge(res, false);
    case "huge-declared":
      return void streamHuge(res, true);
    case "json-ok":
    case "json-degraded":
      res.writeHead(200, { "content-type": "application/json" });
      return void res.end(
        JSON.stringify({ status: mode === "json-ok" ? "ok" : "degraded", checks: ["db", "queue"] }),
      );
    case "not-json":
      return void res
        .writeHead(200, { "content-type": "text/html" })
        .end("<html>maintenance</html>");
  }
}

/** 2 MiB, in chunks (no Content-Length) or declared up front. */
function streamHuge(res: ServerResponse, declared: boolean): void {
  const chunk = Buffer.alloc(64 * 1024, "x");
  res.writeHead(200, declared ? { "content-length": String(32 * chunk.length) } : {});
  let sent = 0;
  const write = () => {
    while (sent < 32) {
      sent++;
      if (!res.write(chunk)) return void res.once("drain", write);
    }
    res.end();
  };
  res.on("error", () => {});
  write();
}

/** A self-signed certificate for 127.0.0.1 valid `days` days, made with the openssl CLI. */
export function selfSignedCertificate(days: number): { key: string; cert: string } {
  const dir = mkdtempSync(join(tmpdir(), "weeknight-tls-"));
  try {
    const key = join(dir, "key.pem");
    const cert = join(dir, "cert.pem");
    execFileSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-days",
        String(days),
        "-keyout",
        key,
        "-out",
        cert,
        "-subj",
        "/CN=127.0.0.1",
        "-addext",
        "subjectAltName=IP:127.0.0.1,DNS:localhost",
      ],
      { stdio: "ignore" },
    );
    return { key: readFileSync(key, "utf8"), cert: readFileSync(cert, "utf8") };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
