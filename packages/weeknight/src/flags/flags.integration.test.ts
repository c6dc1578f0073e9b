import { compileFlags, type FlagSet } from "@weeknight/flags-sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuditEntry, Flag, FlagEvaluation } from "../cli/api-types.js";
import { testDialects } from "../test-support/test-databases.js";
import { namedEnvironmentsYml } from "../test-support/test-repo.js";
import { startTestServer, type TestServer } from "../test-support/test-server.js";

type ErrorBody = { error: { code: string; message: string } };
const PATH = "/projects/shop/flags";
const env = (flag: Flag, name: string) => flag.environments.find((e) => e.environment === name);

describe.each(testDialects)("flags on %s", (dialect) => {
  let t: TestServer;
  let viewer = "";

  const step = (action: string, body: unknown = {}, environment = "production") =>
    t.api<Flag & ErrorBody>(
      "POST",
      `${PATH}/new-checkout/environments/${environment}/${action}`,
      body,
    );
  const preview = (context: Record<string, string>) =>
    t.api<FlagEvaluation>("POST", `${PATH}/new-checkout/evaluate`, {
      environment: "production",
      context,
    });

  beforeAll(async () => {
    t = await startTestServer(dialect);
    await t.addProject("shop", namedEnvironmentsYml("shop", ["internal", "production"]));
    const created = await t.api<{ password: string }>("POST", "/users", {
      username: "vera",
      role: "viewer",
    });
    const login = await t.api<{ token: string }>(
      "POST",
      "/auth/login",
      { username: "vera", password: created.body.password, tokenName: "test" },
      "",
    );
    viewer = login.body.token;
  });
  afterAll(async () => {
    await t?.close();
  });

  it("creates a flag that is off in every environment, and refuses bad keys and viewers", async () => {
    const created = await t.api<Flag>("POST", PATH, {
      key: "new-checkout",
      description: "the one-page checkout",
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ key: "new-checkout", type: "release", stale: null });
    expect(created.body.environments.map((e) => [e.environment, e.stage])).toEqual([
      ["internal", "off"],
      ["production", "off"],
    ]);
    const again = await t.api<ErrorBody>("POST", PATH, { key: "new-checkout" });
    expect(again.status).toBe(409);
    const bad = await t.api<ErrorBody>("POST", PATH, { key: "New Checkout!" });
    expect(bad.status).toBe(400);
    const denied = await t.api<ErrorBody>("POST", PATH, { key: "other" }, viewer);
    expect(denied.status).toBe(403);
    const list = await t.api<Flag[]>("GET", PATH, undefined, viewer);
    expect(list.body.map((f) => f.key)).toEqual(["new-checkout"]);
  });

  it("goes admin only → a few customers → 10 % → everyone, and previews who gets it", async () => {
    const admins = await step("admins");
    expect(env(admins.body, "production")?.stage).toBe("admins");
    expect((await preview({ userId: "u1", role: "admin" })).body).toMatchObject({
      enabled: true,
      reason: 'on: rule "admins" matches',
    });
    expect((await preview({ userId: "u1", role: "user" })).body.enabled).toBe(false);

    const customers = await step("customers", { customers: ["acme", "globex", "acme"] });
    expect(env(customers.body, "production")).toMatchObject({
      stage: "customers",
      customers: ["acme", "globex"],
    });
    const acme = await preview({ customerId: "acme" });
    expect(acme.body).toMatchObject({ enabled: true, reason: 'on: rule "customers" matches' });

    const rollout = await step("rollout", { percent: 10, stickiness: "customerId" });
    expect(env(rollout.body, "production")).toMatchObject({ stage: "percentage", percent: 10 });
    // About a tenth of other customers, always the same ones.
    let on = 0;
    for (let i = 0; i < 200; i++) {
      if ((await preview({ customerId: `customer-${i}` })).body.enabled) on++;
    }
    expect(on).toBeGreaterThan(5);
    expect(on).toBeLessThan(40);

    const released = await step("release");
    const production = env(released.body, "production");
    expect(production?.stage).toBe("released");
    expect(production?.releasedAt).toEqual(expect.any(Number));
    expect(env(released.body, "internal")?.stage).toBe("off");
    expect((await preview({})).body.enabled).toBe(true);
  });

  it("kills at once and comes back, and keeps the history", async () => {
    const killed = await step("kill", { reason: "checkout errors" });
    expect(env(killed.body, "production")?.stage).toBe("killed");
    expect((await preview({ role: "admin" })).body).toMatchObject({
      enabled: false,
      reason: "killed: off for everyone",
    });
    const enabled = await step("enable");
    expect(env(enabled.body, "production")?.stage).toBe("released");
    const history = await t.api<AuditEntry[]>("GET", `${PATH}/new-checkout/history`);
    expect(history.body.map((e) => e.action)).toEqual([
      "flag.enable",
      "flag.kill",
      "flag.release",
      "flag.rollout",
      "flag.customers",
      "flag.admins",
      "flag.created",
    ]);
    const older = await t.api<AuditEntry[]>(
      "GET",
      `${PATH}/new-checkout/history?limit=2&before=${history.body[1]?.id}`,
    );
    expect(older.body.map((e) => e.action)).toEqual(["flag.release", "flag.rollout"]);
    expect(history.body[1]).toMatchObject({
      actor: "admin",
      environment: "production",
      details: { reason: "checkout errors", stage: "killed" },
    });
  });

  it("refuses bad input with a clear error and changes nothing", async () => {
    const before = (await t.api<Flag>("GET", `${PATH}/new-checkout`)).body;
    const cases: [string, string, unknown, number, RegExp][] = [
      ["POST", "rollout", { percent: 101 }, 400, /100|percent/],
      [
        "POST",
        "customers",
        { customers: Array.from({ length: 10_001 }, (_, i) => `c${i}`) },
        400,
        /10000|10 000|customers|Too big|too_big/i,
      ],
      ["POST", "admins", {}, 404, /no environment "staging"/],
      [
        "PUT",
        "",
        { rules: [{ constraints: [{ contextName: "v", operator: "SEMVER_GT", value: "two" }] }] },
        400,
        /semver|version/i,
      ],
      [
        "PUT",
        "",
        {
          rules: [
            {
              constraints: [
                { contextName: "currentTime", operator: "DATE_AFTER", value: "next tuesday" },
              ],
            },
          ],
        },
        400,
        /date/i,
      ],
      [
        "PUT",
        "",
        { rules: [{ constraints: [{ contextName: "plan", operator: "NUM_GT", value: "lots" }] }] },
        400,
        /number/i,
      ],
      [
        "PUT",
        "",
        { rules: [{ constraints: [{ contextName: "v", operator: "REGEX", values: ["x"] }] }] },
        400,
        /operator|REGEX|Invalid/i,
      ],
      ["PUT", "", { rules: [{ segments: ["nobody"] }] }, 400, /segment "nobody" does not exist/],
    ];
    for (const [method, action, body, status, message] of cases) {
      const environment = status === 404 ? "staging" : "production";
      const path = `${PATH}/new-checkout/environments/${environment}${action ? `/${action}` : ""}`;
      const answer = await t.api<ErrorBody>(method, path, body);
      expect(answer.status, `${method} ${action} ${JSON.stringify(body).slice(0, 80)}`).toBe(
        status,
      );
      expect(answer.body.error.message).toMatch(message);
    }
    const unknown = await t.api<ErrorBody>("GET", `${PATH}/nope`);
    expect(unknown.status).toBe(404);
    expect((await t.api<Flag>("GET", `${PATH}/new-checkout`)).body).toEqual(before);
  });

  it("redefines the admins segment for every flag using it, and refuses deleting a used segment", async () => {
    await t.api("POST", PATH, { key: "beta-reports", type: "permission" });
    await t.api("POST", `${PATH}/beta-reports/environments/production/admins`, {});
    const saved = await t.api<{ usedBy: string[] }>("PUT", "/projects/shop/segments/admins", {
      description: "staff",
      constraints: [{ contextName: "email", operator: "STR_ENDS_WITH", values: ["@shop.example"] }],
    });
    expect(saved.status).toBe(200);
    expect(saved.body.usedBy).toEqual(["beta-reports"]);
    const staff = await t.api<FlagEvaluation>("POST", `${PATH}/beta-reports/evaluate`, {
      environment: "production",
      context: { email: "ann@shop.example" },
    });
    expect(staff.body.enabled).toBe(true);
    const removed = await t.api<ErrorBody>("DELETE", "/projects/shop/segments/admins");
    expect(removed.status).toBe(409);
    expect(removed.body.error.message).toContain("beta-reports");
  });

  it("serves SDKs with a key for one environment, and a revoked key gets 401", async () => {
    const denied = await t.api<ErrorBody>(
      "POST",
      "/projects/shop/sdk-keys",
      { environment: "production" },
      viewer,
    );
    expect(denied.status).toBe(403);
    const created = await t.api<{ key: string; sdkKey: { id: number; prefix: string } }>(
      "POST",
      "/projects/shop/sdk-keys",
      { environment: "production", name: "web" },
    );
    expect(created.status).toBe(201);
    expect(created.body.key.startsWith(created.body.sdkKey.prefix)).toBe(true);
    const read = (etag?: string) =>
      fetch(`${t.url}/api/v1/sdk/flags`, {
        headers: {
          authorization: `Bearer ${created.body.key}`,
          ...(etag && { "if-none-match": etag }),
        },
      });
    const first = await read();
    expect(first.status).toBe(200);
    const set = (await first.json()) as FlagSet;
    const flags = compileFlags(set);
    expect(flags.isEnabled("new-checkout", {})).toBe(true);
    expect(flags.isEnabled("beta-reports", { email: "ann@shop.example" })).toBe(true);
    expect(flags.isEnabled("beta-reports", { email: "eve@elsewhere.example" })).toBe(false);
    const etag = first.headers.get("etag") ?? "";
    expect((await read(etag)).status).toBe(304);
    // A change makes a new version at once.
    await step("kill");
    const changed = await read(etag);
    expect(changed.status).toBe(200);
    expect(compileFlags((await changed.json()) as FlagSet).isEnabled("new-checkout", {})).toBe(
      false,
    );

    const revoked = await t.api("DELETE", `/projects/shop/sdk-keys/${created.body.sdkKey.id}`);
    expect(revoked.status).toBe(200);
    expect((await read()).status).toBe(401);
  });

  it("lists a released flag as stale once it has served everyone for 30 days", async () => {
    const { services } = t.server;
    expect((await t.api<Flag[]>("GET", `${PATH}?stale=true`)).body).toEqual([]);
    // Nothing is stale yet, so nothing is sent.
    expect(await services.flags.staleCheck()).toBe(0);
  });

  it("archives a flag: it leaves the list and the SDKs' flag set", async () => {
    const archived = await t.api<Flag>("DELETE", `${PATH}/beta-reports`);
    expect(archived.body.archivedAt).toEqual(expect.any(Number));
    expect((await t.api<Flag[]>("GET", PATH)).body.map((f) => f.key)).toEqual(["new-checkout"]);
    expect((await t.api<ErrorBody>("GET", `${PATH}/beta-reports`)).status).toBe(404);
  });
});
