import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

// The CLI runs from source through tsx, exactly as a user would call it, so a test
// never exercises a stale build.
const here = dirname(fileURLToPath(import.meta.url));
const cliEntry = resolve(here, "../main/cli.ts");
const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;

/** Node arguments that run `weeknight <args>` from source. */
export function cliArgs(args: string[]): string[] {
  return ["--import", tsxLoader, cliEntry, ...args];
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `weeknight <args>` as a real process and collects what it printed. */
export function runCli(
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; input?: string },
): Promise<CliRun> {
  return new Promise<CliRun>((done, fail) => {
    const child = spawn(process.execPath, cliArgs(args), {
      cwd: options.cwd,
      env: options.env,
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.on("error", fail);
    child.on("close", (code) => done({ code, stdout, stderr }));
    child.stdin.end(options.input ?? "");
  });
}

/** Runs `weeknight <args>` as a signed-in user, with none of the developer's own Weeknight settings. */
export function runCliAs(
  args: string[],
  user: { url: string; token: string; home: string },
): Promise<CliRun> {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1" };
  for (const key of Object.keys(env)) if (key.startsWith("WEEKNIGHT_")) delete env[key];
  return runCli(args, {
    cwd: user.home,
    env: { ...env, HOME: user.home, WEEKNIGHT_URL: user.url, WEEKNIGHT_TOKEN: user.token },
  });
}
