import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as tar from "tar";
import type { ReleaseSpec } from "../../target.js";

/**
 * A tiny app packed as a Weeknight artifact: `setup.sh` writes `installed.txt` (or fails),
 * `server.cjs` answers its version on `/` and 200 (or 500) on `/health`.
 */
export interface TestAppOptions {
  setupFails?: boolean;
  unhealthy?: boolean;
  healthTimeoutMs?: number;
}

const SERVER = `const http = require("node:http");
const fs = require("node:fs");
const version = fs.readFileSync("VERSION", "utf8").trim();
const healthy = !fs.existsSync("UNHEALTHY");
http
  .createServer((req, res) => {
    if (req.url === "/health") {
      res.writeHead(healthy ? 200 : 500);
      res.end(healthy ? "ok" : "broken");
      return;
    }
    res.end(version);
  })
  .listen(Number(process.env.PORT), "127.0.0.1");
`;

export async function packTestApp(
  dir: string,
  id: string,
  options: TestAppOptions = {},
): Promise<ReleaseSpec> {
  const src = join(dir, `src-${id}`);
  mkdirSync(src, { recursive: true });
  writeFileSync(join(src, "VERSION"), `${id}\n`);
  writeFileSync(join(src, "server.cjs"), SERVER);
  writeFileSync(
    join(src, "setup.sh"),
    options.setupFails
      ? 'echo "cannot install dependencies" >&2\nexit 3\n'
      : "echo installed > installed.txt\n",
  );
  const files = ["VERSION", "server.cjs", "setup.sh"];
  if (options.unhealthy) {
    writeFileSync(join(src, "UNHEALTHY"), "");
    files.push("UNHEALTHY");
  }
  const file = join(dir, `${id}.tar.gz`);
  await tar.c({ gzip: true, file, cwd: src, portable: true }, files);
  const sha256 = createHash("sha256").update(readFileSync(file)).digest("hex");
  return {
    id,
    buildId: 1,
    project: "ssh-test",
    environment: "production",
    artifact: { path: file, sha256 },
    health: { path: "/health", timeoutMs: options.healthTimeoutMs ?? 10_000 },
    canary: { traffic: 0, bakeMs: 0 },
    rollbackWindowMs: 60_000,
  };
}

/**
 * The `restart` command of the tests: stops the app started last time (by its pid, never by
 * name), records the version in `restarts.log` and starts the release in `current` on `port`.
 */
export function writeRestartScript(dir: string, base: string, port: number): string {
  const script = join(dir, "restart.sh");
  writeFileSync(
    script,
    [
      "set -e",
      `if [ -f ${base}/app.pid ]; then`,
      `  old=$(cat ${base}/app.pid)`,
      '  kill "$old" 2>/dev/null || true',
      // Wait for the port, not the pid: an unreaped (zombie) server still answers `kill -0`.
      `  for i in $(seq 50); do curl -s -o /dev/null http://127.0.0.1:${port}/ || break; sleep 0.1; done`,
      "fi",
      `cat VERSION >> ${base}/restarts.log`,
      `PORT=${port} nohup ${process.execPath} server.cjs > ${base}/app.log 2>&1 &`,
      `echo $! > ${base}/app.pid`,
      "",
    ].join("\n"),
  );
  return `sh ${script}`;
}
