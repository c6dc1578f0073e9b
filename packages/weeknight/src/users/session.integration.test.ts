import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../test-support/test-databases.js";
import { startTestServer, type TestServer } from "../test-support/test-server.js";

describe.each(testDialects)("browser sessions on %s", (dialect) => {
  let t: TestServer;
  let password: string;
  beforeAll(async () => {
    t = await startTestServer(dialect);
    const created = await t.api<{ password: string }>("POST", "/users", {
      username: "dee",
      role: "deployer",
    });
    password = created.body.password;
  });
  afterAll(async () => {
    await t?.close();
  });

  const call = (
    method: string,
    path: string,
    headers: Record<string, string> = {},
    body?: unknown,
  ) =>
    fetch(`${t.url}/api/v1${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { "content-type": "application/json" }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  async function signIn() {
    const response = await call("POST", "/auth/session", {}, { username: "dee", password });
    expect(response.status).toBe(200);
    const setCookie = response.headers.get("set-cookie") ?? "";
    expect(setCookie).toMatch(/weeknight_session=wks_[^;]+;.*HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    const cookie = setCookie.split(";")[0] ?? "";
    const { csrfToken } = (await response.json()) as { csrfToken: string };
    return { cookie, csrfToken };
  }

  it("signs a browser in with an httpOnly cookie that reads, and changes only with the CSRF token", async () => {
    const { cookie, csrfToken } = await signIn();
    expect((await call("GET", "/builds", { cookie })).status).toBe(200);
    const me = (await (await call("GET", "/auth/session", { cookie })).json()) as {
      username: string;
      csrfToken: string;
    };
    expect(me).toMatchObject({ username: "dee", csrfToken });

    const forged = await call("POST", "/tokens", { cookie }, { name: "from another site" });
    expect(forged.status).toBe(403);
    expect(((await forged.json()) as { error: { message: string } }).error.message).toContain(
      "x-csrf-token",
    );
    expect(
      (await call("POST", "/tokens", { cookie, "x-csrf-token": "guess" }, { name: "x" })).status,
    ).toBe(403);
    expect(
      (await call("POST", "/tokens", { cookie, "x-csrf-token": csrfToken }, { name: "laptop" }))
        .status,
    ).toBe(201);
  });

  it("keeps roles: a deployer's session cannot manage users", async () => {
    const { cookie, csrfToken } = await signIn();
    const refused = await call(
      "POST",
      "/users",
      { cookie, "x-csrf-token": csrfToken },
      { username: "eve" },
    );
    expect(refused.status).toBe(403);
  });

  it("signs out: the cookie stops working", async () => {
    const { cookie, csrfToken } = await signIn();
    expect(
      (await call("DELETE", "/auth/session", { cookie, "x-csrf-token": csrfToken })).status,
    ).toBe(204);
    expect((await call("GET", "/builds", { cookie })).status).toBe(401);
  });

  it("refuses a wrong password and a made-up cookie", async () => {
    expect(
      (await call("POST", "/auth/session", {}, { username: "dee", password: "wrong-password" }))
        .status,
    ).toBe(401);
    expect((await call("GET", "/builds", { cookie: "weeknight_session=wks_made-up" })).status).toBe(
      401,
    );
  });
});
