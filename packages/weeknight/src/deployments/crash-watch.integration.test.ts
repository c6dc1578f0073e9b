import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allocateFreePort } from "../agent/agent-paths.js";
import {
  type HttpReceiver,
  startHttpReceiver,
  waitFor,
} from "../notify/test-support/http-receiver.js";
import { createTestRepo } from "../test-support/test-repo.js";
import { startTestServer, type TestServer } from "../test-support/test-server.js";

const APP = `
const http = require("node:http");
http.createServer((req, res) => {
  if (req.url === "/crash") { res.end("bye"); setTimeout(() => process.exit(1), 5); return; }
  res.end("ok");
}).listen(Number(process.env.PORT), "127.0.0.1");
`;

describe("a live release that crashes", () => {
  let t: TestServer;
  let receiver: HttpReceiver;
  beforeAll(async () => {
    t = await startTestServer("sqlite");
    receiver = await startHttpReceiver(() => ({ status: 204 }));
  });
  afterAll(async () => {
    await t?.close();
    await receiver?.close();
  });

  it("is restarted by the agent and the team is told once", async () => {
    const port = await allocateFreePort();
    const yml = [
      "project: crashy",
      "build:",
      "  stages:",
      "    - name: test",
      '      run: "true"',
      "notify:",
      "  - type: webhook",
      `    url: ${receiver.url}`,
      "    events: [release.crashed]",
      "environments:",
      "  production:",
      `    target: { type: process, start: node app.cjs, port: ${port} }`,
      "    health: { path: /health }",
      "",
    ].join("\n");
    const repo = await createTestRepo({ files: { "weeknight.yml": yml, "app.cjs": APP } });
    await t.api("POST", "/projects", { name: "crashy", repoUrl: repo.dir, poll: "100ms" });
    const built = await t.waitForEvent(
      (e) => e.type === "build.passed" && e.data.project === "crashy",
    );
    const deploy = await t.api<{ id: number }>(
      "POST",
      "/projects/crashy/environments/production/deploy",
      { build: built.data.buildId },
    );
    expect((await t.server.services.deployments.waitFor(deploy.body.id)).step).toBe("succeeded");

    await fetch(`http://127.0.0.1:${port}/crash`).then((r) => r.text());
    await t.waitForEvent(
      (e) => e.type === "release.crashed" && e.data.project === "crashy",
      15_000,
    );
    await t.server.services.notify.drain();
    await waitFor(() => receiver.requests.length > 0);
    const told = JSON.parse(receiver.requests[0]?.body ?? "{}") as {
      event: string;
      deployment: { environment: string; reason: string };
    };
    expect(told.event).toBe("release.crashed");
    expect(told.deployment.environment).toBe("production");
    expect(told.deployment.reason).toMatch(/restart/);

    // Restarted with backoff: it serves again, and the crash is not told twice.
    await waitFor(
      async () => (await fetch(`http://127.0.0.1:${port}/`).catch(() => null))?.status === 200,
      10_000,
    );
    await new Promise((r) => setTimeout(r, 1000));
    expect(receiver.requests).toHaveLength(1);
    repo.remove();
  });
});
