import { spawnSync } from "node:child_process";
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  type LogsMonitorConfig,
  monitorSchema,
} from "../packages/weeknight/src/config/monitor-schema.js";
import { createFileTail, createLogRules } from "../packages/weeknight/src/monitors/logs/index.js";

const LINES = 1_000_000;
const PATTERNS = ["timeout after \\d+ms", "^\\S+ WARN ", "status=5\\d\\d"];
const START = Date.UTC(2024, 4, 1);
/** One line every 3.6 ms: a million lines make an hour; the deploy is at minute 40. */
const STEP_MS = 3.6;
const DEPLOY_AT = START + 40 * 60_000;

/**
 * A million realistic log lines through five rules (three patterns, error rate, new error
 * patterns), from the file on disk through the tail, against `grep -cE` with the same three
 * patterns over the same file (one grep per pattern, times summed).
 */
export async function logsBench(): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), "weeknight-logs-bench-"));
  try {
    const file = join(dir, "app.log");
    // Written in slices: one giant string would leave the heap busy while the engine is timed.
    writeFileSync(file, "");
    for (let from = 0; from < LINES; from += 100_000)
      appendFileSync(file, makeLines(from, 100_000));
    const config = monitorSchema.parse({
      name: "bench",
      type: "logs",
      source: { file },
      rules: [
        ...PATTERNS.map((pattern, i) => ({ name: `p${i}`, pattern, window: "2h", max: 1e9 })),
        { name: "error rate", error_rate: true, window: "2h", max: 1 },
        { name: "new errors", new_patterns: true, window: "2h" },
      ],
    }) as LogsMonitorConfig;

    // Compiling and checking the patterns is load time, once per config: not timed.
    const rules = createLogRules(config, { startedAt: START });
    const started = performance.now();
    const tail = createFileTail({
      path: file,
      from: "start",
      clock: { now: () => 0 },
    });
    let n = 0;
    for (;;) {
      const lines = await tail.poll();
      if (lines.length === 0) break;
      // The tail stamps lines with the time they are read; the bench gives them their hour.
      for (const line of lines) line.at = START + n++ * STEP_MS;
      rules.ingest(lines);
    }
    const outcome = rules.evaluate(START + LINES * STEP_MS, "b2", DEPLOY_AT);
    const engineSeconds = (performance.now() - started) / 1000;
    await tail.close();
    if (n !== LINES) throw new Error(`read ${n} lines, wrote ${LINES}`);

    let grepSeconds = 0;
    const grepCounts: number[] = [];
    for (const pattern of PATTERNS) {
      const grepStart = performance.now();
      const run = spawnSync("grep", ["-cE", toEre(pattern), file], { encoding: "utf8" });
      grepSeconds += (performance.now() - grepStart) / 1000;
      grepCounts.push(Number(run.stdout.trim()));
    }
    const engineCounts = outcome.parts?.slice(0, 3).map((p) => p.value);
    const newPart = outcome.parts?.[4];
    return {
      bench: "logs",
      lines: LINES,
      rules: 5,
      engine_lines_per_s: Math.round(LINES / engineSeconds),
      grep_lines_per_s: Math.round(LINES / grepSeconds),
      ratio: Number((grepSeconds / engineSeconds).toFixed(2)),
      grep_mode: "one grep -cE per pattern, times summed",
      target_lines_per_s: 1_000_000,
      counts_agree: JSON.stringify(engineCounts) === JSON.stringify(grepCounts),
      engine_counts: engineCounts,
      grep_counts: grepCounts,
      new_patterns: newPart?.value,
      known_patterns: rules.knownPatterns().length,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** grep -E has no `\d`: the same patterns in POSIX classes. */
function toEre(pattern: string): string {
  return pattern.replaceAll("\\d", "[0-9]").replaceAll("\\S", "[^[:space:]]");
}

export function makeLines(from: number, count: number): string {
  const out: string[] = [];
  const paths = ["/api/orders", "/api/cart", "/health", "/api/users", "/static/app.js"];
  for (let i = from; i < from + count; i++) {
    const at = new Date(START + i * STEP_MS).toISOString();
    const afterDeploy = START + i * STEP_MS >= DEPLOY_AT;
    const r = (i * 2654435761) % 1000;
    const id = (i * 40503) % 100000;
    if (r < 40) {
      out.push(errorLine(at, r, id, afterDeploy));
    } else if (r < 70) {
      out.push(`${at} WARN slow query on orders took ${200 + (id % 900)}ms (timeout after 5000ms)`);
    } else {
      const status = r < 75 ? 502 : r < 200 ? 404 : 200;
      out.push(
        `${at} INFO request id=${hex(id + r)} method=GET path=${paths[id % 5]}/${id} status=${status} duration=${(id % 300) / 10}ms ip=10.0.${id % 256}.${r % 256}`,
      );
    }
  }
  return `${out.join("\n")}\n`;
}

function errorLine(at: string, r: number, id: number, afterDeploy: boolean): string {
  const kind = r % 5;
  if (afterDeploy && kind === 4) {
    return `${at} ERROR TypeError: Cannot read properties of undefined (reading 'total') at checkout (/app/src/cart.js:${id % 400}:17)`;
  }
  if (afterDeploy && kind === 3 && r % 2 === 1) {
    return `${at} ERROR PaymentDeclined: card ${id} declined for order ${id * 7} by provider "stripe"`;
  }
  switch (kind) {
    case 0:
      return `${at} ERROR db timeout after ${1000 + id}ms on shard ${id % 16} query_id=${hex(id)}`;
    case 1:
      return `${at} ERROR java.lang.IllegalStateException: Order ${uuid(id)} not found for user ${id}@example.com`;
    case 2:
      return `${at} ERROR upstream 10.0.${id % 256}.7:8080 returned status=503 after ${id % 900}ms`;
    default:
      return `${at} ERROR {"level":"error","msg":"cache miss storm on key user:${id}","count":${id % 50}}`;
  }
}

function hex(n: number): string {
  return ((n * 2654435761) >>> 0).toString(16).padStart(8, "0");
}

function uuid(n: number): string {
  const h = (n * 2654435761).toString(16).padStart(8, "0").slice(-8);
  return `${h}-1a2b-4c3d-8e9f-${h}${h.slice(0, 4)}`;
}
