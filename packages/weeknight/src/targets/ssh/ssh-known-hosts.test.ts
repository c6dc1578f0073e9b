import { createHmac } from "node:crypto";
import ssh2 from "ssh2";
import { describe, expect, it } from "vitest";
import { checkHostKey, fingerprint, knownHostsName, parseKnownHosts } from "./ssh-known-hosts.js";

function hostKey(): { line: string; blob: Buffer } {
  const line = ssh2.utils.generateKeyPairSync("ed25519").public;
  return { line, blob: Buffer.from(line.split(" ")[1] ?? "", "base64") };
}

function hashed(name: string): string {
  const salt = Buffer.from("0123456789abcdefghij");
  const hash = createHmac("sha1", salt).update(name).digest("base64");
  return `|1|${salt.toString("base64")}|${hash}`;
}

describe("known_hosts", () => {
  const ours = hostKey();
  const other = hostKey();

  it("names hosts off port 22 as [host]:port", () => {
    expect(knownHostsName("web1", 22)).toBe("web1");
    expect(knownHostsName("127.0.0.1", 2222)).toBe("[127.0.0.1]:2222");
  });

  it("accepts the key listed for the host and refuses another, saying which it saw", () => {
    const known = parseKnownHosts(`# comment\n\nweb1,web2 ${ours.line}\n`);
    expect(known.problems).toEqual([]);
    expect(checkHostKey(known, "web2", ours.blob)).toEqual({ ok: true });
    const refused = checkHostKey(known, "web1", other.blob);
    expect(refused.ok).toBe(false);
    expect(refused.ok ? "" : refused.reason).toBe(
      `its ssh-ed25519 key ${fingerprint(other.blob)} does not match known_hosts (line 3) — if the host key changed on purpose, update known_hosts`,
    );
  });

  it("refuses a host it has no line for, suggesting ssh-keyscan", () => {
    const known = parseKnownHosts(`web1 ${ours.line}`);
    expect(checkHostKey(known, "[web1]:2222", ours.blob)).toEqual({
      ok: false,
      reason:
        'known_hosts has no line for "[web1]:2222" — add the output of `ssh-keyscan -p 2222 web1`',
    });
  });

  it("matches wildcards, negations and hashed names", () => {
    const known = parseKnownHosts(
      `*.example.com,!bad.example.com ${ours.line}\n${hashed("[10.0.0.5]:2200")} ${ours.line}`,
    );
    expect(checkHostKey(known, "app.example.com", ours.blob).ok).toBe(true);
    expect(checkHostKey(known, "bad.example.com", ours.blob).ok).toBe(false);
    expect(checkHostKey(known, "[10.0.0.5]:2200", ours.blob).ok).toBe(true);
    expect(checkHostKey(known, "[10.0.0.6]:2200", ours.blob).ok).toBe(false);
  });

  it("refuses a key marked @revoked even when another line lists it", () => {
    const known = parseKnownHosts(`web1 ${ours.line}\n@revoked * ${ours.line}`);
    expect(checkHostKey(known, "web1", ours.blob).ok).toBe(false);
  });

  it("reports unreadable lines by number", () => {
    expect(parseKnownHosts("web1\n@weird web1 ssh-ed25519 AAAA").problems).toEqual([
      'known_hosts line 1: expected "<hosts> <key type> <base64 key>", e.g. the output of `ssh-keyscan <host>`',
      'known_hosts line 2: unknown marker "@weird"',
    ]);
  });
});
