import { readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { allocateFreePort } from "../../weeknight/src/agent/agent-paths.js";
import { createDemoRepository, findExamplesDir } from "../../weeknight/src/demo/demo-repo.js";
import { installPostReceiveHook } from "../../weeknight/src/sources/post-receive-hook.js";
import { startTestServer, type TestServer } from "../../weeknight/src/test-support/test-server.js";

export const ada = { name: "Ada Lovelace", email: "ada@example.com" };
export const bob = { name: "Bob Builder", email: "bob@example.com" };
export const viewer = { username: "vera", password: "vera-views-everything" };

/**
 * A real server on loopback with the sample app registered: builds run its real tests and
 * deploys run it behind the real agent. Production deploys only when someone presses the button.
 */
export async function startDashboardFixture(
  options: {
    /** Adjusts the sample app's weeknight.yml (default: the dashboard story's). */
    weeknightYml?: (yml: string) => string;
  } = {},
) {
  const server = await startTestServer("sqlite");
  const receiver = await startReceiver();
  const ports = { internal: await allocateFreePort(), production: await allocateFreePort() };
  const adjust = options.weeknightYml ?? dashboardStoryYml;
  const repo = await createDemoRepository(
    join(server.home, "git"),
    findExamplesDir(),
    ada,
    (work) => {
      const file = join(work, "weeknight.yml");
      const yml = readFileSync(file, "utf8")
        .replace("port: 7081", `port: ${ports.internal}`)
        .replace("port: 7080", `port: ${ports.production}`);
      writeFileSync(file, adjust(yml));
    },
  );
  const added = await server.api<{ webhookSecret: string }>("POST", "/projects", {
    name: "sample-app",
    repoUrl: repo.origin,
    branch: "main",
    poll: 0,
  });
  if (added.status !== 201) throw new Error(`project add: ${JSON.stringify(added.body)}`);
  await server.api("PUT", "/projects/sample-app/secrets/DEMO_WEBHOOK_URL", {
    value: receiver.url,
  });
  await installPostReceiveHook({
    repoPath: repo.origin,
    serverUrl: server.url,
    projectName: "sample-app",
    secret: added.body.webhookSecret,
  });
  await server.api("POST", "/users", { ...viewer, role: "viewer" });
  const admin = server.server.initialAdmin;
  if (!admin) throw new Error("a fresh test server must create its admin");

  return {
    server,
    repo,
    admin,
    urls: {
      internal: `http://127.0.0.1:${ports.internal}`,
      production: `http://127.0.0.1:${ports.production}`,
    },
    async close() {
      await server.close();
      await new Promise((resolve) => receiver.server.close(resolve));
    },
  };
}

/** A first stage that takes a moment (a watcher sees the build running); production by hand. */
function dashboardStoryYml(yml: string): string {
  return yml
    .replace("  stages:\n", "  stages:\n    - name: prepare\n      run: sleep 2\n")
    .replace(/(production:\n\s+deploy:) on-green/, "$1 manual");
}

export type DashboardFixture = Awaited<ReturnType<typeof startDashboardFixture>>;
export type { TestServer };

/** The project's notification webhook: accepts every delivery. */
async function startReceiver(): Promise<{ server: Server; url: string }> {
  const server = createServer((request, response) => {
    request.resume();
    request.on("end", () => response.writeHead(204).end());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}/hooks/weeknight` };
}
