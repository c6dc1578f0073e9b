import { Client, type ClientChannel } from "ssh2";
import { createLineSplitter } from "../../process/line-splitter.js";
import type { SshAddress } from "./ssh-config.js";
import { checkHostKey, type KnownHosts, knownHostsName } from "./ssh-known-hosts.js";

/** One open SSH session to a host: commands and SFTP uploads share it. */
export interface SshConnection {
  /** Runs a command in the login shell; resolves with its exit code (null: no exit status). */
  exec(command: string, onLine: (line: string) => void): Promise<number | null>;
  upload(from: string, to: string): Promise<void>;
  close(): void;
}

export interface SshConnectOptions {
  address: SshAddress;
  user: string;
  key: string;
  /** null accepts any host key (the caller warns about that). */
  knownHosts: KnownHosts | null;
  timeoutMs: number;
  signal?: AbortSignal;
}

/** A host that could not be reached or would not let us in; the message names host and cause. */
export class SshConnectError extends Error {
  override readonly name = "SshConnectError";
  constructor(
    readonly host: string,
    readonly reason: string,
  ) {
    super(`cannot connect to ssh host ${host}: ${reason}`);
  }
}

type Ssh2Error = Error & { level?: string; code?: string };

const MAX_LINE_BYTES = 64 * 1024;

export function connectSsh(options: SshConnectOptions): Promise<SshConnection> {
  const { address, user, knownHosts, timeoutMs } = options;
  const client = new Client();
  let hostKeyProblem: string | null = null;
  return new Promise((resolve, reject) => {
    const fail = (cause: string): void => {
      client.end();
      reject(new SshConnectError(address.host, cause));
    };
    const onAbort = (): void => fail("cancelled");
    options.signal?.addEventListener("abort", onAbort, { once: true });
    client.once("ready", () => {
      options.signal?.removeEventListener("abort", onAbort);
      client.removeAllListeners("error");
      // A dropped connection surfaces through the channel that was open; nothing else to do.
      client.on("error", () => {});
      resolve(wrap(client));
    });
    client.once("error", (error: Ssh2Error) => {
      options.signal?.removeEventListener("abort", onAbort);
      fail(hostKeyProblem ?? describe(error, address, user, timeoutMs));
    });
    try {
      client.connect({
        host: address.hostname,
        port: address.port,
        username: user,
        privateKey: options.key,
        readyTimeout: timeoutMs,
        hostVerifier: (key: Buffer): boolean => {
          if (knownHosts === null) return true;
          const verdict = checkHostKey(
            knownHosts,
            knownHostsName(address.hostname, address.port),
            key,
          );
          if (verdict.ok) return true;
          hostKeyProblem = `host key refused: ${verdict.reason}`;
          return false;
        },
      });
    } catch (error) {
      // ssh2 throws synchronously for a key it cannot parse; its message never quotes the key.
      fail(`the private key could not be used: ${(error as Error).message}`);
    }
  });
}

function describe(error: Ssh2Error, address: SshAddress, user: string, timeoutMs: number): string {
  switch (error.code) {
    case "ECONNREFUSED":
      return `connection refused on port ${address.port} — is sshd running and listening there?`;
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return `host name "${address.hostname}" could not be resolved (${error.code})`;
    case "EHOSTUNREACH":
    case "ENETUNREACH":
      return `host unreachable (${error.code}) — check the address and the network`;
    case "ETIMEDOUT":
      return `timed out connecting to port ${address.port} — check the address and firewall`;
  }
  if (error.level === "client-timeout") {
    return `no SSH handshake within ${timeoutMs / 1000} s — check the address, port and firewall`;
  }
  if (error.level === "client-authentication") {
    return `the server refused the key for user "${user}" — add its public key to that user's ~/.ssh/authorized_keys`;
  }
  return `${error.message}${error.code ? ` (${error.code})` : ""}`;
}

function wrap(client: Client): SshConnection {
  return {
    exec(command, onLine) {
      return new Promise((resolve, reject) => {
        client.exec(command, (error, channel) => {
          if (error) {
            reject(error);
            return;
          }
          const flush = pipeLines(channel, onLine);
          channel.on("close", (code: number | null | undefined) => {
            flush();
            resolve(typeof code === "number" ? code : null);
          });
        });
      });
    },
    upload(from, to) {
      return new Promise((resolve, reject) => {
        client.sftp((error, sftp) => {
          if (error) {
            reject(error);
            return;
          }
          sftp.fastPut(from, to, (putError) => {
            sftp.end();
            if (putError) reject(putError);
            else resolve();
          });
        });
      });
    },
    close() {
      client.end();
    },
  };
}

/** Streams stdout and stderr as lines; the returned function delivers unterminated last lines. */
function pipeLines(channel: ClientChannel, onLine: (line: string) => void): () => void {
  const splitters = [channel, channel.stderr].map((stream) => {
    const splitter = createLineSplitter({ maxLineBytes: MAX_LINE_BYTES, onLine });
    stream.on("data", (chunk: Buffer) => splitter.push(chunk));
    return splitter;
  });
  return () => {
    for (const splitter of splitters) splitter.end();
  };
}
