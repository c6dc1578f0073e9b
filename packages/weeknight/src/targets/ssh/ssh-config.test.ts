import ssh2 from "ssh2";
import { describe, expect, it } from "vitest";
import type { SshTargetConfig } from "../../config/config-schema.js";
import { parseHost, validateSshConfig } from "./ssh-config.js";

const keys = ssh2.utils.generateKeyPairSync("ed25519");

function config(overrides: Partial<SshTargetConfig> = {}): SshTargetConfig {
  return {
    type: "ssh",
    hosts: ["web1", "10.0.0.2:2222"],
    user: "deploy",
    key: keys.private,
    path: "/srv/app",
    restart: "sudo systemctl restart app",
    batch: 1,
    keep: 5,
    ...overrides,
  };
}

describe("parseHost", () => {
  it("reads host, host:port and bracketed or bare IPv6", () => {
    expect(parseHost("web1")).toEqual({ host: "web1", hostname: "web1", port: 22 });
    expect(parseHost("web1:2222")).toEqual({ host: "web1:2222", hostname: "web1", port: 2222 });
    expect(parseHost("[::1]:2200")).toEqual({ host: "[::1]:2200", hostname: "::1", port: 2200 });
    expect(parseHost("fe80::1")).toEqual({ host: "fe80::1", hostname: "fe80::1", port: 22 });
  });

  it("explains what is wrong", () => {
    expect(() => parseHost("deploy@web1")).toThrow(
      'invalid host "deploy@web1": expected "host" or "host:port" — put the user in `user`, not in the host',
    );
    expect(() => parseHost("web1:70000")).toThrow("port 70000 is not between 1 and 65535");
  });
});

describe("validateSshConfig", () => {
  it("accepts a sound configuration", () => {
    expect(validateSshConfig(config())).toEqual([]);
  });

  it("names each problem's field and never quotes the key", () => {
    const problems = validateSshConfig(
      config({ hosts: ["web1", "web1", "a b"], path: "srv/app", key: "-----BEGIN secret-stuff" }),
    );
    expect(problems).toEqual([
      'target.hosts: invalid host "a b": expected "host" or "host:port"',
      'target.hosts: "web1" is listed twice',
      'target.path: "srv/app" must be an absolute directory other than "/", e.g. /srv/app',
      expect.stringMatching(
        /^target\.key: the private key could not be read.*unencrypted OpenSSH or PEM private key$/,
      ),
    ]);
    expect(problems.join("\n")).not.toContain("secret-stuff");
  });

  it("refuses a public key and an unreplaced secret reference", () => {
    expect(validateSshConfig(config({ key: keys.public }))).toEqual([
      "target.key: this is a public key — give the private key (its public half goes in authorized_keys)",
    ]);
    expect(validateSshConfig(config({ key: "${SSH_KEY}" }))).toEqual([
      "target.key: the secret reference was not replaced — create the secret first",
    ]);
  });

  it("wants a known_hosts line for every host when known_hosts is given", () => {
    const problems = validateSshConfig(config({ known_hosts: `web1 ${keys.public}` }));
    expect(problems).toEqual([
      'target.known_hosts: no line for "[10.0.0.2]:2222" — add the output of `ssh-keyscan -p 2222 10.0.0.2`',
    ]);
  });
});
