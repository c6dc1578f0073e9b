import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ConflictError } from "../errors/domain-errors.js";
import { createHttpApp } from "./http-app.js";
import type { Principal } from "./http-auth.js";

const tokens: Record<string, Principal> = {
  viewer: { userId: 1, username: "vi", role: "viewer" },
  deployer: { userId: 2, username: "de", role: "deployer" },
  admin: { userId: 3, username: "ad", role: "admin" },
};

async function app() {
  return createHttpApp({
    version: "test",
    authenticator: { authenticate: async (token) => tokens[token] ?? null },
    routes: [
      (api) => {
        api.get("/things", async () => ["a"]);
        api.post("/things", async () => ({ made: true }));
        api.post("/things/deploy", { config: { role: "deployer" } }, async () => ({
          deployed: true,
        }));
        api.post("/hooks", { config: { role: "public" } }, async () => ({ ok: true }));
        api.post(
          "/conflict",
          { config: { role: "viewer" }, schema: { body: z.object({ n: z.number().int() }) } },
          async () => {
            throw new ConflictError("already done");
          },
        );
      },
    ],
  });
}

const as = (role: string) => ({ authorization: `Bearer ${role}` });

describe("http app", () => {
  it("needs a token for every /api/v1 route that is not public", async () => {
    const a = await app();
    expect((await a.inject({ method: "GET", url: "/api/v1/things" })).statusCode).toBe(401);
    expect(
      (await a.inject({ method: "GET", url: "/api/v1/things", headers: as("nobody") })).statusCode,
    ).toBe(401);
    expect(
      (await a.inject({ method: "GET", url: "/api/v1/things", headers: as("viewer") })).statusCode,
    ).toBe(200);
    expect((await a.inject({ method: "POST", url: "/api/v1/hooks" })).statusCode).toBe(200);
    const badBodyNoToken = await a.inject({
      method: "POST",
      url: "/api/v1/conflict",
      payload: { n: "x" },
    });
    expect(badBodyNoToken.statusCode).toBe(401);
    expect((await a.inject({ method: "GET", url: "/healthz" })).json()).toEqual({ status: "ok" });
  });

  it("fails closed: a mutating route that names no role needs admin", async () => {
    const a = await app();
    const refused = await a.inject({
      method: "POST",
      url: "/api/v1/things",
      headers: as("deployer"),
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toBe(
      "POST /api/v1/things needs the admin role; de is deployer",
    );
    expect(
      (await a.inject({ method: "POST", url: "/api/v1/things", headers: as("admin") })).statusCode,
    ).toBe(200);
    expect(
      (await a.inject({ method: "POST", url: "/api/v1/things/deploy", headers: as("viewer") }))
        .statusCode,
    ).toBe(403);
    expect(
      (await a.inject({ method: "POST", url: "/api/v1/things/deploy", headers: as("deployer") }))
        .statusCode,
    ).toBe(200);
  });

  it("maps domain errors and invalid bodies to stable codes", async () => {
    const a = await app();
    const conflict = await a.inject({
      method: "POST",
      url: "/api/v1/conflict",
      headers: as("viewer"),
      payload: { n: 1 },
    });
    expect(conflict.statusCode).toBe(409);
    expect(conflict.json()).toEqual({ error: { code: "CONFLICT", message: "already done" } });
    const invalid = await a.inject({
      method: "POST",
      url: "/api/v1/conflict",
      headers: as("viewer"),
      payload: { n: "x" },
    });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error.code).toBe("INVALID_INPUT");
    expect(invalid.json().error.message).toContain("body.n");
    const missing = await a.inject({ method: "GET", url: "/api/v1/nope" });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.message).toContain("openapi.json");
  });

  it("serves its OpenAPI document without a token", async () => {
    const a = await app();
    const doc = await a.inject({ method: "GET", url: "/api/v1/openapi.json" });
    expect(doc.statusCode).toBe(200);
    expect(Object.keys(doc.json().paths)).toContain("/api/v1/things/deploy");
  });
});
