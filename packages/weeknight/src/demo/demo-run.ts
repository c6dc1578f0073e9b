import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { allocateFreePort } from "../agent/agent-paths.js";
import type { BuildView } from "../builds/build-service.js";
import { signIn } from "../cli/api-client.js";
import type { DomainEvent } from "../events/event-bus.js";
import { stopLocalAgent } from "../main/local-agent.js";
import { type RunningServer, startServer } from "../main/server.js";
import { readSettings } from "../main/settings.js";
import type { Readiness } from "../readiness/readiness-schema.js";
import { installPostReceiveHook } from "../sources/post-receive-hook.js";
import { deploymentOf, withTraffic } from "./demo-deploys.js";
import { describeNotification, startDemoReceiver } from "./demo-receiver.js";
import { createDemoRepository, findExamplesDir } from "./demo-repo.js";

export interface DemoOptions {
  home?: string;
  port?: number;
  /** Progress lines for people; the summary is returned, not printed. */
  say: (line: string) => void;
}

export interface DemoSummary {
  url: string;
  home: string;
  login: { username: string; password: string };
  builds: {
    id: number;
    status: string;
    sha: string;
    failedStage?: string;
    artifact?: { sha256: string; size: number };
  }[];
  notifications: {
    event: string;
    build: number;
    authors: string[];
    failedStage?: string;
    environment?: string;
  }[];
  deployments: {
    id: number;
    environment: string;
    build: number;
    status: string;
    url: string;
    reason?: string;
  }[];
  /** The public changelog: what customers read about the fix (the rolled-back release is not there). */
  changelog: { url: string; entries: { title: string; text: string }[] };
  /** How far the sample app is on the way to continuous deployment, and what it still lacks. */
  readiness: { level: string; next: string | null; missing: string[] };
}

const ada = { name: "Ada Lovelace", email: "ada@example.com" };
const bob = { name: "Bob Builder", email: "bob@example.com" };

/**
 * The demo a new user runs first: a sample app's failing commit is caught and its author
 * told, then the fix is built, the "fixed" notice sent, and an artifact kept.
 */
export async function runDemo(
  options: DemoOptions,
): Promise<{ server: RunningServer; summary: DemoSummary; close: () => Promise<void> }> {
  const { say } = options;
  const home = options.home ?? mkdtempSync(join(tmpdir(), "weeknight-demo-"));
  const settings = readSettings(
    { ...process.env, WEEKNIGHT_DATABASE_URL: "" },
    {
      home,
      port: options.port ?? 0,
      host: "127.0.0.1",
      databaseUrl: undefined,
    },
  );
  say(`starting the server on the embedded SQLite database in ${home}`);
  const server = await startServer({ settings });
  const receiver = await startDemoReceiver((n) => say(describeNotification(n)));
  const close = async () => {
    await server.close();
    await receiver.close();
    // The agent outlives a real server on purpose; the demo's lives in a throwaway home.
    await stopLocalAgent(home);
  };
  try {
    const login = server.initialAdmin ?? {
      username: "admin",
      password: "(set on the first start)",
    };
    const api = await signIn({ url: server.url, ...login, tokenName: "demo", fetch });

    say("creating the sample app repository (examples/sample-app) with its first commit");
    const ports = { internal: await allocateFreePort(), production: await allocateFreePort() };
    const repo = await createDemoRepository(join(home, "git"), findExamplesDir(), ada, (work) => {
      const file = join(work, "weeknight.yml");
      writeFileSync(
        file,
        readFileSync(file, "utf8")
          .replace("port: 7081", `port: ${ports.internal}`)
          .replace("port: 7080", `port: ${ports.production}`),
      );
    });
    const urls = {
      internal: `http://127.0.0.1:${ports.internal}`,
      production: `http://127.0.0.1:${ports.production}`,
    };
    const added = await api.post<{ webhookSecret: string }>("/projects", {
      name: "sample-app",
      repoUrl: repo.origin,
      branch: "main",
      poll: 0,
    });
    await api.put("/projects/sample-app/secrets/DEMO_WEBHOOK_URL", { value: receiver.url });
    await installPostReceiveHook({
      repoPath: repo.origin,
      serverUrl: server.url,
      projectName: "sample-app",
      secret: added.webhookSecret,
    });
    say("registered project sample-app; a post-receive hook tells Weeknight about every push");

    say(`${bob.name} pushes a change that breaks a unit test…`);
    const failed = await buildAfterPush(server, () =>
      repo.pushChange("broken", bob, "refactor(greeting): drop the exclamation mark"),
    );
    say(`build ${failed.id} ${failed.status}${failed.error ? `: ${failed.error}` : ""}`);
    await server.services.notify.drain();

    say(`${ada.name} pushes the fix…`);
    const passed = await buildAfterPush(server, () =>
      repo.pushChange(
        "fixed",
        ada,
        "fix(greeting): capitalise names, keep the exclamation mark\n\nChangelog: Greetings write your name with a capital letter.",
      ),
    );
    say(
      `build ${passed.id} ${passed.status}${passed.artifact ? `, artifact sha256:${passed.artifact.sha256.slice(0, 12)}…` : ""}`,
    );

    // The green build goes to internal by itself, and on to production once verified there.
    const liveInternal = await deploymentOf(server, "internal", passed.id);
    const liveProduction = await deploymentOf(server, "production", passed.id);
    say(
      `build ${passed.id} is live: internal ${urls.internal} (${liveInternal.step}), production ${urls.production} (${liveProduction.step})`,
    );

    say(`${bob.name} pushes a change whose tests pass but which fails under real traffic…`);
    const risky = await buildAfterPush(server, () =>
      repo.pushChange("bad-release", bob, "perf(greeting): serve greetings from a cache"),
    );
    say(`build ${risky.id} ${risky.status}; it goes to internal, then to production as a canary`);
    await deploymentOf(server, "internal", risky.id);
    const canary = await withTraffic(
      `${urls.production}/?name=customer`,
      deploymentOf(server, "production", risky.id),
    );
    say(
      `production deployment of build ${risky.id} ${canary.result.step}: ${canary.result.reason ?? ""} (customers saw ${canary.errors} errors in ${canary.ok + canary.errors} requests)`,
    );
    await server.services.notify.drain();
    const deployments = (
      await server.services.deployments.list({ project: "sample-app", limit: 50 })
    ).reverse();

    const changelogUrl = `${server.url}/changelog/sample-app`;
    const published = await server.services.notes.notes.list({
      project: "sample-app",
      environment: "production",
      limit: 10,
    });
    const changelog = {
      url: changelogUrl,
      entries: published
        .filter((n) => n.publishedAt !== null && n.withdrawnAt === null)
        .map((n) => ({ title: `release ${n.id}`, text: n.customer.trim() })),
    };
    say(`release notes of build ${passed.id} are on the public changelog: ${changelogUrl}`);
    const ready = await api.get<Readiness>("/projects/sample-app/readiness");
    const readiness = {
      level: ready.level.current,
      next: ready.level.next,
      missing: ready.level.missingForNext,
    };
    say(
      `readiness: ${readiness.level}${readiness.next ? `; ${readiness.next} still needs ${readiness.missing.join(", ")}` : ""} (the project page's card says how)`,
    );

    const summary: DemoSummary = {
      url: server.url,
      home,
      login,
      builds: [failed, passed, risky].map((b) => ({
        id: b.id,
        status: b.status,
        sha: b.sha,
        ...(b.stages.find((s) => s.status === "failed")
          ? { failedStage: b.stages.find((s) => s.status === "failed")?.name }
          : {}),
        ...(b.artifact ? { artifact: { sha256: b.artifact.sha256, size: b.artifact.size } } : {}),
      })),
      notifications: receiver.received.map((n) => ({
        event: n.event,
        build: n.build.id,
        authors: n.authors.map((a) => a.name),
        ...(n.failedStage ? { failedStage: n.failedStage.name } : {}),
        ...(n.deployment ? { environment: n.deployment.environment } : {}),
      })),
      deployments: deployments.map((d) => ({
        id: d.id,
        environment: d.environment,
        build: d.buildId,
        status: d.step,
        url: urls[d.environment as keyof typeof urls],
        ...(d.reason ? { reason: d.reason } : {}),
      })),
      changelog,
      readiness,
    };
    return { server, summary, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Pushes, then waits for the build the push started to finish. */
async function buildAfterPush(
  server: RunningServer,
  push: () => Promise<string>,
): Promise<BuildView> {
  const { bus, builds } = server.services;
  let sha = "";
  const seen: DomainEvent[] = [];
  const finished = new Promise<number>((resolve, reject) => {
    const timeout = setTimeout(
      () => reject(new Error("the build did not finish within 2 minutes")),
      120_000,
    );
    const unsubscribe = bus.subscribe((event) => {
      seen.push(event);
      const match = seen.find(
        (e) =>
          ["build.passed", "build.failed", "build.cancelled"].includes(e.type) &&
          e.data.sha === sha,
      );
      if (sha && match) {
        clearTimeout(timeout);
        unsubscribe();
        resolve(Number(match.data.buildId));
      }
    });
  });
  sha = await push();
  return builds.get(await finished);
}
