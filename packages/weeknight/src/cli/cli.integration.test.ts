import { type ChildProcess, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stopLocalAgent } from "../main/local-agent.js";
import { cliArgs, runCli } from "../test-support/test-cli.js";
import { createTestRepo } from "../test-support/test-repo.js";

const here = dirname(fileURLToPath(import.meta.url));
const examples = resolve(here, "../../../../examples");

const root = mkdtempSync(join(tmpdir(), "weeknight-cli-"));
const adminConfig = join(root, "admin-config");
/** The environment of a user: none of the developer's own Weeknight settings leak in. */
function userEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1" };
  for (const key of Object.keys(env)) if (key.startsWith("WEEKNIGHT_")) delete env[key];
  return { ...env, WEEKNIGHT_CONFIG_DIR: adminConfig, HOME: root, ...extra };
}

function cli(args: string[], options: { input?: string; env?: Record<string, string> } = {}) {
  return runCli(args, { cwd: root, env: userEnv(options.env), input: options.input });
}

let server: ChildProcess;
let serverUrl: string;
let adminPassword: string;
let receiver: Server;
let receiverUrl: string;
const received: { event?: string }[] = [];
let repo: Awaited<ReturnType<typeof createTestRepo>>;

beforeAll(async () => {
  receiver = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => {
      body += chunk;
    });
    req.on("end", () => {
      received.push(JSON.parse(body));
      res.end("ok");
    });
  });
  await new Promise<void>((done) => receiver.listen(0, "127.0.0.1", done));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;

  repo = await createTestRepo({ sampleApp: true });

  server = spawn(
    process.execPath,
    cliArgs(["server", "--home", join(root, "home"), "--port", "0", "--json"]),
    { env: userEnv(), stdio: ["ignore", "pipe", "inherit"] },
  );
  const first = await new Promise<string>((done, fail) => {
    let text = "";
    server.stdout?.on("data", (chunk) => {
      text += chunk;
      if (text.includes("\n")) done(text.split("\n")[0] ?? "");
    });
    server.on("exit", (code) => fail(new Error(`server exited with ${code} before starting`)));
  });
  const started = JSON.parse(first) as { url: string; initialAdmin: { password: string } };
  serverUrl = started.url;
  adminPassword = started.initialAdmin.password;
});

afterAll(async () => {
  if (server && server.exitCode === null) {
    const exited = new Promise((done) => server.once("exit", done));
    server.kill("SIGTERM");
    await exited;
  }
  // The sample app deploys to internal when green: its agent outlives the server by design.
  await stopLocalAgent(join(root, "home"));
  receiver?.closeAllConnections();
  receiver?.close();
  repo?.remove();
  rmSync(root, { recursive: true, force: true });
});

describe("the weeknight CLI without a server", () => {
  // Independent commands run side by side: each is a separate process starting up.
  it("says how to sign in, checks weeknight.yml locally and exits 2 on usage errors", async () => {
    writeFileSync(
      join(root, "weeknight.yml"),
      "project: shop\nbuild:\n  stages:\n    - name: test\n      runn: npm test\n",
    );
    cpSync(join(examples, "sample-app/weeknight.yml"), join(root, "good.yml"));
    const [signedOut, bad, badJson, good, missing, usage] = await Promise.all([
      cli(["build", "list"]),
      cli(["validate"]),
      cli(["validate", "--json"]),
      cli(["validate", "good.yml"]),
      cli(["validate", "nope.yml"]),
      cli(["build", "show", "not-a-number"]),
    ]);
    expect(signedOut.code).toBe(1);
    expect(signedOut.stderr).toBe(
      "weeknight: not signed in: run `weeknight login --url <server>` or set WEEKNIGHT_URL and WEEKNIGHT_TOKEN\n",
    );
    expect(bad.code).toBe(1);
    expect(bad.stderr.trim().split("\n")).toEqual([
      "weeknight.yml:4:7: build.stages[0].run: required",
      'weeknight.yml:5:7: build.stages[0].runn: unknown key "runn" — did you mean "run"?',
    ]);
    expect(badJson.code).toBe(1);
    expect(JSON.parse(badJson.stdout)).toMatchObject({
      valid: false,
      problems: [{ line: 4, column: 7 }, { line: 5 }],
    });
    expect(good.stdout).toBe(
      "good.yml is valid: 2 stages, 1 notification channel, 2 monitors\n  production: high risk needs 1 approval\n",
    );
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^weeknight: nope\.yml not found/);
    expect(usage.code).toBe(2);
  });
});

describe("the weeknight CLI against a real server", () => {
  it("signs in with the password piped to stdin, then adds a project", async () => {
    const login = await cli(["login", "--url", serverUrl, "--username", "admin"], {
      input: `${adminPassword}\n`,
    });
    expect(login.stderr).toBe("");
    expect(login.stdout).toContain(`Signed in to ${serverUrl} as admin (admin)`);
    expect(statSync(join(adminConfig, "credentials.json")).mode & 0o777).toBe(0o600);

    const [whoami, add] = await Promise.all([
      cli(["whoami", "--json"]),
      cli(["project", "add", "sample-app", "--repo", repo.dir, "--poll", "0"]),
    ]);
    expect(JSON.parse(whoami.stdout)).toEqual({ url: serverUrl, username: "admin", role: "admin" });
    expect(add.code).toBe(0);
    expect(add.stdout).toMatch(/Webhook secret.*\n {2}[0-9a-f]{32,}\n/);
    for (const provider of ["github", "gitlab", "gitea", "generic"]) {
      expect(add.stdout).toContain(`${serverUrl}/api/v1/webhooks/sample-app/${provider}`);
    }
  });

  it("stores a secret read from stdin without echoing it", async () => {
    const run = await cli(["secret", "set", "DEMO_WEBHOOK_URL", "--project", "sample-app"], {
      input: `${receiverUrl}\n`,
    });
    expect(run.code).toBe(0);
    expect(run.stdout + run.stderr).not.toContain(receiverUrl);
  });

  it("follows a passing build stage by stage; a viewer may not trigger one", async () => {
    const viewer = async () => {
      const added = await cli(["user", "add", "vic", "--role", "viewer", "--json"]);
      const { password } = JSON.parse(added.stdout) as { password: string };
      const env = { WEEKNIGHT_CONFIG_DIR: join(root, "viewer-config") };
      const login = await cli(["login", "--url", serverUrl, "--username", "vic"], {
        input: password,
        env,
      });
      expect(login.stdout).toContain("as vic (viewer)");
      return cli(["build", "trigger", "sample-app"], { env });
    };
    const [run, refused] = await Promise.all([
      cli(["build", "trigger", "sample-app", "--wait"]),
      viewer(),
    ]);
    expect(run.stderr).toMatch(/Build #1 of sample-app queued/);
    expect(run.stderr).toMatch(/✓ unit +passed/);
    expect(run.stderr).toMatch(/✓ integration +passed/);
    expect(run.stdout).toMatch(/^Build #1 of sample-app passed in /);
    expect(run.code).toBe(0);

    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("needs the deployer role");
    expect(refused.stderr).toContain("`weeknight user role vic deployer`");
  });

  it("shows the logs, lists the build as JSON and downloads a verified artifact", async () => {
    const [logs, list, show, download] = await Promise.all([
      cli(["build", "logs", "1"]),
      cli(["build", "list", "--json"]),
      cli(["build", "show", "1"]),
      cli(["build", "download", "1"]),
    ]);
    expect(logs.stdout).toContain("ok 1 - greets by name");
    expect(logs.stdout).toContain("[weeknight] stage unit passed");
    const builds = JSON.parse(list.stdout) as { id: number; status: string }[];
    expect(builds.map((b) => [b.id, b.status])).toEqual([[1, "passed"]]);
    expect(show.stdout).toMatch(/✓ unit +passed/);
    const sha = show.stdout.match(/sha256:([0-9a-f]{64})/)?.[1];
    expect(download.code).toBe(0);
    const file = readFileSync(join(root, "sample-app-build-1.tar.gz"));
    expect(createHash("sha256").update(file).digest("hex")).toBe(sha);
    expect(download.stdout).toContain(`sha256 ${sha} verified`);
  });

  it("exits 1 on a failing build and notifies the webhook stored as a secret", async () => {
    const broken = readFileSync(
      join(examples, "sample-app-changes/broken/src/greeting.js"),
      "utf8",
    );
    await repo.commit({ "src/greeting.js": broken }, "drop the exclamation mark");
    const run = await cli(["build", "trigger", "sample-app", "--wait"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/✗ unit +failed/);
    expect(run.stdout).toContain("Build #2 of sample-app failed: stage unit failed");

    await expect
      .poll(() => received.map((r) => r.event), { timeout: 10_000 })
      .toContain("build.failed");
    const [follow, deliveries] = await Promise.all([
      cli(["build", "logs", "2", "--follow", "--stage", "unit"]),
      cli(["deliveries", "--build", "2", "--json"]),
    ]);
    expect(follow.code).toBe(1);
    expect(follow.stdout).toContain("not ok");
    expect(JSON.parse(deliveries.stdout)).toMatchObject([
      { event: "build.failed", status: "delivered" },
    ]);
  });
});
