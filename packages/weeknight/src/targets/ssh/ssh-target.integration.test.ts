import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SshTargetConfig } from "../../config/config-schema.js";
import type { ApplyContext, DeploymentStep, ReleaseSpec } from "../target.js";
import { createSshTarget } from "./ssh-target.js";
import { packTestApp, writeRestartScript } from "./test-support/test-app.js";
import { freePort, keyPair, startTestSshd, type TestSshd } from "./test-support/test-sshd.js";

/** Deploys for real: a real sshd on loopback, real SFTP, real symlinks and a real app process. */

let tmp: string;
let sshd: TestSshd;
let base: string;
let appPort: number;
let config: SshTargetConfig;
const releases: Record<string, ReleaseSpec> = {};

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), "weeknight-ssh-"));
  mkdirSync(join(tmp, "sshd"));
  sshd = await startTestSshd(join(tmp, "sshd"));
  base = join(tmp, "srv", "app");
  appPort = await freePort();
  releases.v1 = await packTestApp(tmp, "v1");
  releases.v2 = await packTestApp(tmp, "v2");
  releases.broken = await packTestApp(tmp, "v3-broken", {
    unhealthy: true,
    healthTimeoutMs: 2_000,
  });
  releases.unsetup = await packTestApp(tmp, "v4-unsetup", { setupFails: true });
  config = {
    type: "ssh",
    hosts: [sshd.host],
    user: sshd.user,
    key: sshd.clientKey,
    known_hosts: sshd.knownHostsLine,
    path: base,
    setup: "sh setup.sh",
    restart: writeRestartScript(tmp, base, appPort),
    port: appPort,
    batch: 1,
    keep: 2,
  };
});

afterAll(async () => {
  const pidFile = join(base ?? "/nonexistent", "app.pid");
  if (existsSync(pidFile)) {
    try {
      process.kill(Number(readFileSync(pidFile, "utf8")), "SIGTERM");
    } catch {
      // Already gone.
    }
  }
  await sshd?.stop();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

function recorder() {
  const steps: DeploymentStep[] = [];
  const logs: string[] = [];
  const context: ApplyContext = {
    step: async (step) => {
      steps.push(step);
    },
    log: (line) => logs.push(line),
    signal: new AbortController().signal,
  };
  return { steps, logs, context };
}

function release(name: string): ReleaseSpec {
  const spec = releases[name];
  if (!spec) throw new Error(`no test release ${name}`);
  return spec;
}

const current = (): string => readlinkSync(join(base, "current"));
const restarts = (): string[] =>
  readFileSync(join(base, "restarts.log"), "utf8").trim().split("\n");
const serving = async (): Promise<string> => (await fetch(`http://127.0.0.1:${appPort}/`)).text();

describe("ssh target against a real sshd", () => {
  it("deploys a first release: upload, setup, switch, restart, health", async () => {
    const target = createSshTarget({ config, healthIntervalMs: 100 });
    expect(target.validate()).toEqual([]);
    const { steps, logs, context } = recorder();
    const result = await target.apply(target.plan(release("v1"), null), context);
    expect(result).toEqual({ status: "succeeded" });
    expect(steps).toEqual(["starting", "health-check"]);
    expect(current()).toBe("releases/v1");
    expect(readFileSync(join(base, "releases/v1/installed.txt"), "utf8")).toBe("installed\n");
    expect(existsSync(join(base, "releases/v1.tar.gz"))).toBe(false);
    expect(restarts()).toEqual(["v1"]);
    expect(await serving()).toBe("v1");
    expect(logs).toContain(`[${sshd.host}] $ mkdir -p ${base}/releases/v1`);
    expect(logs).toContain(`[${sshd.host}] ${base}/releases/v1.tar.gz: OK`);
    const keyBody = sshd.clientKey.split("\n")[1] ?? "missing";
    expect(logs.some((line) => line.includes(keyBody) || line.includes("PRIVATE KEY"))).toBe(false);
  });

  it("leaves current alone when setup fails, and removes the unused release", async () => {
    const target = createSshTarget({ config, healthIntervalMs: 100 });
    const { steps, context } = recorder();
    const result = await target.apply(target.plan(release("unsetup"), release("v1")), context);
    expect(result).toEqual({
      status: "failed",
      reason: `${sshd.host}: setup \`sh setup.sh\` failed in ${base}/releases/v4-unsetup; nothing was switched (exit 3): cannot install dependencies`,
    });
    expect(steps).toEqual(["starting"]);
    expect(current()).toBe("releases/v1");
    expect(existsSync(join(base, "releases/v4-unsetup"))).toBe(false);
    expect(restarts()).toEqual(["v1"]);
  });

  it("refuses a corrupt artifact (sha256 mismatch) before switching anything", async () => {
    const target = createSshTarget({ config, healthIntervalMs: 100 });
    const corrupt = {
      ...release("v2"),
      artifact: { ...release("v2").artifact, sha256: "0".repeat(64) },
    };
    const { context } = recorder();
    const result = await target.apply(target.plan(corrupt, release("v1")), context);
    expect(result.status).toBe("failed");
    expect(result.status === "failed" && result.reason).toContain(
      `${sshd.host}: the uploaded artifact does not match its sha256 ${"0".repeat(64)} — it is corrupt; nothing was switched (exit 1)`,
    );
    expect(current()).toBe("releases/v1");
    expect(readdirSync(join(base, "releases"))).toEqual(["v1"]);
  });

  it("rolls back to the previous release when the new one fails its health check", async () => {
    const target = createSshTarget({ config, healthIntervalMs: 100 });
    const { steps, context } = recorder();
    const result = await target.apply(target.plan(release("broken"), release("v1")), context);
    expect(result).toEqual({
      status: "rolled-back",
      reason: `${sshd.host}: release v3-broken did not answer http://127.0.0.1:${appPort}/health with 2xx within 2 s (exit 22): curl: (22) The requested URL returned error: 500`,
    });
    expect(steps).toEqual(["starting", "health-check", "rolling-back"]);
    expect(current()).toBe("releases/v1");
    expect(restarts()).toEqual(["v1", "v3-broken", "v1"]);
    expect(await serving()).toBe("v1");
  });

  it("deploys the next release, keeps the previous warm and prunes beyond `keep`", async () => {
    const target = createSshTarget({ config, healthIntervalMs: 100 });
    const { context } = recorder();
    const result = await target.apply(target.plan(release("v2"), release("v1")), context);
    expect(result).toEqual({ status: "succeeded" });
    expect(current()).toBe("releases/v2");
    expect(await serving()).toBe("v2");
    expect(readdirSync(join(base, "releases")).sort()).toEqual(["v1", "v2"]);
    expect(await target.status()).toEqual({
      live: "v2",
      warm: "v1",
      healthy: true,
      detail: "release v2 on 1 host(s)",
    });
  });

  it("rolls back on request, and status follows", async () => {
    const target = createSshTarget({ config, healthIntervalMs: 100 });
    const { context } = recorder();
    expect(await target.rollback(release("v1"), context)).toEqual({ status: "succeeded" });
    expect(current()).toBe("releases/v1");
    expect(await serving()).toBe("v1");
    expect(await target.status()).toMatchObject({ live: "v1", warm: "v2", healthy: true });
  });

  it("names an unreachable host and the cause", async () => {
    const closed = await freePort();
    const host = `127.0.0.1:${closed}`;
    const target = createSshTarget({ config: { ...config, hosts: [host] } });
    const { context } = recorder();
    const result = await target.apply(target.plan(release("v2"), release("v1")), context);
    const cause = `cannot connect to ssh host ${host}: connection refused on port ${closed} — is sshd running and listening there?`;
    expect(result).toEqual({ status: "failed", reason: cause });
    expect(await target.status()).toEqual({
      live: null,
      warm: null,
      healthy: false,
      detail: cause,
    });
  });

  it("refuses a host whose key does not match known_hosts", async () => {
    const impostor = await keyPair(join(tmp, "sshd"), "other_host_key");
    const [type, blob] = impostor.pub.split(" ");
    const known_hosts = `[127.0.0.1]:${sshd.port} ${type} ${blob}`;
    const target = createSshTarget({ config: { ...config, known_hosts } });
    const { steps, context } = recorder();
    const result = await target.apply(target.plan(release("v2"), release("v1")), context);
    expect(result.status).toBe("failed");
    expect(result.status === "failed" && result.reason).toMatch(
      new RegExp(
        `^cannot connect to ssh host ${sshd.host}: host key refused: its ssh-ed25519 key SHA256:\\S+ does not match known_hosts \\(line 1\\)`,
      ),
    );
    expect(steps).toEqual(["starting"]);
    expect(current()).toBe("releases/v1");
  });

  it("accepts any host key without known_hosts, warning once per target", async () => {
    const target = createSshTarget({ config: { ...config, known_hosts: undefined } });
    const first = recorder();
    const second = recorder();
    expect(await target.rollback(release("v1"), first.context)).toEqual({ status: "succeeded" });
    expect(await target.rollback(release("v1"), second.context)).toEqual({ status: "succeeded" });
    const warning = /known_hosts is not set, so any host key is accepted/;
    expect(first.logs.filter((line) => warning.test(line))).toHaveLength(1);
    expect(second.logs.some((line) => warning.test(line))).toBe(false);
  });
});
