import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { Agent, request } from "node:http";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { allocateFreePort } from "../packages/weeknight/src/agent/agent-paths.js";
import type { DesiredState, ReleaseRun } from "../packages/weeknight/src/agent/agent-schema.js";
import {
  type AgentProcess,
  spawnAgentProcess,
  waitForStatus,
} from "../packages/weeknight/src/agent/test-support/test-agent.js";
import {
  packTestApp,
  testDesiredState,
  testRun,
} from "../packages/weeknight/src/agent/test-support/test-apps.js";

const APP = "bench/production";
const RATE = 200; // requests per second of the steady load
const CANARY_PERCENT = 10;
const BAD_FAIL_RATIO = 0.3;
const BURST_CONCURRENCY = 50;
const BURST_MS = 1500; // per window; four windows a side

interface Sample {
  sentAt: number;
  status: number;
  release: string | undefined;
}

/**
 * Deploys through the agent's proxy under a steady 200 req/s: a good release via canary
 * (failed requests), a bad one (time from its first request until all traffic is back),
 * the naive stop-then-start restart as a baseline, and the proxy's cost in throughput.
 */
export async function rollbackBench(): Promise<Record<string, unknown>> {
  const home = mkdtempSync(join(tmpdir(), "weeknight-bench-agent-"));
  const token = randomBytes(16).toString("hex");
  const agent = await spawnAgentProcess({ home, token });
  try {
    const [good, bad] = await Promise.all([
      packTestApp(home, "good"),
      packTestApp(home, "bad", { failRatio: BAD_FAIL_RATIO }),
    ]);
    const port = await allocateFreePort();
    // The setting: a 1 s analysis interval, as in production.
    const doc = (releases: ReleaseRun[], rest: Partial<DesiredState>): DesiredState =>
      testDesiredState({
        app: APP,
        port,
        releases,
        analysis: { intervalMs: 1000, minRequests: 20 },
        rest,
      });
    const run = (id: string, app: typeof good) => testRun(id, app, { keepWarmMs: 2000 });
    const url = `http://127.0.0.1:${port}/`;
    await agent.client.putApp(doc([run("v1", good)], {}));
    await waitForStatus(agent.client, APP, (s) => s.phase === "promoted");

    progress("v1 serving; deploying v2 through a canary");
    // 1. A good release through canary and bake, and the old one drained and stopped.
    const healthy = startSteadyLoad(url);
    await sleep(1000);
    await agent.client.putApp(
      doc([run("v1", good), run("v2", good)], {
        canary: { release: "v2", percent: CANARY_PERCENT, bakeMs: 3000 },
      }),
    );
    await waitForStatus(agent.client, APP, (s) => s.phase === "promoted", 30_000);
    await waitForStatus(
      agent.client,
      APP,
      (s) => s.releases.find((r) => r.id === "v1")?.pid === null,
    );
    const healthySamples = await healthy.stop();

    progress("v2 promoted; deploying a bad v3");
    // 2. A release answering 500 to a share of its requests.
    const badLoad = startSteadyLoad(url);
    await sleep(500);
    await agent.client.putApp(
      doc([run("v2", good), run("v3", bad)], {
        active: "v2",
        canary: { release: "v3", percent: CANARY_PERCENT, bakeMs: 60_000 },
      }),
    );
    const rolled = await waitForStatus(agent.client, APP, (s) => s.phase === "rolled-back", 30_000);
    await sleep(1000);
    const badSamples = await badLoad.stop();
    const toBad = badSamples.filter((s) => s.release === "v3");
    const firstBad = toBad[0]?.sentAt ?? Number.NaN;
    const lastBad = toBad.at(-1)?.sentAt ?? Number.NaN;

    progress("v3 rolled back; measuring throughput");
    // 3. The proxy's cost: closed-loop bursts straight to the release and through the proxy.
    const status = await agent.client.getApp(APP);
    const v2 = status.releases.find((r) => r.id === "v2");
    const direct = `http://127.0.0.1:${v2?.port}/`;
    await burst(direct, 1000); // warm-up: both sides get their JIT-compiled hot paths first
    await burst(url, 1000);
    // Alternating windows (ABBA) so drift in the shared machine's load falls on both alike.
    const directRun = { requests: 0, ms: 0 };
    const proxyRun = { requests: 0, ms: 0, proxyCpuMs: 0, appCpuMs: 0 };
    for (const target of [direct, url, url, direct, direct, url, url, direct]) {
      if (target === direct) {
        const counted = await burst(direct, BURST_MS);
        directRun.requests += counted.requests;
        directRun.ms += counted.ms;
        continue;
      }
      const proxyCpu = cpuMs(agent.pid);
      const appCpu = cpuMs(v2?.pid ?? -1);
      const counted = await burst(url, BURST_MS);
      proxyRun.proxyCpuMs += cpuMs(agent.pid) - proxyCpu;
      proxyRun.appCpuMs += cpuMs(v2?.pid ?? -1) - appCpu;
      proxyRun.requests += counted.requests;
      proxyRun.ms += counted.ms;
    }
    const directRps = (directRun.requests * 1000) / directRun.ms;
    const proxyRps = (proxyRun.requests * 1000) / proxyRun.ms;
    const proxyUs = Math.round((proxyRun.proxyCpuMs * 1000) / proxyRun.requests);
    const appUs = Math.round((proxyRun.appCpuMs * 1000) / proxyRun.requests);

    progress("naive restart baseline");
    // 4. Baseline: the same app stopped and started again on its port, under the same load.
    const naiveFailed = await naiveRestart(join(home, "good"));

    return {
      bench: "rollback",
      load_rps: RATE,
      canary_percent: CANARY_PERCENT,
      analysis_interval_ms: 1000,
      healthy_deploy_requests: healthySamples.length,
      healthy_deploy_failed_requests: failed(healthySamples),
      bad_release_detect_and_restore_ms: Math.round(lastBad - firstBad),
      bad_release_agent_reported_ms: rolled.rollbacks.at(-1)?.sinceFirstRequestMs ?? null,
      bad_release_switch_ms: rolled.rollbacks.at(-1)?.switchMs ?? null,
      bad_release_requests_to_canary: toBad.length,
      bad_release_failed_requests: failed(badSamples),
      bad_release_reason: rolled.reason,
      naive_restart_failed_requests: naiveFailed,
      direct_rps: Math.round(directRps),
      proxy_rps: Math.round(proxyRps),
      proxy_throughput_ratio: Math.round((proxyRps / directRps) * 100) / 100,
      proxy_cpu_us_per_request: proxyUs,
      app_cpu_us_per_request: appUs,
      cores: availableParallelism(),
    };
  } finally {
    await stopAgent(agent);
    rmSync(home, { recursive: true, force: true });
  }
}

function failed(samples: Sample[]): number {
  return samples.filter((s) => !(s.status >= 200 && s.status < 300)).length;
}

/** Open loop: requests leave on schedule whatever the answers take, as real users do. */
function startSteadyLoad(url: string): { stop(): Promise<Sample[]> } {
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const samples: Sample[] = [];
  const pending = new Set<Promise<void>>();
  const started = performance.now();
  let sent = 0;
  const timer = setInterval(() => {
    const due = Math.floor(((performance.now() - started) / 1000) * RATE);
    for (; sent < due; sent++) {
      const sentAt = performance.now();
      const client = `user-${Math.floor(Math.random() * 1000)}`;
      const done = send(url, agent, client).then(({ status, release }) => {
        samples.push({ sentAt, status, release });
      });
      pending.add(done);
      void done.finally(() => pending.delete(done));
    }
  }, 5);
  return {
    async stop() {
      clearInterval(timer);
      await Promise.all(pending);
      agent.destroy();
      return samples.sort((a, b) => a.sentAt - b.sentAt);
    },
  };
}

function send(
  url: string,
  agent: Agent,
  client?: string,
): Promise<{ status: number; release: string | undefined }> {
  return new Promise((resolve) => {
    const req = request(
      url,
      { agent, headers: client ? { "x-weeknight-client": client } : {} },
      (res) => {
        res.resume();
        res.on("end", () => {
          const release = res.headers["x-weeknight-release"];
          resolve({
            status: res.statusCode ?? 0,
            release: typeof release === "string" ? release : undefined,
          });
        });
        res.on("error", () => resolve({ status: 0, release: undefined }));
      },
    );
    req.setTimeout(10_000, () => req.destroy(new Error("timeout")));
    req.on("error", () => resolve({ status: 0, release: undefined }));
    req.end();
  });
}

/** Closed loop: BURST_CONCURRENCY clients, each sending its next request on an answer. */
async function burst(url: string, ms: number): Promise<{ requests: number; ms: number }> {
  const agent = new Agent({ keepAlive: true, maxSockets: BURST_CONCURRENCY });
  await Promise.all(Array.from({ length: BURST_CONCURRENCY }, () => send(url, agent))); // warm-up
  let requests = 0;
  const started = performance.now();
  const deadline = started + ms;
  await Promise.all(
    Array.from({ length: BURST_CONCURRENCY }, async (_, i) => {
      while (performance.now() < deadline) {
        await send(url, agent, `u${i}`);
        requests += 1;
      }
    }),
  );
  agent.destroy();
  return { requests, ms: performance.now() - started };
}

/** The app run by hand on a port, stopped with SIGTERM and started again, under load. */
async function naiveRestart(appDir: string): Promise<number> {
  const port = await allocateFreePort();
  const start = (): ChildProcess =>
    spawn(process.execPath, ["app.js"], {
      cwd: appDir,
      env: { PATH: process.env.PATH ?? "", PORT: String(port), RELEASE_ID: "naive" },
      stdio: "ignore",
    });
  const url = `http://127.0.0.1:${port}/`;
  let app = start();
  await waitUntilAnswering(url);
  const load = startSteadyLoad(url);
  await sleep(1000);
  await stopProcess(app);
  app = start();
  await waitUntilAnswering(url);
  await sleep(1000);
  const samples = await load.stop();
  await stopProcess(app);
  return failed(samples);
}

async function stopProcess(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  const kill = setTimeout(() => child.kill("SIGKILL"), 5000);
  await exited;
  clearTimeout(kill);
}

/** CPU time (user + system) a process has used so far, from /proc. */
function cpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ticks = Number(fields[11]) + Number(fields[12]);
    return (ticks * 1000) / 100; // USER_HZ is 100 on Linux
  } catch {
    return Number.NaN;
  }
}

async function waitUntilAnswering(url: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const { status } = await send(url, new Agent());
    if (status === 200) return;
    await sleep(25);
  }
  throw new Error(`${url} never answered`);
}

async function stopAgent(agent: AgentProcess): Promise<void> {
  try {
    process.kill(agent.pid, "SIGTERM");
  } catch {
    return; // already gone
  }
  await agent.exited;
}

function progress(line: string): void {
  process.stderr.write(`rollback bench: ${line}\n`);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
