import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCliAs } from "../test-support/test-cli.js";
import { createTestRepo } from "../test-support/test-repo.js";
import { startTestServer, type TestServer } from "../test-support/test-server.js";
import type { AuditEntry, Block } from "./api-types.js";

const yml = [
  "project: shop",
  "build:",
  "  stages:",
  "    - name: test",
  '      run: "true"',
  "environments:",
  "  production:",
  "    deploy: manual",
  '    target: { type: command, deploy: "true", rollback: "true" }',
  "",
].join("\n");

describe("weeknight block, unblock, blocks, audit", () => {
  let t: TestServer;
  let repo: Awaited<ReturnType<typeof createTestRepo>>;
  let viewerToken: string;
  const home = mkdtempSync(join(tmpdir(), "weeknight-block-cli-"));

  beforeAll(async () => {
    t = await startTestServer("sqlite");
    repo = await createTestRepo({ files: { "weeknight.yml": yml } });
    await t.api("POST", "/projects", { name: "shop", repoUrl: repo.dir, poll: "100ms" });
    const built = t.waitForEvent((e) => e.type === "build.passed" && e.data.project === "shop");
    const created = await t.api<{ password: string }>("POST", "/users", {
      username: "vera",
      role: "viewer",
    });
    const login = await t.api<{ token: string }>(
      "POST",
      "/auth/login",
      { username: "vera", password: created.body.password, tokenName: "cli" },
      "",
    );
    viewerToken = login.body.token;
    await built;
  });
  afterAll(async () => {
    await t?.close();
    repo?.remove();
    rmSync(home, { recursive: true, force: true });
  });

  function cli(args: string[], who: "viewer" | "admin" = "viewer") {
    return runCliAs(args, { url: t.url, token: who === "viewer" ? viewerToken : t.token, home });
  }

  // The steps build on each other; each is its own test so a slow machine gets time for each.
  let block: Block;
  let adminBlock: Block;

  it("blocks an environment (the only project's, unless -p says otherwise) and lists it", async () => {
    const [mine, admins, usage, unknown] = await Promise.all([
      cli(["block", "production", "-m", "support sees errors", "--for", "2h", "--json"]),
      cli(["block", "production", "-m", "release freeze", "--project", "shop"], "admin"),
      cli(["block", "production", "-m", "x", "--build", "1", "--commit", "abc1234"]),
      cli(["block", "staging", "-m", "typo"]),
    ]);
    expect(mine.stderr).toBe("");
    block = JSON.parse(mine.stdout) as Block;
    expect(block).toMatchObject({
      project: "shop",
      environment: "production",
      createdBy: "vera",
      reason: "support sees errors",
    });
    expect(admins.code).toBe(0);
    expect(admins.stdout).toMatch(
      /^Blocked deploys to shop production until lifted \(block \d+\): release freeze\n$/,
    );
    expect(admins.stderr).toMatch(/lift it with: weeknight unblock \d+/);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain("cannot be used with option '--build <id>'");
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('shop has no environment "staging"');

    const [listed, table] = await Promise.all([cli(["blocks", "--json"]), cli(["blocks"])]);
    const blocks = JSON.parse(listed.stdout) as Block[];
    expect(blocks.map((b) => b.reason).sort()).toEqual(["release freeze", "support sees errors"]);
    adminBlock = blocks.find((b) => b.createdBy === "admin") as Block;
    expect(table.stdout).toMatch(
      new RegExp(`${block.id}\\s+shop\\s+production\\s+-\\s+vera\\s+.*support sees errors`),
    );
  });

  it("lifts the caller's own blocks on an environment and says which stay", async () => {
    const unblocked = await cli(["unblock", "production", "-m", "fixed in #41"]);
    expect(unblocked.code).toBe(0);
    expect(unblocked.stdout).toBe(
      `Lifted block ${block.id} on shop production (placed by vera: support sees errors).\n`,
    );
    expect(unblocked.stderr).toContain(
      `block ${adminBlock.id} stays: placed by admin, only they or a deployer can lift it`,
    );
    // One after the other: the admin's unblock would leave the viewer nothing to be refused.
    const refused = await cli(["unblock", "production"]);
    const byId = await cli(["unblock", String(adminBlock.id), "--json"], "admin");
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("none of the 1 block on shop production is yours to lift");
    expect((JSON.parse(byId.stdout) as Block[])[0]).toMatchObject({ liftedBy: "admin" });
  });

  it("shows lifted blocks with --all, and every change in the audit log", async () => {
    const [none, history, audit, auditTable] = await Promise.all([
      cli(["blocks"]),
      cli(["blocks", "--all", "--json"]),
      cli(["audit", "--project", "shop", "--env", "production", "--action", "unblock", "--json"]),
      cli(["audit", "--action", "block", "--actor", "vera"]),
    ]);
    expect(none.stdout).toBe("no blocks in force: deploys go as planned\n");
    expect((JSON.parse(history.stdout) as Block[]).every((b) => b.liftedAt !== null)).toBe(true);
    const entries = JSON.parse(audit.stdout) as AuditEntry[];
    expect(entries.map((e) => [e.actor, e.target])).toEqual([
      ["admin", `block:${adminBlock.id}`],
      ["vera", `block:${block.id}`],
    ]);
    expect(entries[1]?.details).toMatchObject({ reason: "fixed in #41" });
    expect(auditTable.stdout).toMatch(
      /vera\s+block\s+shop production\s+block:\d+\s+reason=support/,
    );
  });

  it("asks which project when the server has several", async () => {
    await t.api("POST", "/projects", { name: "blog", repoUrl: repo.dir, poll: 0 });
    const ambiguous = await cli(["block", "production", "-m", "which one?"]);
    expect(ambiguous.code).toBe(1);
    expect(ambiguous.stderr).toContain("the server has 2 projects");
    expect(ambiguous.stderr).toContain("say which with -p <project>");
  });
});
