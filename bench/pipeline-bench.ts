import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { signIn } from "../packages/weeknight/src/cli/api-client.js";
import { startServer } from "../packages/weeknight/src/main/server.js";
import { readSettings } from "../packages/weeknight/src/main/settings.js";
import { signGeneric } from "../packages/weeknight/src/sources/webhook-verify.js";
import { createTestRepo } from "../packages/weeknight/src/test-support/test-repo.js";

const BUILDS = 20;
const STAGES = ["true", "true", "true"];

/**
 * A 3-stage pipeline of no-op commands, 20 builds each triggered by a signed webhook:
 * time from the webhook to `build.passed`, against the same commands run bare by bash.
 */
export async function pipelineBench(): Promise<Record<string, unknown>> {
  const home = mkdtempSync(join(tmpdir(), "weeknight-bench-"));
  const server = await startServer({
    settings: readSettings({}, { home, port: 0, databaseUrl: undefined }),
  });
  const repo = await createTestRepo({
    files: {
      "weeknight.yml": `project: bench\nbuild:\n  stages:\n${STAGES.map((run, i) => `    - name: s${i + 1}\n      run: "${run}"\n`).join("")}`,
    },
  });
  try {
    const login = server.initialAdmin ?? { username: "admin", password: "" };
    const api = await signIn({ url: server.url, ...login, tokenName: "bench", fetch });
    const { webhookSecret } = await api.post<{ webhookSecret: string }>("/projects", {
      name: "bench",
      repoUrl: repo.dir,
      poll: 0,
    });

    const pipeline: number[] = [];
    const bare: number[] = [];
    for (let i = 0; i < BUILDS; i++) {
      const sha = await repo.commit({ "n.txt": String(i) }, `commit ${i}`);
      const passed = waitFor(server.services.bus, sha);
      const started = performance.now();
      const body = JSON.stringify({ ref: "refs/heads/main", after: sha });
      const response = await fetch(`${server.url}/api/v1/webhooks/bench/generic`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-weeknight-signature-256": signGeneric(webhookSecret, body),
        },
        body,
      });
      if (!response.ok)
        throw new Error(`webhook answered ${response.status}: ${await response.text()}`);
      const status = await passed;
      if (status !== "build.passed") throw new Error(`build of ${sha} ended ${status}`);
      pipeline.push(performance.now() - started);

      const bareStart = performance.now();
      for (const run of STAGES) spawnSync("bash", ["-c", run], { stdio: "ignore" });
      bare.push(performance.now() - bareStart);
      process.stderr.write(`\rbuild ${i + 1}/${BUILDS}`);
    }
    process.stderr.write("\n");
    const overhead = pipeline.map((ms, i) => ms - (bare[i] ?? 0));
    return {
      bench: "pipeline",
      builds: BUILDS,
      commit_to_passed_ms_median: round(median(pipeline)),
      bare_commands_ms_median: round(median(bare)),
      overhead_ms_median: round(median(overhead)),
      commit_to_passed_ms_p90: round(percentile(pipeline, 0.9)),
      database: "sqlite",
    };
  } finally {
    await server.close();
    repo.remove();
    rmSync(home, { recursive: true, force: true });
  }
}

function waitFor(
  bus: Awaited<ReturnType<typeof startServer>>["services"]["bus"],
  sha: string,
): Promise<string> {
  return new Promise((resolve) => {
    const unsubscribe = bus.subscribe((event) => {
      if (
        event.data.sha === sha &&
        ["build.passed", "build.failed", "build.cancelled"].includes(event.type)
      ) {
        unsubscribe();
        resolve(event.type);
      }
    });
  });
}

const median = (values: number[]) => percentile(values, 0.5);

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
}

const round = (ms: number) => Math.round(ms * 10) / 10;
