import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuditEntry, Block } from "../cli/api-types.js";
import { testDialects } from "../test-support/test-databases.js";
import { createTestRepo } from "../test-support/test-repo.js";
import { startTestServer, type TestServer } from "../test-support/test-server.js";
import { signSlackRequest } from "./slash-command.js";

const SECRET = "slack-app-signing-secret";

const yml = [
  "project: ctl",
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

type ErrorBody = { error: { code: string; message: string } };
type SlashReply = { response_type: "in_channel" | "ephemeral"; text: string };

describe.each(testDialects)("blocks on %s", (dialect) => {
  let t: TestServer;
  let repo: Awaited<ReturnType<typeof createTestRepo>>;
  const tokens = { viewer: "", other: "", deployer: "" };

  async function signIn(username: string, role: "viewer" | "deployer") {
    const created = await t.api<{ password: string }>("POST", "/users", { username, role });
    expect(created.status).toBe(201);
    const login = await t.api<{ token: string }>(
      "POST",
      "/auth/login",
      { username, password: created.body.password, tokenName: "test" },
      "",
    );
    return login.body.token;
  }

  beforeAll(async () => {
    t = await startTestServer(dialect, { WEEKNIGHT_SLASH_SIGNING_SECRET: SECRET });
    repo = await createTestRepo({ files: { "weeknight.yml": yml } });
    await t.api("POST", "/projects", { name: "ctl", repoUrl: repo.dir, poll: "100ms" });
    // Blocks name environments of the last passed build's weeknight.yml.
    const built = t.waitForEvent((e) => e.type === "build.passed" && e.data.project === "ctl");
    [tokens.viewer, tokens.other, tokens.deployer] = await Promise.all([
      signIn("vera", "viewer"),
      signIn("otto", "viewer"),
      signIn("dave", "deployer"),
    ]);
    await built;
  });
  afterAll(async () => {
    await t?.close();
    repo?.remove();
  });

  const place = (body: Record<string, unknown>, token = tokens.viewer) =>
    t.api<Block & ErrorBody>("POST", "/projects/ctl/blocks", body, token);
  const active = async () => (await t.api<Block[]>("GET", "/blocks?project=ctl")).body;

  it("lets a viewer block an environment for a while; the block is listed and audited", async () => {
    const before = Date.now();
    const placed = await place({
      environment: "production",
      reason: "support sees checkout errors",
      for: "2h",
    });
    expect(placed.status).toBe(201);
    expect(placed.body).toMatchObject({
      project: "ctl",
      environment: "production",
      buildId: null,
      sha: null,
      kind: "manual",
      reason: "support sees checkout errors",
      createdBy: "vera",
      liftedAt: null,
    });
    expect(placed.body.expiresAt).toBeGreaterThanOrEqual(before + 2 * 3_600_000);
    expect(placed.body.expiresAt).toBeLessThan(Date.now() + 2 * 3_600_000 + 1000);
    await t.waitForEvent((e) => e.type === "block.placed" && e.data.blockId === placed.body.id);

    expect((await active()).map((b) => b.id)).toContain(placed.body.id);
    const all = await t.api<Block[]>("GET", "/blocks", undefined, tokens.other);
    expect(all.body.find((b) => b.id === placed.body.id)?.reason).toBe(
      "support sees checkout errors",
    );
    const audit = await t.api<AuditEntry[]>("GET", "/audit?project=ctl&action=block&actor=vera");
    expect(audit.body[0]).toMatchObject({
      actor: "vera",
      action: "block",
      target: `block:${placed.body.id}`,
      project: "ctl",
      environment: "production",
      details: { reason: "support sees checkout errors" },
    });
  });

  it("refuses an expiry in the past, an unknown environment and no sign-in", async () => {
    const past = await place({
      environment: "production",
      reason: "too late",
      until: Date.now() - 60_000,
    });
    expect(past.status).toBe(400);
    expect(past.body.error.message).toContain("already past");
    const unknown = await place({ environment: "staging", reason: "typo" });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toContain('ctl has no environment "staging"');
    expect((await place({ reason: "nobody" }, "")).status).toBe(401);
    expect((await active()).some((b) => b.reason === "too late" || b.reason === "typo")).toBe(
      false,
    );
  });

  it("lets a block's author or a deployer lift it, and no other viewer", async () => {
    const placed = await place({ environment: "production", reason: "db migration" });
    expect(placed.body.expiresAt).toBeNull();
    const lift = (token: string, reason?: string) =>
      t.api<Block & ErrorBody>(
        "POST",
        `/blocks/${placed.body.id}/lift`,
        reason ? { reason } : undefined,
        token,
      );

    const refused = await lift(tokens.other);
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toContain("placed by vera: only they or a deployer");
    expect((await active()).map((b) => b.id)).toContain(placed.body.id);

    const lifted = await lift(tokens.deployer, "migration done");
    expect(lifted.status).toBe(200);
    expect(lifted.body).toMatchObject({ liftedBy: "dave", liftReason: "migration done" });
    expect((await active()).map((b) => b.id)).not.toContain(placed.body.id);
    expect((await lift(tokens.viewer)).status).toBe(409);

    const history = await t.api<Block[]>("GET", "/blocks?project=ctl&all=true&limit=200");
    expect(history.body.find((b) => b.id === placed.body.id)?.liftedBy).toBe("dave");

    const own = await place({ reason: "whole project, briefly" });
    expect(own.body.environment).toBeNull();
    const ownLift = await t.api<Block>(
      "POST",
      `/blocks/${own.body.id}/lift`,
      undefined,
      tokens.viewer,
    );
    expect(ownLift.body.liftedBy).toBe("vera");
  });

  describe("the slash command", () => {
    async function slash(
      text: string,
      options: { user?: string; secret?: string; at?: number; signature?: string } = {},
    ) {
      const body = new URLSearchParams({
        token: "legacy-verification-token",
        team_id: "T1",
        command: "/weeknight",
        text,
        user_id: "U1",
        user_name: options.user ?? "ann",
      }).toString();
      const timestamp = String(Math.floor((options.at ?? Date.now()) / 1000));
      const response = await fetch(`${t.url}/api/v1/integrations/slash`, {
        method: "POST",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          "x-slack-request-timestamp": timestamp,
          "x-slack-signature":
            options.signature ?? signSlackRequest(options.secret ?? SECRET, timestamp, body),
        },
        body,
      });
      return { status: response.status, body: (await response.json()) as SlashReply & ErrorBody };
    }

    it("refuses forged and replayed requests", async () => {
      const forged = await slash("block ctl/production forged", { secret: "guessed" });
      expect(forged.status).toBe(401);
      expect(forged.body.error.message).toContain("does not match");
      const stale = await slash("block ctl/production replayed", { at: Date.now() - 10 * 60_000 });
      expect(stale.status).toBe(401);
      expect(stale.body.error.message).toContain("old");
      expect((await slash("status", { signature: "" })).status).toBe(401);
      expect((await active()).some((b) => b.createdBy === "slack:ann")).toBe(false);
    });

    it("places a block for its author, and lifts it only for them", async () => {
      const blocked = await slash("block ctl/production support sees errors --for 2h");
      expect(blocked.status).toBe(200);
      expect(blocked.body.response_type).toBe("in_channel");
      expect(blocked.body.text).toContain("slack:ann blocked deploys to *ctl/production*");
      expect(blocked.body.text).toContain("support sees errors");
      const [block] = (await active()).filter((b) => b.createdBy === "slack:ann");
      expect(block).toMatchObject({ environment: "production", reason: "support sees errors" });
      expect(block?.expiresAt).toBeGreaterThan(Date.now() + 3_600_000);

      const status = await slash("status ctl", { user: "bob" });
      expect(status.body.response_type).toBe("ephemeral");
      expect(status.body.text).toContain(`support sees errors — slack:ann`);

      const notTheirs = await slash("unblock ctl/production", { user: "bob" });
      expect(notTheirs.status).toBe(200);
      expect(notTheirs.body.response_type).toBe("ephemeral");
      expect(notTheirs.body.text).toContain("You have no block in force on ctl/production");
      expect((await active()).map((b) => b.id)).toContain(block?.id);

      const unblocked = await slash("unblock ctl/production");
      expect(unblocked.body).toMatchObject({ response_type: "in_channel" });
      expect(unblocked.body.text).toContain(`slack:ann lifted block ${block?.id}`);
      expect((await active()).map((b) => b.id)).not.toContain(block?.id);
      const audit = await t.api<AuditEntry[]>("GET", "/audit?actor=slack:ann&action=unblock");
      expect(audit.body[0]?.target).toBe(`block:${block?.id}`);
    });

    it("answers mistakes in a reply only its author sees", async () => {
      const unknown = await slash("block ctl/staging oops");
      expect(unknown.status).toBe(200);
      expect(unknown.body.response_type).toBe("ephemeral");
      expect(unknown.body.text).toContain('ctl has no environment "staging"');
      const noReason = await slash("block ctl/production");
      expect(noReason.body.text).toContain("say why deploys to ctl/production should stop");
      const help = await slash("");
      expect(help.body.text).toContain("/weeknight block &lt;project&gt;/&lt;env&gt;");
      const missing = await slash("status nope");
      expect(missing.body.response_type).toBe("ephemeral");
    });
  });
});

describe("the slash command without a signing secret", () => {
  it("is off and says which setting turns it on", async () => {
    const t = await startTestServer("sqlite");
    try {
      const response = await fetch(`${t.url}/api/v1/integrations/slash`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: "text=status&user_name=ann",
      });
      expect(response.status).toBe(404);
      const body = (await response.json()) as ErrorBody;
      expect(body.error.message).toContain("WEEKNIGHT_SLASH_SIGNING_SECRET");
    } finally {
      await t.close();
    }
  });
});
