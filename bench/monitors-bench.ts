import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { parseConfig } from "../packages/weeknight/src/config/config-loader.js";
import type { WeeknightConfig } from "../packages/weeknight/src/config/config-schema.js";
import { createDatabase } from "../packages/weeknight/src/db/database.js";
import { createEventBus } from "../packages/weeknight/src/events/event-bus.js";
import { createCheckFactory } from "../packages/weeknight/src/monitors/monitor-checks.js";
import { createMonitorService } from "../packages/weeknight/src/monitors/monitor-service.js";
import { createMonitorSqlStore } from "../packages/weeknight/src/monitors/monitor-sql-store.js";
import type { Project } from "../packages/weeknight/src/projects/project-store.js";
import { insertTestProject } from "../packages/weeknight/src/test-support/test-databases.js";

const INTERVAL = "10s";
const COUNTS = [1_000, 10_000];
const MEASURE_MS = Number(process.env.WEEKNIGHT_BENCH_MONITOR_MS ?? 30_000);

// The site the monitors watch, in its own process so its CPU is not counted as the monitors'.
const SITE = `
const http = require("node:http");
const server = http.createServer((req, res) => {
  res.writeHead(200, { "content-type": "application/json" });
  res.end('{"status":"ok"}');
});
server.keepAliveTimeout = 65000;
server.listen(0, "127.0.0.1", () => console.log(server.address().port));
`;

/**
 * The real monitor service (scheduler, shared HTTP checks, SQLite results, alerts) running
 * 1,000 and then 10,000 HTTP monitors at a 10 s interval against a local site: achieved vs
 * scheduled checks per second, p99 scheduling lag, CPU and memory.
 */
export async function monitorsBench(): Promise<Record<string, unknown>> {
  const site = spawn(process.execPath, ["-e", SITE], { stdio: ["ignore", "pipe", "inherit"] });
  try {
    const [port] = (await once(
      createInterface({ input: site.stdout as NonNullable<ChildProcess["stdout"]> }),
      "line",
    )) as [string];
    const result: Record<string, unknown> = { bench: "monitors", interval_s: 10 };
    for (const count of COUNTS) Object.assign(result, await measure(count, Number(port)));
    result.target_p99_lag_ms = 1000;
    return result;
  } finally {
    site.kill();
  }
}

async function measure(count: number, port: number): Promise<Record<string, number>> {
  const home = mkdtempSync(join(tmpdir(), "weeknight-monitors-bench-"));
  const database = createDatabase({ sqlitePath: join(home, "weeknight.db") });
  await database.migrate();
  const projectId = await insertTestProject(database.db, "bench");
  const project = { id: projectId, name: "bench" } as Project;
  const config = monitorsConfig(count, port);
  const clock = { now: () => Date.now() };
  const checks = createCheckFactory({ clock });
  const bus = createEventBus({ clock });
  let results = 0;
  const service = createMonitorService({
    store: countingStore(createMonitorSqlStore(database.db), () => results++),
    projects: { list: async () => [project], get: async () => project },
    environments: { currentConfig: async () => ({ config, build: null as never }) },
    liveDeployment: async () => null,
    bus,
    clock,
    makeCheck: checks.make,
    // Steady state, not the first minutes after a deploy.
    watchWindowMs: 0,
  });
  process.stderr.write(`monitors: ${count} HTTP monitors every ${INTERVAL}…\n`);
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  let rss = 0;
  const sampler = setInterval(() => {
    rss = Math.max(rss, process.memoryUsage().rss);
  }, 500);
  await service.start();
  // Let the first round (spread over one interval) start, then measure whole intervals.
  await new Promise((resolve) => setTimeout(resolve, 10_000));
  const firstResults = results;
  const measuredFrom = performance.now();
  await new Promise((resolve) => setTimeout(resolve, MEASURE_MS));
  const elapsed = (performance.now() - measuredFrom) / 1000;
  const achieved = (results - firstResults) / elapsed;
  const stats = service.stats();
  const cpu = process.cpuUsage(cpuBefore);
  const wall = (performance.now() - started) / 1000;
  clearInterval(sampler);
  await service.stop();
  await checks.close();
  await database.close();
  rmSync(home, { recursive: true, force: true });
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    [`m${count}_scheduled_checks_per_s`]: count / 10,
    [`m${count}_achieved_checks_per_s`]: round(achieved),
    [`m${count}_lag_p50_ms`]: round(stats.lagP50Ms),
    [`m${count}_lag_p99_ms`]: round(stats.lagP99Ms),
    [`m${count}_cpu_percent`]: round(((cpu.user + cpu.system) / 1e6 / wall) * 100),
    [`m${count}_rss_mb`]: round(rss / 1024 / 1024),
  };
}

function monitorsConfig(count: number, port: number): WeeknightConfig {
  const monitors = Array.from({ length: count }, (_, i) =>
    [
      `      - name: m${i}`,
      "        type: http",
      `        url: /check/${i}`,
      `        interval: ${INTERVAL}`,
      '        conditions: ["[STATUS] == 200", "[BODY].status == ok"]',
    ].join("\n"),
  );
  const yml = [
    "project: bench",
    "build:",
    "  stages:",
    "    - name: test",
    '      run: "true"',
    "environments:",
    "  bench:",
    `    url: http://127.0.0.1:${port}`,
    '    target: { type: command, deploy: "true", rollback: "true" }',
    "    monitors:",
    ...monitors,
    "",
  ].join("\n");
  const parsed = parseConfig(yml);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems.slice(0, 3)));
  return parsed.config;
}

function countingStore<T extends { record: (...args: never[]) => Promise<void> }>(
  store: T,
  counted: () => void,
): T {
  return {
    ...store,
    record: async (...args: Parameters<T["record"]>) => {
      await store.record(...args);
      counted();
    },
  };
}
