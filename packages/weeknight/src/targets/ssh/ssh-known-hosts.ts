import { createHash, createHmac, timingSafeEqual } from "node:crypto";

/**
 * OpenSSH `known_hosts` lines, checked the way `ssh` checks them: plain, wildcard, negated and
 * hashed (`|1|salt|hash`) host patterns, `[host]:port` for other ports, `@revoked` keys.
 */

export interface KnownHostLine {
  lineNumber: number;
  marker: "revoked" | "cert-authority" | null;
  patterns: string[];
  keyType: string;
  key: Buffer;
}

export interface KnownHosts {
  lines: KnownHostLine[];
  /** One sentence per line that could not be read, naming its line number. */
  problems: string[];
}

export function parseKnownHosts(text: string): KnownHosts {
  const lines: KnownHostLine[] = [];
  const problems: string[] = [];
  for (const [index, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;
    const fields = line.split(/\s+/);
    let marker: KnownHostLine["marker"] = null;
    if (fields[0]?.startsWith("@")) {
      const name = fields.shift()?.slice(1);
      if (name !== "revoked" && name !== "cert-authority") {
        problems.push(`known_hosts line ${index + 1}: unknown marker "@${name}"`);
        continue;
      }
      marker = name;
    }
    const [hosts, keyType, keyText] = fields;
    const key = keyText ? Buffer.from(keyText, "base64") : Buffer.alloc(0);
    if (!hosts || !keyType || key.length === 0) {
      problems.push(
        `known_hosts line ${index + 1}: expected "<hosts> <key type> <base64 key>", e.g. the output of \`ssh-keyscan <host>\``,
      );
      continue;
    }
    lines.push({ lineNumber: index + 1, marker, patterns: hosts.split(","), keyType, key });
  }
  return { lines, problems };
}

/** The name `known_hosts` files use for a host: `host`, or `[host]:port` off port 22. */
export function knownHostsName(hostname: string, port: number): string {
  return port === 22 ? hostname : `[${hostname}]:${port}`;
}

/** `SHA256:…` as `ssh-keygen -l` prints it, so users can compare with what they see. */
export function fingerprint(key: Buffer): string {
  return `SHA256:${createHash("sha256").update(key).digest("base64").replace(/=+$/, "")}`;
}

/** Whether some (unrevoked) line names this host, whatever its key. */
export function hasLineFor(known: KnownHosts, name: string): boolean {
  return known.lines.some((line) => line.marker === null && matchesHost(line.patterns, name));
}

export type HostKeyVerdict = { ok: true } | { ok: false; reason: string };

export function checkHostKey(known: KnownHosts, name: string, key: Buffer): HostKeyVerdict {
  const matching = known.lines.filter((line) => matchesHost(line.patterns, name));
  const shown = `${keyTypeOf(key)} key ${fingerprint(key)}`;
  if (matching.some((line) => line.marker === "revoked" && line.key.equals(key))) {
    return { ok: false, reason: `its ${shown} is marked @revoked in known_hosts` };
  }
  const plain = matching.filter((line) => line.marker === null);
  if (plain.length === 0) {
    return {
      ok: false,
      reason: `known_hosts has no line for "${name}" — add the output of \`ssh-keyscan${portFlag(name)}\``,
    };
  }
  if (plain.some((line) => line.key.equals(key))) return { ok: true };
  return {
    ok: false,
    reason: `its ${shown} does not match known_hosts (line ${plain.map((l) => l.lineNumber).join(", ")}) — if the host key changed on purpose, update known_hosts`,
  };
}

function portFlag(name: string): string {
  const bracketed = /^\[(.*)\]:(\d+)$/.exec(name);
  return bracketed ? ` -p ${bracketed[2]} ${bracketed[1]}` : ` ${name}`;
}

function matchesHost(patterns: string[], name: string): boolean {
  let matched = false;
  for (const pattern of patterns) {
    if (pattern.startsWith("!")) {
      if (matchesPattern(pattern.slice(1), name)) return false;
    } else if (matchesPattern(pattern, name)) {
      matched = true;
    }
  }
  return matched;
}

function matchesPattern(pattern: string, name: string): boolean {
  if (pattern.startsWith("|1|")) return matchesHashed(pattern, name);
  const regex = pattern
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/\?/g, ".");
  return new RegExp(`^${regex}$`, "i").test(name);
}

function matchesHashed(pattern: string, name: string): boolean {
  const [, , salt, hash] = pattern.split("|");
  if (!salt || !hash) return false;
  const expected = Buffer.from(hash, "base64");
  const actual = createHmac("sha1", Buffer.from(salt, "base64")).update(name).digest();
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** The key type is the first SSH string inside the key blob. */
function keyTypeOf(key: Buffer): string {
  if (key.length < 4) return "unknown";
  const length = key.readUInt32BE(0);
  return key.subarray(4, 4 + length).toString("latin1") || "unknown";
}
