import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { InvalidInputError } from "../errors/domain-errors.js";
import { execFileText } from "../process/exec-file.js";
import { authorEnv } from "./git-commands.js";
import { installPostReceiveHook } from "./post-receive-hook.js";
import { verifyAndParseWebhook } from "./webhook-verify.js";

// Tests must not depend on the machine's git config.
const env = authorEnv(process.env, { name: "Ada Lovelace", email: "ada@example.com" });
const SECRET = "hook-secret-'quoted'";

interface Received {
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

let root: string;
let server: Server;
let serverUrl: string;
let status = 204;
let received: Received[] = [];
let counter = 0;

async function git(cwd: string, ...args: string[]) {
  return execFileText("git", args, { cwd, env });
}

/** A bare repository plus a clone with one commit, ready to push. */
async function repoWithClone() {
  counter += 1;
  const bare = join(root, `repo-${counter}.git`);
  const work = join(root, `work-${counter}`);
  await execFileText("git", ["-c", "init.defaultBranch=main", "init", "-q", "--bare", bare], {
    env,
  });
  await execFileText("git", ["clone", "-q", bare, work], { env });
  return { bare, work };
}

async function commitAndPush(work: string, branch = "main") {
  await git(work, "commit", "-q", "--allow-empty", "-m", `change ${counter}`);
  const sha = (await git(work, "rev-parse", "HEAD")).stdout.trim();
  const push = await git(work, "push", "-q", "origin", `HEAD:refs/heads/${branch}`);
  return { sha, pushStderr: push.stderr };
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "weeknight-hook-"));
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      received.push({ url: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks) });
      // 0 means: never answer, to exercise the hook's timeout.
      if (status !== 0) res.writeHead(status).end();
    });
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  serverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

beforeEach(() => {
  status = 204;
  received = [];
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((done) => server.close(done));
  await rm(root, { recursive: true, force: true });
});

describe("post-receive hook", () => {
  it("notifies the server with a verifiable generic webhook on push", async () => {
    const { bare, work } = await repoWithClone();
    const { hookPath } = await installPostReceiveHook({
      repoPath: bare,
      serverUrl,
      projectName: "app",
      secret: SECRET,
    });
    expect(hookPath).toBe(join(bare, "hooks", "post-receive"));
    expect((await stat(hookPath)).mode & 0o777).toBe(0o755);

    const { sha, pushStderr } = await commitAndPush(work);
    expect(pushStderr).not.toContain("weeknight:");
    expect(received).toHaveLength(1);
    const [request] = received;
    expect(request?.url).toBe("/api/v1/webhooks/app/generic");
    const event = verifyAndParseWebhook(
      "generic",
      request?.headers ?? {},
      request?.body ?? Buffer.alloc(0),
      SECRET,
    );
    expect(event).toEqual({
      provider: "generic",
      ref: "refs/heads/main",
      branch: "main",
      after: sha,
      ping: false,
    });
  });

  it("never fails a push when the server is down, answers an error, or hangs", async () => {
    const dead = createServer();
    await new Promise<void>((done) => dead.listen(0, "127.0.0.1", done));
    const deadUrl = `http://127.0.0.1:${(dead.address() as AddressInfo).port}`;
    await new Promise((done) => dead.close(done));

    const { bare, work } = await repoWithClone();
    const install = (url: string) =>
      installPostReceiveHook({
        repoPath: bare,
        serverUrl: url,
        projectName: "app",
        secret: SECRET,
        timeoutMs: 300,
      });

    await install(deadUrl);
    const down = await commitAndPush(work);
    expect(down.pushStderr).toContain(
      `weeknight: could not notify ${deadUrl}/api/v1/webhooks/app/generic: ECONNREFUSED`,
    );
    expect(down.pushStderr.match(/weeknight:/g)).toHaveLength(1);

    await install(serverUrl); // reinstalling replaces our own hook
    status = 401;
    expect((await commitAndPush(work)).pushStderr).toContain("HTTP 401");
    status = 0;
    expect((await commitAndPush(work)).pushStderr).toContain("timed out after 0.3 s");
    expect(received).toHaveLength(2);
  });

  it("leaves a foreign hook alone, and the chaining line it suggests works", async () => {
    const { bare, work } = await repoWithClone();
    const foreign = join(bare, "hooks", "post-receive");
    await writeFile(
      foreign,
      '#!/bin/sh\nwhile read oldrev newrev refname; do echo "mine $refname"; done\n',
      { mode: 0o755 },
    );
    const error = await installPostReceiveHook({
      repoPath: bare,
      serverUrl,
      projectName: "app",
      secret: SECRET,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    const side = join(bare, "hooks", "post-receive.weeknight");
    expect((error as Error).message).toContain(side);
    expect(await readFile(foreign, "utf8")).toContain("mine");
    expect((await stat(side)).mode & 0o777).toBe(0o755);

    const line = /add: (.*)$/.exec((error as Error).message)?.[1] ?? "";
    await writeFile(foreign, `#!/bin/sh\nwhile read oldrev newrev refname; do\n  ${line}\ndone\n`);
    const { sha } = await commitAndPush(work, "feature");
    expect(received).toHaveLength(1);
    const [request] = received;
    const event = verifyAndParseWebhook(
      "generic",
      request?.headers ?? {},
      request?.body ?? Buffer.alloc(0),
      SECRET,
    );
    expect(event).toMatchObject({ branch: "feature", after: sha });
  });

  it("refuses a path that is not a git repository", async () => {
    const notRepo = join(root, "plain-dir");
    await execFileText("mkdir", ["-p", notRepo]);
    await expect(
      installPostReceiveHook({ repoPath: notRepo, serverUrl, projectName: "app", secret: SECRET }),
    ).rejects.toThrow(/is not a git repository/);
    expect(existsSync(join(notRepo, "hooks"))).toBe(false);
  });
});
