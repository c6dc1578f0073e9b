import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { InvalidInputError, UnauthenticatedError } from "../errors/domain-errors.js";

export type WebhookProvider = "github" | "gitlab" | "gitea" | "generic";

export const WEBHOOK_PROVIDERS: readonly WebhookProvider[] = [
  "github",
  "gitlab",
  "gitea",
  "generic",
];

export interface PushEvent {
  provider: WebhookProvider;
  /** e.g. refs/heads/main; null when the hook did not say (then: "go look"). */
  ref: string | null;
  /** The branch of a refs/heads/ ref; null for tags and unknown refs. */
  branch: string | null;
  /** The pushed head sha; null when not given or when the branch was deleted. */
  after: string | null;
  ping: boolean;
}

export type WebhookHeaders = Record<string, string | string[] | undefined>;

export const GENERIC_SIGNATURE_HEADER = "X-Weeknight-Signature-256";

/** The X-Weeknight-Signature-256 value for a body: `sha256=<hex HMAC-SHA256>`. */
export function signGeneric(secret: string, body: string | Buffer): string {
  return `sha256=${hmacHex(secret, body)}`;
}

/**
 * Checks that an inbound webhook was sent by someone who knows the project's secret,
 * then reads which ref moved. Verification comes first: nothing of an unverified body is read.
 */
export function verifyAndParseWebhook(
  provider: WebhookProvider,
  headers: WebhookHeaders,
  rawBody: Buffer,
  secret: string,
): PushEvent {
  if (secret === "") {
    throw new UnauthenticatedError(
      `The project has no webhook secret, so no ${provider} webhook can be verified; ` +
        "give the project a webhook secret first (see docs/webhooks.md).",
    );
  }
  const get = headerReader(headers);
  switch (provider) {
    case "github":
      verifyHmac(
        get("x-hub-signature-256"),
        "sha256=",
        "X-Hub-Signature-256",
        "GitHub",
        rawBody,
        secret,
      );
      return parseForgePush(provider, get("x-github-event"), rawBody);
    case "gitlab":
      verifyToken(get("x-gitlab-token"), secret);
      return parseForgePush(provider, get("x-gitlab-event"), rawBody);
    case "gitea": {
      // Forgejo sends the same signature under both names.
      const signature = get("x-gitea-signature") ?? get("x-forgejo-signature");
      verifyHmac(signature, "", "X-Gitea-Signature", "Gitea", rawBody, secret);
      return parseForgePush(provider, get("x-gitea-event") ?? get("x-forgejo-event"), rawBody);
    }
    case "generic":
      verifyHmac(
        get("x-weeknight-signature-256"),
        "sha256=",
        GENERIC_SIGNATURE_HEADER,
        "The sender",
        rawBody,
        secret,
      );
      return parseGeneric(get("x-weeknight-event"), rawBody);
  }
}

function headerReader(headers: WebhookHeaders): (name: string) => string | undefined {
  const lower = new Map<string, string>();
  for (const [key, value] of Object.entries(headers)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) lower.set(key.toLowerCase(), first);
  }
  return (name) => lower.get(name);
}

function verifyHmac(
  header: string | undefined,
  prefix: string,
  headerName: string,
  who: string,
  rawBody: Buffer,
  secret: string,
): void {
  if (header === undefined) {
    throw new UnauthenticatedError(
      `Webhook rejected: no ${headerName} header. ${who} must sign the body with the project's ` +
        "webhook secret (in a forge's webhook settings, fill in the Secret field).",
    );
  }
  const hex = header.trim().toLowerCase();
  const valid = hex.startsWith(prefix) && /^[0-9a-f]{64}$/.test(hex.slice(prefix.length));
  const expected = Buffer.from(hmacHex(secret, rawBody), "hex");
  const given = valid
    ? Buffer.from(hex.slice(prefix.length), "hex")
    : Buffer.alloc(expected.length);
  // Compare even a malformed value, so timing does not reveal which check failed.
  if (!timingSafeEqual(expected, given) || !valid) {
    throw new UnauthenticatedError(
      `Webhook rejected: the ${headerName} signature does not match the body. ` +
        "Check that the webhook's secret equals the project's (`weeknight project webhook-secret <name>`) " +
        "and that nothing between the sender and Weeknight rewrites the body.",
    );
  }
}

function verifyToken(header: string | undefined, secret: string): void {
  if (header === undefined) {
    throw new UnauthenticatedError(
      "Webhook rejected: no X-Gitlab-Token header. In GitLab's webhook settings, set Secret token " +
        "to the project's webhook secret.",
    );
  }
  // Hashing first gives equal-length buffers, as timingSafeEqual requires, without leaking the length.
  const digest = (text: string) => createHash("sha256").update(text).digest();
  if (!timingSafeEqual(digest(header), digest(secret))) {
    throw new UnauthenticatedError(
      "Webhook rejected: X-Gitlab-Token does not equal the project's webhook secret. " +
        "Copy it again from `weeknight project webhook-secret <name>` into GitLab's Secret token.",
    );
  }
}

function hmacHex(secret: string, body: string | Buffer): string {
  return createHmac("sha256", secret).update(body).digest("hex");
}

const PUSH_EVENTS: Record<Exclude<WebhookProvider, "generic">, readonly string[]> = {
  github: ["push"],
  gitlab: ["push hook", "tag push hook"],
  gitea: ["push"],
};

function parseForgePush(
  provider: Exclude<WebhookProvider, "generic">,
  event: string | undefined,
  rawBody: Buffer,
): PushEvent {
  const body = parseJsonObject(provider, rawBody);
  const name = event?.trim().toLowerCase();
  if (name === "ping") return { provider, ref: null, branch: null, after: null, ping: true };
  if (name !== undefined && !PUSH_EVENTS[provider].includes(name)) {
    throw new InvalidInputError(
      `Webhook event "${event}" is not a push; Weeknight only needs push events. ` +
        "Edit the webhook to send push events only.",
    );
  }
  return pushEvent(provider, stringField(body, "ref"), stringField(body, "after"));
}

function parseGeneric(event: string | undefined, rawBody: Buffer): PushEvent {
  if (event?.trim().toLowerCase() === "ping") {
    return { provider: "generic", ref: null, branch: null, after: null, ping: true };
  }
  // An empty body means the same as {}: "something changed, go look".
  const body = rawBody.length === 0 ? {} : parseJsonObject("generic", rawBody);
  let ref = stringField(body, "ref");
  const branch = stringField(body, "branch");
  if (branch !== null) {
    if (ref !== null && ref !== `refs/heads/${branch}`) {
      throw new InvalidInputError(
        `Generic webhook body names two different refs: ref "${ref}" and branch "${branch}"; send one of them.`,
      );
    }
    ref = `refs/heads/${branch}`;
  }
  return pushEvent("generic", ref, stringField(body, "after"));
}

function pushEvent(provider: WebhookProvider, ref: string | null, after: string | null): PushEvent {
  const branch = ref?.startsWith("refs/heads/") ? ref.slice("refs/heads/".length) : null;
  // Forges send an all-zero sha when a ref was deleted: there is no head to build.
  const head = after === null || /^0+$/.test(after) ? null : after;
  return { provider, ref, branch, after: head, ping: false };
}

function parseJsonObject(provider: WebhookProvider, rawBody: Buffer): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(rawBody.toString("utf8"));
  } catch (error) {
    throw new InvalidInputError(
      `The ${provider} webhook body is not JSON (${(error as Error).message}); ` +
        "set the webhook's content type to application/json.",
    );
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new InvalidInputError(`The ${provider} webhook body must be a JSON object.`);
  }
  return value as Record<string, unknown>;
}

function stringField(body: Record<string, unknown>, key: string): string | null {
  const value = body[key];
  if (value === undefined || value === null) return null;
  if (typeof value !== "string") {
    throw new InvalidInputError(
      `Webhook body field "${key}" must be a string, got ${typeof value}.`,
    );
  }
  return value;
}
