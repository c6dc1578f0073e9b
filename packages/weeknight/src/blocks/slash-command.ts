import { createHmac, timingSafeEqual } from "node:crypto";
import { parseDuration } from "../config/config-primitives.js";
import { InvalidInputError } from "../errors/domain-errors.js";

/** How far a request's timestamp may be from now, either way: Slack's own recommendation. */
export const SLASH_MAX_SKEW_MS = 5 * 60_000;

export type SlackSignatureFailure =
  | "missing-timestamp"
  | "missing-signature"
  | "bad-timestamp"
  | "stale"
  | "future"
  | "mismatch";

export type SlackSignatureCheck =
  | { ok: true }
  | { ok: false; reason: SlackSignatureFailure; message: string };

/** The `X-Slack-Signature` value Slack sends for `body` at `timestamp` (seconds). */
export function signSlackRequest(secret: string, timestamp: string, body: string | Buffer): string {
  const hmac = createHmac("sha256", secret).update(`v0:${timestamp}:`).update(body);
  return `v0=${hmac.digest("hex")}`;
}

/**
 * Checks a request the way Slack documents it: `v0=` + hex HMAC-SHA256 of `v0:<ts>:<body>`,
 * with a timestamp no more than five minutes off, so a captured request cannot be replayed.
 */
export function verifySlackSignature(input: {
  secret: string;
  timestamp: string | undefined;
  signature: string | undefined;
  body: Buffer;
  now: number;
}): SlackSignatureCheck {
  const { timestamp, signature } = input;
  if (!timestamp) return fail("missing-timestamp", "no X-Slack-Request-Timestamp header");
  if (!signature) return fail("missing-signature", "no X-Slack-Signature header");
  if (!/^\d{1,12}$/.test(timestamp)) {
    return fail("bad-timestamp", `X-Slack-Request-Timestamp "${timestamp}" is not Unix seconds`);
  }
  const skew = input.now - Number(timestamp) * 1000;
  if (skew > SLASH_MAX_SKEW_MS) {
    return fail(
      "stale",
      `the request is ${Math.round(skew / 1000)}s old (at most 300s): a replay, or the server's clock is wrong`,
    );
  }
  if (-skew > SLASH_MAX_SKEW_MS) {
    return fail(
      "future",
      `the request is dated ${Math.round(-skew / 1000)}s in the future (at most 300s): check the server's clock`,
    );
  }
  const expected = Buffer.from(signSlackRequest(input.secret, timestamp, input.body));
  const given = Buffer.from(signature.trim().toLowerCase());
  // timingSafeEqual needs equal lengths; a wrong length is a mismatch all the same.
  const same =
    given.length === expected.length &&
    timingSafeEqual(given, expected) &&
    /^v0=[0-9a-f]{64}$/.test(signature.trim().toLowerCase());
  if (!same) {
    return fail(
      "mismatch",
      "X-Slack-Signature does not match the body: check that WEEKNIGHT_SLASH_SIGNING_SECRET equals the Slack app's Signing Secret",
    );
  }
  return { ok: true };
}

function fail(reason: SlackSignatureFailure, message: string): SlackSignatureCheck {
  return { ok: false, reason, message: `slash command refused: ${message}` };
}

export type SlashAction =
  | {
      action: "block";
      project: string;
      environment: string | null;
      reason: string;
      for: string | null;
    }
  | { action: "unblock"; project: string; environment: string | null }
  | { action: "status"; project: string | null }
  | { action: "help" };

export const SLASH_USAGE = [
  "block <project>/<env> <reason…> [--for 2h]  stop deploys (no /<env>: every environment)",
  "unblock <project>/<env>                      lift the block you placed",
  "status [<project>]                           blocks in force",
];

// Project and environment names as Weeknight allows them; typed case is forgiven.
const TARGET = /^([a-z0-9][a-z0-9-]{0,62})(?:\/([a-z][a-z0-9-]{0,31}))?$/;

/** Reads the text after the slash command; bad input throws an InvalidInputError saying why. */
export function parseSlashText(text: string): SlashAction {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const duration = takeFor(words);
  const [verb, ...rest] = words;
  const action = verb?.toLowerCase();
  if (action === undefined || action === "help") {
    if (duration !== null) throw usage("--for only goes with block");
    return { action: "help" };
  }
  if (action !== "block" && duration !== null) throw usage("--for only goes with block");
  switch (action) {
    case "block": {
      const [target, ...reason] = rest;
      if (target === undefined) throw usage("block what? name a project or project/environment");
      if (reason.length === 0) {
        throw usage(
          `say why deploys to ${target} should stop, e.g. \`block ${target} support sees errors\``,
        );
      }
      return { action: "block", ...parseTarget(target), reason: reason.join(" "), for: duration };
    }
    case "unblock": {
      const [target, ...extra] = rest;
      if (target === undefined) throw usage("unblock what? name a project or project/environment");
      if (extra.length > 0) throw usage(`unblock takes one target, e.g. \`unblock ${target}\``);
      return { action: "unblock", ...parseTarget(target) };
    }
    case "status": {
      const [project, ...extra] = rest;
      if (extra.length > 0 || project?.includes("/"))
        throw usage("status takes at most a project name, e.g. `status shop`");
      if (project !== undefined) parseTarget(project);
      return { action: "status", project: project ?? null };
    }
    default:
      throw usage(`"${verb}" is not a command`);
  }
}

/** Removes `--for 2h` (or `--for=2h`) from anywhere in `words`; returns the duration. */
function takeFor(words: string[]): string | null {
  const at = words.findIndex((w) => w === "--for" || w.startsWith("--for="));
  if (at === -1) return null;
  const word = words[at] as string;
  const inline = word.startsWith("--for=") ? word.slice("--for=".length) : undefined;
  const value = inline ?? words[at + 1];
  if (!value) throw usage("--for needs a duration, e.g. --for 2h");
  words.splice(at, inline === undefined ? 2 : 1);
  if (words.some((w) => w === "--for" || w.startsWith("--for="))) throw usage("give --for once");
  parseDuration(value);
  return value;
}

function parseTarget(target: string): { project: string; environment: string | null } {
  const match = TARGET.exec(target.toLowerCase());
  if (!match) {
    throw usage(
      `"${target}" is not a target: write <project> or <project>/<environment>, e.g. shop/production`,
    );
  }
  return { project: match[1] as string, environment: match[2] ?? null };
}

function usage(problem: string): InvalidInputError {
  return new InvalidInputError(
    `${problem}.\nUsage:\n${SLASH_USAGE.map((u) => `  ${u}`).join("\n")}`,
  );
}
