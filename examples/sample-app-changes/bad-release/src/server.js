import { createServer as createHttpServer } from "node:http";
import { greet } from "./greeting.js";

/**
 * Builds the HTTP server without listening, so tests pick their own port.
 * @returns {import("node:http").Server}
 */
export function createServer() {
  let served = 0;
  return createHttpServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (req.method === "GET" && url.pathname === "/") {
      // The bug the tests do not catch: under real traffic, every third greeting fails.
      if (process.env.RELEASE_ID && ++served % 3 === 0) {
        return send(res, 500, "text/plain; charset=utf-8", "Internal error: greeting cache miss\n");
      }
      const greeting = greet(url.searchParams.get("name"));
      return send(res, 200, "text/plain; charset=utf-8", `${greeting}\n`);
    }
    if (req.method === "GET" && url.pathname === "/health") {
      // Weeknight's health gate reads the version to confirm the new release is the one answering.
      const body = JSON.stringify({ status: "ok", version: process.env.RELEASE_ID ?? "dev" });
      return send(res, 200, "application/json", body);
    }
    return send(res, 404, "text/plain; charset=utf-8", "Not found\n");
  });
}

/**
 * @param {import("node:http").ServerResponse} res
 * @param {number} status
 * @param {string} type
 * @param {string} body
 */
function send(res, status, type, body) {
  res.writeHead(status, { "content-type": type, "content-length": Buffer.byteLength(body) });
  res.end(body);
}
