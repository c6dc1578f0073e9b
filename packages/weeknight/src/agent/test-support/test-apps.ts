import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as tar from "tar";
import type { AnalysisRules, DesiredState, ReleaseRun } from "../agent-schema.js";

/** How a test app misbehaves; read by app.js from behavior.json in its own directory. */
export interface AppBehavior {
  /** Share of requests answered with 500, spread evenly over the requests. */
  failRatio?: number;
  delayMs?: number;
  /** /health never answers 2xx. */
  neverHealthy?: boolean;
  /** Exits with code 3 as soon as it starts. */
  exitAtOnce?: boolean;
  /** Listens on PORT + 1 instead of PORT. */
  wrongPort?: boolean;
  /** Keeps running on SIGTERM: only SIGKILL stops it. */
  ignoreSigterm?: boolean;
}

/** A small HTTP app: `/` answers its release id, `/crash` exits with code 1. */
const APP_JS = `
const http = require("node:http");
const fs = require("node:fs");
const behavior = JSON.parse(fs.readFileSync(__dirname + "/behavior.json", "utf8"));
const release = process.env.RELEASE_ID;
let count = 0;
if (behavior.exitAtOnce) { console.error("refusing to start"); process.exit(3); }
if (behavior.ignoreSigterm) process.on("SIGTERM", () => console.log("ignoring SIGTERM"));
const server = http.createServer((req, res) => {
  if (req.url === "/health") {
    res.writeHead(behavior.neverHealthy ? 503 : 200).end(behavior.neverHealthy ? "not yet" : "ok");
    return;
  }
  if (req.url === "/crash") { res.end("bye"); setTimeout(() => process.exit(1), 5); return; }
  if (req.url === "/env") { res.end(JSON.stringify({ release, greeting: process.env.GREETING })); return; }
  // Spread evenly: exactly failRatio of any run of requests fails, from the first ones on.
  const ratio = behavior.failRatio || 0;
  const fail = Math.floor((count + 1) * ratio) > Math.floor(count * ratio);
  count++;
  setTimeout(() => {
    res.writeHead(fail ? 500 : 200, { "content-type": "application/json" });
    res.end(JSON.stringify({ release }));
  }, behavior.delayMs || 0);
});
const port = Number(process.env.PORT) + (behavior.wrongPort ? 1 : 0);
server.listen(port, "127.0.0.1", () => console.log("listening on " + port));
if (!behavior.ignoreSigterm) {
  process.on("SIGTERM", () => {
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    // Busy kept-alive connections never turn idle under steady load: do not wait forever.
    setTimeout(() => process.exit(0), 2000).unref();
  });
}
`;

export interface PackedApp {
  path: string;
  sha256: string;
}

/** Writes app.js + behavior.json under `workDir/<name>/` and packs them as a tar.gz. */
export async function packTestApp(
  workDir: string,
  name: string,
  behavior: AppBehavior = {},
): Promise<PackedApp> {
  const dir = join(workDir, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "app.js"), APP_JS);
  writeFileSync(join(dir, "behavior.json"), JSON.stringify(behavior));
  const path = join(workDir, `${name}.tar.gz`);
  await tar.c({ gzip: true, cwd: dir, file: path, portable: true }, ["app.js", "behavior.json"]);
  const sha256 = createHash("sha256").update(readFileSync(path)).digest("hex");
  return { path, sha256 };
}

/** A release run of a packed test app, with test-friendly timings. */
export function testRun(id: string, app: PackedApp, extra: Partial<ReleaseRun> = {}): ReleaseRun {
  return {
    id,
    artifactPath: app.path,
    sha256: app.sha256,
    start: "exec node app.js",
    env: {},
    health: { path: "/health", timeoutMs: 3000 },
    keepWarmMs: 60_000,
    ...extra,
  };
}

/** A desired state with quick analysis rules, for tests; `analysis` overrides parts of them. */
export function testDesiredState(input: {
  app: string;
  port: number;
  releases: ReleaseRun[];
  active?: string;
  analysis?: Partial<AnalysisRules>;
  rest?: Partial<DesiredState>;
}): DesiredState {
  return {
    app: input.app,
    publicPort: input.port,
    releases: input.releases,
    active: input.active ?? input.releases[0]?.id ?? "",
    analysis: {
      intervalMs: 100,
      minRequests: 10,
      errorRatioFactor: 2,
      errorRatioMargin: 0.05,
      p95Factor: 2,
      p95MarginMs: 100,
      ...input.analysis,
    },
    autoRollbacksLeft: 3,
    ...input.rest,
  };
}
