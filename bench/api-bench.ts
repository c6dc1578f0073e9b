import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { signIn } from "../packages/weeknight/src/cli/api-client.js";
import {
  createDatabase,
  type Db,
  type DialectName,
} from "../packages/weeknight/src/db/database.js";
import { cliArgs } from "../packages/weeknight/src/test-support/test-cli.js";
import {
  openTestDatabase,
  testDialects,
} from "../packages/weeknight/src/test-support/test-databases.js";
import { createTestRepo } from "../packages/weeknight/src/test-support/test-repo.js";

const PROJECTS = 50;
const BUILDS = 1000;
const CLIENTS = 20;
const REQUESTS_PER_CLIENT = Number(process.env.WEEKNIGHT_BENCH_REQUESTS ?? 50);

const yml = [
  "project: bench",
  "build:",
  "  stages:",
  "    - name: unit",
  '      run: "true"',
  "environments:",
  "  internal:",
  '    target: { type: command, deploy: "true", rollback: "true" }',
  "  production:",
  "    requires: [internal]",
  '    target: { type: command, deploy: "true", rollback: "true" }',
  "",
].join("\n");

/**
 * The dashboard's two busiest calls with 50 projects × 1,000 builds in the store, under 20
 * concurrent clients: the overview and a project's build page. On each database.
 */
export async function apiBench(): Promise<Record<string, unknown>> {
  const repo = await createTestRepo({ files: { "weeknight.yml": yml } });
  const sha = (await repo.git(["rev-parse", "HEAD"])).stdout.trim();
  const result: Record<string, unknown> = {
    bench: "api",
    projects: PROJECTS,
    builds_per_project: BUILDS,
    clients: CLIENTS,
  };
  try {
    for (const dialect of testDialects)
      Object.assign(result, await measure(dialect, repo.dir, sha));
  } finally {
    repo.remove();
  }
  return result;
}

async function measure(
  dialect: DialectName,
  repoDir: string,
  sha: string,
): Promise<Record<string, number>> {
  const home = mkdtempSync(join(tmpdir(), "weeknight-api-bench-"));
  // PostgreSQL gets a throwaway schema; SQLite is the server's own file in its home.
  const postgres = dialect === "postgres" ? await openTestDatabase(dialect) : null;
  // The server runs in its own process, as in production: clients never share its event loop.
  const server = await startServerProcess(home, postgres?.url);
  const database = postgres ?? createDatabase({ sqlitePath: join(home, "weeknight.db") });
  try {
    const api = await signIn({ url: server.url, ...server.login, tokenName: "bench", fetch });
    process.stderr.write(`${dialect}: seeding ${PROJECTS} projects × ${BUILDS} builds…\n`);
    for (let p = 0; p < PROJECTS; p++) {
      await api.post("/projects", { name: `p${p}`, repoUrl: repoDir, poll: 0 });
    }
    await seed(database.db, sha);

    const latencies: Record<"overview" | "project", number[]> = { overview: [], project: [] };
    const client = async (c: number) => {
      for (let i = 0; i < REQUESTS_PER_CLIENT; i++) {
        const kind = (c + i) % 2 === 0 ? "overview" : "project";
        const path = kind === "overview" ? "/overview" : "/builds";
        const started = performance.now();
        await api.get(
          path,
          kind === "project" ? { project: `p${(c * 7 + i) % PROJECTS}`, limit: 20 } : undefined,
        );
        latencies[kind].push(performance.now() - started);
      }
    };
    await api.get("/overview"); // warm-up
    await Promise.all(Array.from({ length: CLIENTS }, (_, c) => client(c)));
    const round = (ms: number) => Math.round(ms * 10) / 10;
    return {
      [`${dialect}_overview_p50_ms`]: round(percentile(latencies.overview, 0.5)),
      [`${dialect}_overview_p95_ms`]: round(percentile(latencies.overview, 0.95)),
      [`${dialect}_project_p50_ms`]: round(percentile(latencies.project, 0.5)),
      [`${dialect}_project_p95_ms`]: round(percentile(latencies.project, 0.95)),
    };
  } finally {
    server.stop();
    await database.close();
    rmSync(home, { recursive: true, force: true });
  }
}

async function startServerProcess(home: string, databaseUrl: string | undefined) {
  // WEEKNIGHT_BENCH_CPU_PROF=<dir> writes the server's CPU profile there (open it in Chrome's DevTools).
  const profileDir = process.env.WEEKNIGHT_BENCH_CPU_PROF;
  const profiling = profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : [];
  const child = spawn(
    process.execPath,
    [...profiling, ...cliArgs(["server", "--home", home, "--port", "0", "--json"])],
    {
      env: { ...process.env, WEEKNIGHT_DATABASE_URL: databaseUrl ?? "" },
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  const [line] = (await once(createInterface({ input: child.stdout }), "line")) as [string];
  const started = JSON.parse(line) as {
    url: string;
    initialAdmin: { username: string; password: string };
  };
  return { url: started.url, login: started.initialAdmin, stop: () => child.kill("SIGTERM") };
}

async function seed(db: Db, sha: string) {
  const projects = await db.selectFrom("projects").select("id").execute();
  for (const { id } of projects) {
    await db
      .insertInto("commits")
      .values({
        project_id: id,
        sha,
        author_name: "Ada",
        author_email: "ada@example.com",
        message: "bench",
        committed_at: 1,
      })
      .execute();
    for (let start = 0; start < BUILDS; start += 250) {
      const rows = Array.from({ length: Math.min(250, BUILDS - start) }, (_, i) => ({
        project_id: id,
        sha,
        branch: "main",
        status: (start + i) % 10 === 3 ? "failed" : "passed",
        trigger: "bench",
        commit_shas: JSON.stringify([sha]),
        queued_at: start + i,
        started_at: start + i,
        finished_at: start + i + 1,
        error: null,
      }));
      const ids = await db.insertInto("builds").values(rows).returning("id").execute();
      await db
        .insertInto("build_stages")
        .values(
          ids.map((b) => ({
            build_id: b.id,
            position: 0,
            name: "unit",
            status: "passed",
            started_at: 1,
            finished_at: 2,
            exit_code: 0,
            message: null,
          })),
        )
        .execute();
      await db
        .insertInto("artifacts")
        .values(
          ids.map((b) => ({ build_id: b.id, sha256: "a".repeat(64), size: 1, created_at: 1 })),
        )
        .execute();
    }
  }
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
}
