import ssh2 from "ssh2";
import type { SshTargetConfig } from "../../config/config-schema.js";
import { hasLineFor, knownHostsName, parseKnownHosts } from "./ssh-known-hosts.js";

export interface SshAddress {
  /** As written in the config; logs and plans name hosts this way. */
  host: string;
  hostname: string;
  port: number;
}

/** Reads `host`, `host:port`, `[v6]:port` or a bare IPv6 address; throws a user-facing sentence. */
export function parseHost(host: string): SshAddress {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(host);
  const plain = /^([^:\s@/]+)(?::(\d+))?$/.exec(host);
  const match = bracketed ?? plain;
  if (!match) {
    if (/^[0-9a-f:]+$/i.test(host) && host.includes("::"))
      return { host, hostname: host, port: 22 };
    const hint = host.includes("@") ? " — put the user in `user`, not in the host" : "";
    throw new Error(`invalid host "${host}": expected "host" or "host:port"${hint}`);
  }
  const port = match[2] === undefined ? 22 : Number(match[2]);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`invalid host "${host}": port ${match[2]} is not between 1 and 65535`);
  }
  return { host, hostname: match[1] ?? host, port };
}

/** Problems with an ssh target's configuration, each naming its field; never quotes the key. */
export function validateSshConfig(config: SshTargetConfig): string[] {
  const problems: string[] = [];
  const addresses: SshAddress[] = [];
  for (const host of config.hosts) {
    try {
      addresses.push(parseHost(host));
    } catch (error) {
      problems.push(`target.hosts: ${(error as Error).message}`);
    }
  }
  const seen = new Set<string>();
  for (const host of config.hosts) {
    if (seen.has(host)) problems.push(`target.hosts: "${host}" is listed twice`);
    seen.add(host);
  }
  if (!config.path.startsWith("/") || config.path.replace(/\/+$/, "") === "") {
    problems.push(
      `target.path: "${config.path}" must be an absolute directory other than "/", e.g. /srv/app`,
    );
  }
  problems.push(...keyProblems(config.key));
  if (config.known_hosts !== undefined) {
    const known = parseKnownHosts(config.known_hosts);
    problems.push(...known.problems.map((p) => `target.known_hosts: ${p}`));
    for (const address of addresses) {
      const name = knownHostsName(address.hostname, address.port);
      if (!hasLineFor(known, name)) {
        problems.push(
          `target.known_hosts: no line for "${name}" — add the output of \`ssh-keyscan -p ${address.port} ${address.hostname}\``,
        );
      }
    }
  }
  return problems;
}

function keyProblems(key: string): string[] {
  if (/^\$\{[A-Za-z0-9_]+\}$/.test(key.trim())) {
    return ["target.key: the secret reference was not replaced — create the secret first"];
  }
  const parsed = ssh2.utils.parseKey(key);
  const first = Array.isArray(parsed) ? parsed[0] : parsed;
  if (first === undefined || first instanceof Error) {
    const why = first instanceof Error ? `: ${first.message}` : "";
    return [
      `target.key: the private key could not be read${why} — give an unencrypted OpenSSH or PEM private key`,
    ];
  }
  if (!first.isPrivateKey()) {
    return [
      "target.key: this is a public key — give the private key (its public half goes in authorized_keys)",
    ];
  }
  return [];
}
