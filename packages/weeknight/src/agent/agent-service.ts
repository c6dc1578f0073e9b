import { readlinkSync } from "node:fs";
import type { Clock } from "../clock.js";
import { InvalidInputError, NotFoundError } from "../errors/domain-errors.js";
import { type AgentArtifacts, createAgentArtifacts } from "./agent-artifacts.js";
import {
  type AgentPaths,
  agentPaths,
  allocateFreePort,
  findShell,
  inheritedEnv,
} from "./agent-paths.js";
import {
  APP_NAME_PATTERN,
  type AppStatus,
  desiredStateSchema,
  RELEASE_ID_PATTERN,
} from "./agent-schema.js";
import { createAgentStateStore } from "./agent-state-store.js";
import { type AppController, createAppController } from "./app-controller.js";
import { type AppRecord, newAppRecord } from "./app-record.js";
import { tailLog } from "./release-log.js";
import { stopGroup } from "./release-process.js";

export interface AgentDeps {
  /** Weeknight's home; the agent keeps everything under `<home>/agent/`. */
  home: string;
  clock: Clock;
  /** Address the apps' proxies listen on (default 127.0.0.1; 0.0.0.0 to serve the network). */
  proxyHost?: string;
  /** SIGTERM → SIGKILL grace when stopping a release (default 5 s). */
  stopGraceMs?: number;
  /** Longest wait for requests in flight before a release is stopped (default 30 s). */
  drainMs?: number;
  backoff?: { initialMs?: number; maxMs?: number; resetAfterMs?: number };
  allocatePort?: () => Promise<number>;
  /** Environment every release inherits (default: PATH, HOME, LANG… of the agent). */
  baseEnv?: Record<string, string>;
  log?: (line: string) => void;
}

export interface Agent {
  readonly paths: AgentPaths;
  /** Artifacts uploaded to this agent (for a remote agent, which cannot read the server's disk). */
  readonly artifacts: AgentArtifacts;
  /** Reloads the saved desired states and brings their releases back. */
  start(): Promise<void>;
  /** Stops every release (after its requests in flight) and proxy; the state stays on disk. */
  stop(): Promise<void>;
  putApp(app: string, doc: unknown): Promise<AppStatus>;
  getApp(app: string): AppStatus;
  listApps(): AppStatus[];
  rollback(app: string, to: string): Promise<AppStatus>;
  logs(app: string, release: string, tail: number): Promise<string[]>;
}

export function createAgent(deps: AgentDeps): Agent {
  const paths = agentPaths(deps.home);
  const log = deps.log ?? (() => {});
  const controllers = new Map<string, AppController>();
  const artifacts = createAgentArtifacts({ dir: paths.artifactsDir });
  // Changes to one app happen one at a time; different apps do not wait for each other.
  const queues = new Map<string, Promise<unknown>>();
  const store = createAgentStateStore({
    path: paths.stateFile,
    snapshot: () => ({
      version: 1,
      apps: Object.fromEntries([...controllers].map(([app, c]) => [app, c.record])),
    }),
  });
  const save = (): void => {
    store
      .save()
      .catch((error: Error) => log(`could not save ${paths.stateFile}: ${error.message}`));
  };
  const instance = {
    shell: findShell(process.env.PATH ?? ""),
    baseEnv: deps.baseEnv ?? inheritedEnv(process.env),
    allocatePort: deps.allocatePort ?? (() => allocateFreePort()),
    stopGraceMs: deps.stopGraceMs ?? 5000,
    drainMs: deps.drainMs ?? 30_000,
    backoff: { initialMs: 200, maxMs: 10_000, resetAfterMs: 30_000, ...deps.backoff },
  };
  const controllerFor = (record: AppRecord): AppController =>
    createAppController({
      record,
      paths,
      clock: deps.clock,
      proxyHost: deps.proxyHost ?? "127.0.0.1",
      instance,
      artifactPath: (run) =>
        artifacts.has(run.sha256) ? artifacts.pathFor(run.sha256) : run.artifactPath,
      save,
      log,
    });

  const serial = <T>(app: string, work: () => Promise<T>): Promise<T> => {
    const next = (queues.get(app) ?? Promise.resolve()).catch(() => {}).then(work);
    queues.set(app, next);
    return next;
  };
  const controller = (app: string): AppController => {
    checkAppName(app);
    const found = controllers.get(app);
    if (!found) throw new NotFoundError(`no app ${app} on this agent: PUT its desired state first`);
    return found;
  };

  return {
    paths,
    artifacts,
    async start() {
      const saved = await store.load();
      for (const [app, record] of Object.entries(saved.apps)) {
        await stopLeftovers(record, paths, instance.stopGraceMs, log);
        record.pids = {};
        // The canary's numbers did not survive the restart: its bake starts over.
        if (record.canaryRun) record.canaryRun.startedAt = null;
        const restored = controllerFor(record);
        controllers.set(app, restored);
        try {
          await restored.start();
        } catch (error) {
          log(`${app}: ${(error as Error).message}`);
        }
      }
      await store.save();
    },
    async stop() {
      await Promise.all([...controllers.values()].map((c) => c.stop()));
      await store.save();
    },
    async putApp(app, body) {
      checkAppName(app);
      const parsed = desiredStateSchema.safeParse(body);
      if (!parsed.success) {
        const problems = parsed.error.issues.map(
          (i) => `${i.path.join(".") || "body"}: ${i.message}`,
        );
        throw new InvalidInputError(
          `invalid desired state for ${app}: ${problems.join("; ")}`,
          problems,
        );
      }
      const doc = parsed.data;
      if (doc.app !== app) {
        throw new InvalidInputError(`desired state names app ${doc.app} but was sent for ${app}`);
      }
      return serial(app, async () => {
        const existing = controllers.get(app);
        if (existing) {
          await existing.accept(doc);
          return existing.status();
        }
        const created = controllerFor(newAppRecord(doc));
        await created.accept(doc); // throws (and is forgotten) when an artifact is refused
        controllers.set(app, created);
        save();
        return created.status();
      });
    },
    getApp: (app) => controller(app).status(),
    listApps: () => [...controllers.values()].map((c) => c.status()),
    async rollback(app, to) {
      const found = controller(app);
      return serial(app, async () => {
        found.rollback(to);
        return found.status();
      });
    },
    async logs(app, release, tail) {
      controller(app);
      if (!RELEASE_ID_PATTERN.test(release))
        throw new InvalidInputError(`invalid release id ${release}`);
      return tailLog(paths.logFile(app, release), tail);
    },
  };
}

function checkAppName(app: string): void {
  if (!APP_NAME_PATTERN.test(app)) {
    throw new InvalidInputError(
      `invalid app ${app}: expected <project>/<environment>, e.g. shop/production`,
    );
  }
}

/**
 * An agent that was killed left its releases running, their output going nowhere.
 * They are stopped and started again under supervision; the process's working
 * directory guards against a recycled pid that now belongs to someone else.
 */
async function stopLeftovers(
  record: AppRecord,
  paths: AgentPaths,
  graceMs: number,
  log: (line: string) => void,
): Promise<void> {
  await Promise.all(
    Object.entries(record.pids).map(async ([release, pid]) => {
      if (!startedHere(pid, paths.releasesRoot)) return;
      log(`${record.desired.app} ${release}: stopping pid ${pid} left by the previous agent`);
      await stopGroup(pid, graceMs);
    }),
  );
}

function startedHere(pid: number, releasesRoot: string): boolean {
  try {
    return readlinkSync(`/proc/${pid}/cwd`).startsWith(releasesRoot);
  } catch {
    return false; // gone, or not ours to look at
  }
}
