import { accessSync, constants } from "node:fs";
import { createServer } from "node:net";
import { delimiter, join } from "node:path";

/** Where the agent keeps its files under `<home>/agent/`. */
export interface AgentPaths {
  root: string;
  stateFile: string;
  artifactsDir: string;
  releasesRoot: string;
  releaseDir(app: string, release: string): string;
  logFile(app: string, release: string): string;
}

/** App names are `<project>/<environment>` slugs, so they nest as two safe directories. */
export function agentPaths(home: string): AgentPaths {
  const root = join(home, "agent");
  const releasesRoot = join(root, "releases");
  return {
    root,
    stateFile: join(root, "state.json"),
    artifactsDir: join(root, "artifacts"),
    releasesRoot,
    releaseDir: (app, release) => join(releasesRoot, app, release),
    logFile: (app, release) => join(root, "logs", app, `${release}.log`),
  };
}

/** A port nobody listens on now; the release binds it a moment later. */
export function allocateFreePort(host = "127.0.0.1"): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = address && typeof address === "object" ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** What a release inherits from the agent's environment; the rest comes from its `env`. */
const INHERITED = ["PATH", "HOME", "USER", "LANG", "LC_ALL", "TZ", "TMPDIR"];

export function inheritedEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const name of INHERITED) {
    const value = env[name];
    if (value !== undefined) picked[name] = value;
  }
  return picked;
}

/** `bash` from PATH (start commands are written for it), else `/bin/sh`. */
export function findShell(pathEnv: string): string {
  for (const dir of [...pathEnv.split(delimiter).filter(Boolean), "/bin", "/usr/bin"]) {
    const candidate = join(dir, "bash");
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here; keep looking
    }
  }
  return "/bin/sh";
}
