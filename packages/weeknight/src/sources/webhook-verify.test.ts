import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { InvalidInputError, UnauthenticatedError } from "../errors/domain-errors.js";
import {
  signGeneric,
  verifyAndParseWebhook,
  type WebhookHeaders,
  type WebhookProvider,
} from "./webhook-verify.js";

const SECRET = "s3cret-for-tests";
const SHA = "0123456789abcdef0123456789abcdef01234567";
const PUSH = Buffer.from(
  JSON.stringify({ ref: "refs/heads/main", before: "0".repeat(40), after: SHA }),
);

function hex(secret: string, body: Buffer): string {
  return createHmac("sha256", secret).update(body).digest("hex");
}

/** Headers a provider sends for `event`, signed with `secret`. */
function signed(
  provider: WebhookProvider,
  body: Buffer,
  secret = SECRET,
  event?: string,
): WebhookHeaders {
  switch (provider) {
    case "github":
      return {
        "x-hub-signature-256": `sha256=${hex(secret, body)}`,
        "x-github-event": event ?? "push",
      };
    case "gitlab":
      return { "x-gitlab-token": secret, "x-gitlab-event": event ?? "Push Hook" };
    case "gitea":
      return { "x-gitea-signature": hex(secret, body), "x-gitea-event": event ?? "push" };
    case "generic":
      return {
        "x-weeknight-signature-256": `sha256=${hex(secret, body)}`,
        ...(event ? { "x-weeknight-event": event } : {}),
      };
  }
}

const SIGNATURE_HEADER: Record<WebhookProvider, string> = {
  github: "x-hub-signature-256",
  gitlab: "x-gitlab-token",
  gitea: "x-gitea-signature",
  generic: "x-weeknight-signature-256",
};

const FORGED: Record<WebhookProvider, string> = {
  github: `sha256=${"ab".repeat(32)}`,
  gitlab: "a-guess",
  gitea: "ab".repeat(32),
  generic: `sha256=${"ab".repeat(32)}`,
};

const PROVIDERS: WebhookProvider[] = ["github", "gitlab", "gitea", "generic"];

// GitLab sends a token, not a signature of the body, so tampering is only detectable for the others.
describe.each(PROVIDERS.filter((p) => p !== "gitlab"))("%s webhook signature", (provider) => {
  it("rejects a body changed after signing", () => {
    const tampered = Buffer.from(PUSH.toString().replace("main", "evil"));
    expect(() => verifyAndParseWebhook(provider, signed(provider, PUSH), tampered, SECRET)).toThrow(
      /does not match the body/,
    );
  });
});

describe.each(PROVIDERS)("%s webhook", (provider) => {
  it("accepts a valid signature and reads the pushed branch and head", () => {
    expect(verifyAndParseWebhook(provider, signed(provider, PUSH), PUSH, SECRET)).toEqual({
      provider,
      ref: "refs/heads/main",
      branch: "main",
      after: SHA,
      ping: false,
    });
  });

  it("rejects a forged signature", () => {
    const forged = { ...signed(provider, PUSH), [SIGNATURE_HEADER[provider]]: FORGED[provider] };
    expect(() => verifyAndParseWebhook(provider, forged, PUSH, SECRET)).toThrow(
      UnauthenticatedError,
    );
  });

  it("rejects a missing signature header, naming it", () => {
    const headers = { ...signed(provider, PUSH), [SIGNATURE_HEADER[provider]]: undefined };
    expect(() => verifyAndParseWebhook(provider, headers, PUSH, SECRET)).toThrow(
      new RegExp(`no ${SIGNATURE_HEADER[provider]} header`, "i"),
    );
  });

  it("rejects a signature made with another secret", () => {
    expect(() =>
      verifyAndParseWebhook(provider, signed(provider, PUSH, "other-secret"), PUSH, SECRET),
    ).toThrow(UnauthenticatedError);
  });

  it("rejects a correctly signed body that is not JSON", () => {
    const body = Buffer.from("payload=%7B%7D");
    expect(() => verifyAndParseWebhook(provider, signed(provider, body), body, SECRET)).toThrow(
      InvalidInputError,
    );
  });

  it("checks the signature before looking at the body", () => {
    const body = Buffer.from("not json");
    expect(() =>
      verifyAndParseWebhook(provider, signed(provider, body, "x"), body, SECRET),
    ).toThrow(UnauthenticatedError);
  });

  it("recognises a ping", () => {
    const body = Buffer.from(JSON.stringify({ zen: "Keep it logically awesome." }));
    expect(
      verifyAndParseWebhook(provider, signed(provider, body, SECRET, "ping"), body, SECRET),
    ).toEqual({
      provider,
      ref: null,
      branch: null,
      after: null,
      ping: true,
    });
  });

  it("gives no branch for a tag push", () => {
    const body = Buffer.from(JSON.stringify({ ref: "refs/tags/v1.0.0", after: SHA }));
    const event = provider === "gitlab" ? "Tag Push Hook" : undefined;
    const parsed = verifyAndParseWebhook(
      provider,
      signed(provider, body, SECRET, event),
      body,
      SECRET,
    );
    expect(parsed).toMatchObject({ ref: "refs/tags/v1.0.0", branch: null, after: SHA });
  });

  it("gives no head for a deleted branch", () => {
    const body = Buffer.from(JSON.stringify({ ref: "refs/heads/old", after: "0".repeat(40) }));
    const parsed = verifyAndParseWebhook(provider, signed(provider, body), body, SECRET);
    expect(parsed).toMatchObject({ branch: "old", after: null });
  });

  it("refuses everything when the project has no secret", () => {
    expect(() => verifyAndParseWebhook(provider, signed(provider, PUSH, ""), PUSH, "")).toThrow(
      UnauthenticatedError,
    );
  });
});

describe("forge specifics", () => {
  it("reads header names in any case and the first of repeated headers", () => {
    const headers = {
      "X-Hub-Signature-256": [`sha256=${hex(SECRET, PUSH)}`, "junk"],
      "X-GitHub-Event": "push",
    };
    expect(verifyAndParseWebhook("github", headers, PUSH, SECRET).after).toBe(SHA);
  });

  it("accepts Forgejo's header names for Gitea", () => {
    const headers = { "x-forgejo-signature": hex(SECRET, PUSH), "x-forgejo-event": "push" };
    expect(verifyAndParseWebhook("gitea", headers, PUSH, SECRET).branch).toBe("main");
  });

  it("rejects a GitHub signature without its sha256= prefix", () => {
    const headers = { "x-hub-signature-256": hex(SECRET, PUSH), "x-github-event": "push" };
    expect(() => verifyAndParseWebhook("github", headers, PUSH, SECRET)).toThrow(
      UnauthenticatedError,
    );
  });

  it("says so when a forge sends an event that is not a push", () => {
    const headers = signed("github", PUSH, SECRET, "pull_request");
    expect(() => verifyAndParseWebhook("github", headers, PUSH, SECRET)).toThrow(
      /"pull_request" is not a push/,
    );
  });
});

describe("generic webhook bodies", () => {
  const parse = (body: string) => {
    const raw = Buffer.from(body);
    return verifyAndParseWebhook(
      "generic",
      { "x-weeknight-signature-256": signGeneric(SECRET, raw) },
      raw,
      SECRET,
    );
  };

  it("signGeneric matches an independent HMAC-SHA256", () => {
    expect(signGeneric(SECRET, "{}")).toBe(`sha256=${hex(SECRET, Buffer.from("{}"))}`);
  });

  it("treats {} and an empty body as 'something changed, go look'", () => {
    const none = { provider: "generic", ref: null, branch: null, after: null, ping: false };
    expect(parse("{}")).toEqual(none);
    expect(parse("")).toEqual(none);
  });

  it("accepts a branch instead of a ref", () => {
    expect(parse(JSON.stringify({ branch: "release/1", after: SHA }))).toMatchObject({
      ref: "refs/heads/release/1",
      branch: "release/1",
      after: SHA,
    });
  });

  it("rejects a ref and a branch that disagree, and non-string fields", () => {
    expect(() => parse(JSON.stringify({ ref: "refs/heads/a", branch: "b" }))).toThrow(
      InvalidInputError,
    );
    expect(() => parse(JSON.stringify({ after: 42 }))).toThrow(/"after" must be a string/);
    expect(() => parse("[]")).toThrow(/must be a JSON object/);
  });
});
