import assert from "node:assert/strict";
import { once } from "node:events";
import { after, before, describe, it } from "node:test";
import { createServer } from "../../src/server.js";

describe("sample-app over HTTP", () => {
  const server = createServer();
  let base = "";

  before(async () => {
    server.listen(0, "127.0.0.1"); // port 0: the OS picks a free port
    await once(server, "listening");
    const address = server.address();
    assert.ok(address && typeof address === "object");
    base = `http://127.0.0.1:${address.port}`;
  });

  after(() => {
    server.close();
  });

  it("reports health with the release id", async () => {
    const res = await fetch(`${base}/health`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get("content-type") ?? "", /application\/json/);
    assert.deepEqual(await res.json(), { status: "ok", version: process.env.RELEASE_ID ?? "dev" });
  });

  it("greets on /", async () => {
    const res = await fetch(`${base}/?name=Grace`);
    assert.equal(res.status, 200);
    assert.equal(await res.text(), "Hello, Grace!\n");
  });

  it("answers 404 for unknown paths", async () => {
    const res = await fetch(`${base}/nope`);
    assert.equal(res.status, 404);
  });
});
