import { once } from "node:events";
import {
  createServer,
  type IncomingMessage,
  request,
  type Server,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { type AppProxy, createAppProxy, type Upstream } from "./app-proxy.js";
import { createReleaseTraffic } from "./traffic-metrics.js";

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

const opened: { close(): unknown }[] = [];
afterEach(async () => {
  for (const thing of opened.splice(0).reverse()) await thing.close();
});

async function startApp(handler: Handler): Promise<Server & { port: number }> {
  const server = createServer(handler);
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  opened.push({
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  });
  return Object.assign(server, { port: (server.address() as AddressInfo).port });
}

function upstream(id: string, port: number | null): Upstream {
  return { id, port, traffic: createReleaseTraffic() };
}

async function startProxy(base: Upstream | null): Promise<AppProxy> {
  const proxy = createAppProxy({ host: "127.0.0.1", port: 0, clock: { now: () => 0 } });
  await proxy.listen();
  proxy.setRoute({ base, canary: null, percent: 0 });
  opened.push(proxy);
  return proxy;
}

/** Resolves on the answer's headers; `text` on its end. */
function send(
  port: number,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ res: IncomingMessage; text: Promise<string> }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path: "/x?y=1", ...options }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        text += chunk;
      });
      resolve({ res, text: once(res, "end").then(() => text) });
    });
    req.on("error", reject);
    req.end(options.body);
  });
}

describe("app proxy", () => {
  it("forwards method, path, body and end-to-end headers, and names the release", async () => {
    const app = await startApp(async (req, res) => {
      let body = "";
      for await (const chunk of req) body += chunk;
      res.writeHead(201, { "x-app": "yes", connection: "keep-alive", "keep-alive": "timeout=5" });
      res.end(JSON.stringify({ method: req.method, url: req.url, body, headers: req.headers }));
    });
    const proxy = await startProxy(upstream("v7", app.port));
    const { res, text } = await send(proxy.port, {
      method: "POST",
      headers: { "x-custom": "1", "proxy-connection": "keep-alive", te: "trailers" },
      body: "hello",
    });
    const seen = JSON.parse(await text);
    expect(res.statusCode).toBe(201);
    expect(res.headers["x-weeknight-release"]).toBe("v7");
    expect(res.headers["x-app"]).toBe("yes");
    expect(res.headers["keep-alive"]).not.toBe("timeout=5"); // the app's, not passed on
    expect(seen).toMatchObject({ method: "POST", url: "/x?y=1", body: "hello" });
    expect(seen.headers).toMatchObject({ "x-custom": "1", "x-forwarded-for": "127.0.0.1" });
    expect(seen.headers["proxy-connection"]).toBeUndefined();
    expect(seen.headers.te).toBeUndefined();
  });

  it("streams the answer to the client before the app has finished it", async () => {
    let finish: () => void = () => {};
    const app = await startApp((_req, res) => {
      res.write("first;");
      finish = () => res.end("last");
    });
    const proxy = await startProxy(upstream("v1", app.port));
    const req = request({ host: "127.0.0.1", port: proxy.port });
    req.end();
    const [res] = (await once(req, "response")) as [IncomingMessage];
    const [first] = (await once(res, "data")) as [Buffer];
    expect(String(first)).toBe("first;");
    finish();
    const [last] = (await once(res, "data")) as [Buffer];
    expect(String(last)).toBe("last");
  });

  it("streams a request body to the app while the client is still sending it", async () => {
    const app = await startApp((req, res) => {
      req.once("data", () => res.write("got a chunk;"));
      req.on("end", () => res.end("done"));
    });
    const proxy = await startProxy(upstream("v1", app.port));
    const req = request({ host: "127.0.0.1", port: proxy.port, method: "PUT" });
    req.write("part one");
    const [res] = (await once(req, "response")) as [IncomingMessage];
    const [first] = (await once(res, "data")) as [Buffer];
    expect(String(first)).toBe("got a chunk;"); // answered before the body ended
    req.end("part two");
    await once(res, "end");
  });

  it("stops the app's answer when the client goes away mid-answer", async () => {
    let appSide: ServerResponse | undefined;
    const app = await startApp((_req, res) => {
      appSide = res;
      res.write("partial");
    });
    const release = upstream("v1", app.port);
    const proxy = await startProxy(release);
    const req = request({ host: "127.0.0.1", port: proxy.port });
    req.on("error", () => {});
    req.end();
    const [res] = (await once(req, "response")) as [IncomingMessage];
    await once(res, "data");
    expect(release.traffic.inFlight).toBe(1);
    req.destroy();
    await once(appSide as ServerResponse, "close");
    expect(release.traffic.inFlight).toBe(0);
  });

  it("counts requests and 5xx answers per release", async () => {
    const app = await startApp((req, res) => {
      res.writeHead(req.url === "/fail" ? 500 : 200).end();
    });
    const release = upstream("v1", app.port);
    const proxy = await startProxy(release);
    await (await send(proxy.port)).text;
    const failing = await new Promise<IncomingMessage>((resolve) =>
      request({ host: "127.0.0.1", port: proxy.port, path: "/fail" }, resolve).end(),
    );
    failing.resume();
    await once(failing, "end");
    expect(release.traffic.requests).toBe(2);
    expect(release.traffic.errors5xx).toBe(1);
    expect(release.traffic.window().p50Ms).not.toBeNull();
  });

  it("answers 503 while nothing serves and 502 when the release does not answer", async () => {
    const proxy = await startProxy(null);
    expect((await send(proxy.port)).res.statusCode).toBe(503);
    const gone = await startApp(() => {});
    const port = gone.port;
    gone.close();
    await once(gone, "close");
    const release = upstream("v1", port);
    proxy.setRoute({ base: release, canary: null, percent: 0 });
    const { res, text } = await send(proxy.port);
    expect(res.statusCode).toBe(502);
    expect(await text).toMatch(/release v1 did not answer/);
    expect(release.traffic.errors5xx).toBe(1);
  });

  it("finishes a request in flight on the old release after a switch", async () => {
    let finish: () => void = () => {};
    let arrived: () => void = () => {};
    const hasIt = new Promise<void>((resolve) => {
      arrived = resolve;
    });
    const old = await startApp((_req, res) => {
      finish = () => res.end("old");
      arrived();
    });
    const next = await startApp((_req, res) => res.end("new"));
    const proxy = await startProxy(upstream("v1", old.port));
    const inFlight = send(proxy.port);
    await hasIt;
    proxy.setRoute({ base: upstream("v2", next.port), canary: null, percent: 0 });
    expect(await (await send(proxy.port)).text).toBe("new");
    finish();
    expect(await (await inFlight).text).toBe("old");
  });
});
