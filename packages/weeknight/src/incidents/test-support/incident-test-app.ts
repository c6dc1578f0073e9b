import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ArtifactStore } from "../../artifacts/artifact-store.js";
import { createAuditLog } from "../../audit/audit-log.js";
import { manualClock } from "../../backups/test-support/backup-test-support.js";
import type { BuildExecutor } from "../../builds/build-executor.js";
import { createBuildService } from "../../builds/build-service.js";
import { createBuildSqlStore } from "../../builds/build-sql-store.js";
import type { DialectName } from "../../db/database.js";
import { createDeploymentService } from "../../deployments/deployment-service.js";
import { createDeploymentSqlStore } from "../../deployments/deployment-sql-store.js";
import type { TargetFactory } from "../../deployments/deployment-targets.js";
import { createEventBus, type DomainEvent, type EventBus } from "../../events/event-bus.js";
import { createHttpApp, type HttpApp } from "../../http/http-app.js";
import type { NotifyService } from "../../notify/notify-service.js";
import { createProjectService } from "../../projects/project-service.js";
import { createProjectSqlStore } from "../../projects/project-sql-store.js";
import {
  insertTestProject,
  openTestDatabase,
  type TestDatabase,
} from "../../test-support/test-databases.js";
import { createUserService } from "../../users/user-service.js";
import { createUserSqlStore } from "../../users/user-sql-store.js";
import { incidentRoutes } from "../incident-routes.js";
import { createIncidentService, type IncidentService } from "../incident-service.js";
import { createIncidentSqlStore } from "../incident-sql-store.js";

const unused = (what: string) => () => {
  throw new Error(`${what} is not used by incident tests`);
};

export interface IncidentTestApp {
  app: HttpApp;
  database: TestDatabase;
  incidents: IncidentService;
  events: DomainEvent[];
  bus: EventBus;
  clock: { now(): number; advance(ms: number): void };
  /** API tokens of a viewer (`vera`) and a deployer (`dave`). */
  tokens: { viewer: string; deployer: string };
  /** A build of `shop` with one commit, deployed to production and live since `liveAt`. */
  deploy(liveAt: number, environment?: string): Promise<{ deploymentId: number; sha: string }>;
  close(): Promise<void>;
}

/**
 * The incident routes in a real HTTP app over a real database, users, projects, builds and
 * deployments (the services the lead wires in `main/server.ts`), without the build runner.
 */
export async function startIncidentTestApp(
  dialect: DialectName,
  options: { openWindowMs?: number } = {},
): Promise<IncidentTestApp> {
  const clock = manualClock();
  const database = await openTestDatabase(dialect);
  const { db } = database;
  const projectId = await insertTestProject(db, "shop");
  const reposDir = mkdtempSync(join(tmpdir(), "weeknight-incidents-"));
  const bus = createEventBus({ clock });
  const events: DomainEvent[] = [];
  bus.subscribe((event) => events.push(event));
  const projects = createProjectService({ store: createProjectSqlStore(db), clock, reposDir });
  const buildStore = createBuildSqlStore(db);
  const builds = createBuildService({
    store: buildStore,
    projects,
    execute: unused("execute") as unknown as BuildExecutor,
    notify: {} as NotifyService,
    bus,
    clock,
    concurrency: 1,
    buildUrl: (id) => `/builds/${id}`,
  });
  const deploymentStore = createDeploymentSqlStore(db);
  const deployments = createDeploymentService({
    store: deploymentStore,
    builds,
    projects,
    artifacts: {} as ArtifactStore,
    targets: unused("targets") as unknown as TargetFactory,
    bus,
    clock,
  });
  const users = createUserService({ store: createUserSqlStore(db), clock });
  const audit = createAuditLog({ db, clock });
  const incidents = createIncidentService({
    store: createIncidentSqlStore(db),
    projects,
    deployments,
    builds,
    bus,
    clock,
    audit,
    openWindowMs: options.openWindowMs,
  });
  incidents.start();
  const app = await createHttpApp({
    version: "test",
    authenticator: users,
    routes: [incidentRoutes({ incidents, audit, markFix: unused("marking fixes") })],
    dashboardDir: null,
  });
  const tokenOf = async (username: string, role: "viewer" | "deployer") => {
    const { user } = await users.createUser({ username, role });
    const principal = { userId: user.id, username, role };
    return (await users.createToken(principal, "test")).token;
  };
  const tokens = {
    viewer: await tokenOf("vera", "viewer"),
    deployer: await tokenOf("dave", "deployer"),
  };
  let builtCount = 0;

  return {
    app,
    database,
    incidents,
    events,
    bus,
    clock,
    tokens,
    async deploy(liveAt, environment = "production") {
      builtCount += 1;
      const sha = `${String(builtCount).repeat(7)}${"a".repeat(33)}`;
      await buildStore.saveCommits(projectId, [
        {
          sha,
          authorName: "Alice",
          authorEmail: "alice@example.com",
          message: `Change ${builtCount}\n\nwith a body`,
          committedAt: liveAt - 60_000,
        },
      ]);
      const build = await buildStore.create({
        projectId,
        sha,
        branch: "main",
        trigger: "test",
        commitShas: [sha],
        queuedAt: liveAt - 30_000,
      });
      await buildStore.finish(build.id, "passed", liveAt - 20_000, null);
      const deployment = await deploymentStore.create({
        projectId,
        environment,
        buildId: build.id,
        previousDeploymentId: null,
        trigger: "test",
        createdAt: liveAt - 10_000,
      });
      await deploymentStore.setStep(deployment.id, "succeeded", liveAt);
      return { deploymentId: deployment.id, sha };
    },
    async close() {
      await incidents.stop();
      await app.close();
      await database.close();
      rmSync(reposDir, { recursive: true, force: true });
    },
  };
}
