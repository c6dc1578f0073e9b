import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { connect, createServer } from "node:net";
import { userInfo } from "node:os";
import { join } from "node:path";
import { execFileText } from "../../../process/exec-file.js";

const SSHD = "/usr/sbin/sshd";

/** A real OpenSSH server on a loopback port, for the ssh target's integration tests. */
export interface TestSshd {
  port: number;
  host: string;
  user: string;
  /** The client's private key, authorised to log in as `user`. */
  clientKey: string;
  /** A known_hosts line holding this server's real host key. */
  knownHostsLine: string;
  /** What sshd printed, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

/** A loopback port nothing listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === "string") throw new Error("no port was assigned");
  return address.port;
}

export async function keyPair(dir: string, name: string): Promise<{ key: string; pub: string }> {
  const file = join(dir, name);
  await execFileText("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", name, "-f", file]);
  return { key: readFileSync(file, "utf8"), pub: readFileSync(`${file}.pub`, "utf8").trim() };
}

/** Starts `sshd -D -e` in the foreground as our child; `dir` holds its keys and config. */
export async function startTestSshd(dir: string): Promise<TestSshd> {
  if (!existsSync(SSHD)) {
    throw new Error(
      `${SSHD} not found: the ssh target's tests need a real sshd — install Debian's openssh-server (apt-get install -y openssh-server)`,
    );
  }
  const hostKey = await keyPair(dir, "host_key");
  const client = await keyPair(dir, "client_key");
  writeFileSync(join(dir, "authorized_keys"), `${client.pub}\n`, { mode: 0o600 });
  // sshd refuses to start without its privilege separation directory, which only the
  // Debian service creates; it must exist, root-owned, even for a foreground sshd.
  if (process.getuid?.() === 0) mkdirSync("/run/sshd", { recursive: true, mode: 0o755 });
  const port = await freePort();
  const config = join(dir, "sshd_config");
  writeFileSync(
    config,
    [
      `Port ${port}`,
      "ListenAddress 127.0.0.1",
      `HostKey ${join(dir, "host_key")}`,
      `AuthorizedKeysFile ${join(dir, "authorized_keys")}`,
      "PidFile none",
      "UsePAM no",
      "StrictModes no",
      "PermitRootLogin yes",
      "PasswordAuthentication no",
      "KbdInteractiveAuthentication no",
      "Subsystem sftp internal-sftp",
      "",
    ].join("\n"),
  );
  const child = spawn(SSHD, ["-D", "-e", "-f", config], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  await waitForPort(port, child, () => output);
  const [type, blob] = hostKey.pub.split(" ");
  return {
    port,
    host: `127.0.0.1:${port}`,
    user: userInfo().username,
    clientKey: client.key,
    knownHostsLine: `[127.0.0.1]:${port} ${type} ${blob}`,
    output: () => output,
    stop: () => stop(child),
  };
}

async function waitForPort(port: number, child: ChildProcess, output: () => string) {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`sshd exited with ${child.exitCode} before listening:\n${output()}`);
    }
    if (await canConnect(port)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  child.kill("SIGKILL");
  throw new Error(`sshd did not listen on 127.0.0.1:${port} within 10 s:\n${output()}`);
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}
