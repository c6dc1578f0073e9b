import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  openTestDatabase,
  type TestDatabase,
  testDialects,
} from "../test-support/test-databases.js";
import { createUserService, type UserService } from "./user-service.js";
import { createUserSqlStore } from "./user-sql-store.js";

describe.each(testDialects)("users and tokens on %s", (dialect) => {
  let database: TestDatabase;
  let users: UserService;
  let now = 1_000;

  beforeAll(async () => {
    database = await openTestDatabase(dialect);
    users = createUserService({
      store: createUserSqlStore(database.db),
      clock: { now: () => now },
    });
  });
  afterAll(async () => {
    await database?.close();
  });

  it("creates the first admin once, with a password that works", async () => {
    const admin = await users.ensureAdmin();
    expect(admin?.username).toBe("admin");
    expect(await users.ensureAdmin()).toBeNull();
    const { token, user } = await users.login({
      username: "admin",
      password: admin?.password ?? "",
      tokenName: "cli",
    });
    expect(user.role).toBe("admin");
    expect(await users.authenticate(token)).toMatchObject({ username: "admin", role: "admin" });
  });

  it("refuses wrong passwords, unknown and revoked tokens", async () => {
    await expect(
      users.login({ username: "admin", password: "nope-nope", tokenName: "x" }),
    ).rejects.toThrow("wrong username or password");
    await expect(
      users.login({ username: "ghost", password: "whatever1", tokenName: "x" }),
    ).rejects.toThrow("wrong username or password");
    expect(await users.authenticate("wkn_not-a-real-token")).toBeNull();
    expect(await users.authenticate("Basic abc")).toBeNull();

    const { user, password } = await users.createUser({ username: "vera", role: "viewer" });
    const { token } = await users.login({ username: "vera", password, tokenName: "laptop" });
    const principal = { userId: user.id, username: "vera", role: "viewer" as const };
    const [listed] = await users.listTokens(principal);
    expect(listed?.name).toBe("laptop");
    expect(JSON.stringify(listed)).not.toContain(token);
    expect(await users.authenticate(token)).toMatchObject({ username: "vera" });
    await users.deleteToken(principal, listed?.id ?? 0);
    expect(await users.authenticate(token)).toBeNull();
  });

  it("applies a role change and a sign-out to the very next request", async () => {
    const { password } = await users.createUser({ username: "rosa", role: "viewer" });
    const { token } = await users.login({ username: "rosa", password, tokenName: "cli" });
    const { cookie } = await users.startSession({ username: "rosa", password });
    expect(await users.authenticate(token)).toMatchObject({ role: "viewer" });
    expect((await users.authenticateSession(cookie))?.principal.role).toBe("viewer");
    await users.setRole("rosa", "deployer");
    expect(await users.authenticate(token)).toMatchObject({ role: "deployer" });
    expect((await users.authenticateSession(cookie))?.principal.role).toBe("deployer");
    await users.endSession(cookie);
    expect(await users.authenticateSession(cookie)).toBeNull();
  });

  it("records when a token was last used, at most once a minute", async () => {
    const { password } = await users.createUser({ username: "tim", role: "deployer" });
    const { token } = await users.login({ username: "tim", password, tokenName: "ci" });
    const principal = (await users.authenticate(token)) ?? {
      userId: 0,
      username: "",
      role: "viewer" as const,
    };
    expect((await users.listTokens(principal))[0]?.lastUsedAt).toBe(now);
    const first = now;
    now += 30_000;
    await users.authenticate(token);
    expect((await users.listTokens(principal))[0]?.lastUsedAt).toBe(first);
  });

  it("rejects bad usernames, short passwords and duplicates with clear messages", async () => {
    await expect(users.createUser({ username: "no spaces", role: "viewer" })).rejects.toThrow(
      /invalid username/,
    );
    await expect(
      users.createUser({ username: "shorty", role: "viewer", password: "1234567" }),
    ).rejects.toThrow(/at least 8/);
    await expect(users.createUser({ username: "admin", role: "viewer" })).rejects.toThrow(
      /already exists/,
    );
    await expect(users.setRole("ghost", "admin")).rejects.toThrow(/no user "ghost"/);
    await expect(users.setRole("admin", "viewer")).rejects.toThrow(/last admin/);
    await users.setRole("tim", "admin");
    expect((await users.setRole("admin", "viewer")).role).toBe("viewer");
  });
});
