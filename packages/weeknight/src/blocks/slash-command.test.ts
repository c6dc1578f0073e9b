import { describe, expect, it } from "vitest";
import { InvalidInputError } from "../errors/domain-errors.js";
import { parseSlashText, signSlackRequest, verifySlackSignature } from "./slash-command.js";

describe("verifySlackSignature", () => {
  const secret = "8f742231b10e8888abcd99yyyzzz85a5";
  const now = Date.UTC(2026, 10, 30, 21, 0, 0);
  const timestamp = String(now / 1000);
  const body = Buffer.from("command=%2Fweeknight&text=status&user_name=ann");
  const check = (overrides: Partial<Parameters<typeof verifySlackSignature>[0]>) =>
    verifySlackSignature({
      secret,
      timestamp,
      signature: signSlackRequest(secret, timestamp, body),
      body,
      now,
      ...overrides,
    });

  it("accepts a request signed with the secret within five minutes either way", () => {
    expect(check({})).toEqual({ ok: true });
    expect(check({ now: now + 299_000 })).toEqual({ ok: true });
    expect(check({ now: now - 299_000 })).toEqual({ ok: true });
  });

  it("matches Slack's documented signature for a known request", () => {
    // The worked example in Slack's "Verifying requests from Slack" guide.
    const slackBody =
      "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
    expect(signSlackRequest(secret, "1531420618", slackBody)).toBe(
      "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503",
    );
  });

  it("refuses a stale or future-dated request, so a captured one cannot be replayed", () => {
    expect(check({ now: now + 301_000 })).toMatchObject({ ok: false, reason: "stale" });
    expect(check({ now: now - 301_000 })).toMatchObject({ ok: false, reason: "future" });
  });

  it("refuses a wrong secret, a changed body and malformed or missing headers", () => {
    const wrong = check({ secret: "another-secret" });
    expect(wrong).toMatchObject({ ok: false, reason: "mismatch" });
    expect(!wrong.ok && wrong.message).toContain("WEEKNIGHT_SLASH_SIGNING_SECRET");
    expect(check({ body: Buffer.from("text=block+shop") })).toMatchObject({ reason: "mismatch" });
    expect(check({ signature: "v0=abc" })).toMatchObject({ reason: "mismatch" });
    expect(check({ signature: `v1=${"0".repeat(64)}` })).toMatchObject({ reason: "mismatch" });
    expect(check({ signature: undefined })).toMatchObject({ reason: "missing-signature" });
    expect(check({ timestamp: undefined })).toMatchObject({ reason: "missing-timestamp" });
    expect(check({ timestamp: "soon" })).toMatchObject({ reason: "bad-timestamp" });
  });

  it("signs over the timestamp too: the same body at another time does not verify", () => {
    const other = String(now / 1000 - 10);
    expect(check({ signature: signSlackRequest(secret, other, body) })).toMatchObject({
      reason: "mismatch",
    });
  });
});

describe("parseSlashText", () => {
  const error = (text: string) => {
    try {
      parseSlashText(text);
    } catch (caught) {
      expect(caught).toBeInstanceOf(InvalidInputError);
      return (caught as Error).message;
    }
    throw new Error(`"${text}" parsed`);
  };

  it("reads a block of an environment with its reason, and --for anywhere", () => {
    expect(parseSlashText("block shop/production support sees checkout errors")).toEqual({
      action: "block",
      project: "shop",
      environment: "production",
      reason: "support sees checkout errors",
      for: null,
    });
    const expected = {
      action: "block",
      project: "shop",
      environment: "production",
      reason: "support sees errors",
      for: "2h",
    };
    expect(parseSlashText("block shop/production support sees errors --for 2h")).toEqual(expected);
    expect(parseSlashText("  --for 2h block  shop/production support   sees errors")).toEqual(
      expected,
    );
    expect(parseSlashText("Block Shop/Production support --for=2h sees errors")).toEqual(expected);
  });

  it("reads a whole-project block, an unblock and a status", () => {
    expect(parseSlashText("block shop migration running")).toMatchObject({
      project: "shop",
      environment: null,
      reason: "migration running",
    });
    expect(parseSlashText("unblock shop/production")).toEqual({
      action: "unblock",
      project: "shop",
      environment: "production",
    });
    expect(parseSlashText("unblock shop")).toEqual({
      action: "unblock",
      project: "shop",
      environment: null,
    });
    expect(parseSlashText("status")).toEqual({ action: "status", project: null });
    expect(parseSlashText("status shop")).toEqual({ action: "status", project: "shop" });
    expect(parseSlashText("")).toEqual({ action: "help" });
    expect(parseSlashText("help")).toEqual({ action: "help" });
  });

  it("says what is wrong with bad input and shows the usage", () => {
    expect(error("block shop/production")).toContain(
      "say why deploys to shop/production should stop",
    );
    expect(error("block shop/production")).toContain("Usage:");
    expect(error("block")).toContain("block what?");
    expect(error("unblock")).toContain("unblock what?");
    expect(error("unblock shop/production fixed now")).toContain("unblock takes one target");
    expect(error("status shop/production")).toContain("status takes at most a project name");
    expect(error("deploy shop/production")).toContain('"deploy" is not a command');
    expect(error("block shop/prod/eu why")).toContain('"shop/prod/eu" is not a target');
    expect(error("block shop/production why --for")).toContain("--for needs a duration");
    expect(error("block shop/production why --for soon")).toContain('invalid duration "soon"');
    expect(error("block shop why --for 2h --for 3h")).toContain("give --for once");
    expect(error("unblock shop --for 2h")).toContain("--for only goes with block");
  });
});
