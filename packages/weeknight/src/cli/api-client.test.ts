import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiClient } from "./api-client.js";

const artifact = Buffer.from("pretend this is a tar.gz");
const artifactSha = createHash("sha256").update(artifact).digest("hex");

let server: Server;
let url: string;
let dir: string;
const seenAuth: (string | undefined)[] = [];

function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "weeknight-api-client-"));
  server = createServer((req, res) => {
    seenAuth.push(req.headers.authorization);
    const path = req.url ?? "";
    if (path === "/api/v1/builds?project=shop&limit=5") return json(res, 200, [{ id: 1 }]);
    if (path === "/api/v1/tokens/3") return res.writeHead(204).end();
    if (path === "/api/v1/projects/shop/builds") {
      return json(res, 403, {
        error: {
          code: "NOT_ALLOWED",
          message: "POST /api/v1/projects/:name/builds needs the deployer role; vic is viewer",
        },
      });
    }
    if (path.startsWith("/api/v1/artifact/")) {
      const good = path.endsWith("/good");
      res.writeHead(200, { "x-weeknight-sha256": good ? artifactSha : "0".repeat(64) });
      return res.end(artifact);
    }
    if (path === "/api/v1/events") {
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.write(": connected\n\n");
      res.write('id: 1\nevent: build.queued\ndata: {"id":1}\n\n');
      res.write('id: 2\nevent: build.passed\ndata: {"id":2}\n\n');
      return; // left open, like a live stream: only the client's abort ends it
    }
    return json(res, 404, { error: { code: "NOT_FOUND", message: "nothing here" } });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

const client = () => createApiClient({ url, token: "wkn_test", fetch });

describe("createApiClient", () => {
  it("sends the token and the query, and reads JSON and empty answers", async () => {
    expect(await client().get("/builds", { project: "shop", status: undefined, limit: 5 })).toEqual(
      [{ id: 1 }],
    );
    expect(await client().delete("/tokens/3")).toBeUndefined();
    expect(seenAuth.at(-1)).toBe("Bearer wkn_test");
  });

  it("turns a role error into the command that fixes it", async () => {
    await expect(client().post("/projects/shop/builds")).rejects.toMatchObject({
      code: "NOT_ALLOWED",
      message:
        "POST /api/v1/projects/:name/builds needs the deployer role; vic is viewer: ask an admin to run `weeknight user role vic deployer`",
    });
  });

  it("says the server is not running when nothing listens", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const gone = createApiClient({ url: `http://127.0.0.1:${port}`, fetch });
    await expect(gone.get("/users/me")).rejects.toThrow(
      `cannot reach http://127.0.0.1:${port}: is \`weeknight server\` running?`,
    );
  });

  it("saves a download whose sha256 matches, reporting progress", async () => {
    const file = join(dir, "good.tar.gz");
    const seen: number[] = [];
    const result = await client().download("/artifact/good", file, (p) => seen.push(p.received));
    expect(result).toEqual({ file, size: artifact.length, sha256: artifactSha });
    expect(readFileSync(file)).toEqual(artifact);
    expect(seen.at(-1)).toBe(artifact.length);
  });

  it("deletes a download whose sha256 does not match", async () => {
    const file = join(dir, "bad.tar.gz");
    await expect(client().download("/artifact/bad", file)).rejects.toThrow(/corrupt.*deleted/);
    expect(existsSync(file)).toBe(false);
    expect(readdirSync(dir).filter((name) => name.startsWith("bad"))).toEqual([]);
  });

  it("reads Server-Sent Events and stops when aborted", async () => {
    const abort = new AbortController();
    const stream = await client().events("/events", {}, abort.signal);
    const seen: string[] = [];
    for await (const message of stream) {
      seen.push(`${message.id} ${message.event} ${message.data}`);
      if (seen.length === 2) abort.abort();
    }
    expect(seen).toEqual(['1 build.queued {"id":1}', '2 build.passed {"id":2}']);
  });
});
