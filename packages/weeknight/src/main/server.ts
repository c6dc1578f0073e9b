import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { createArtifactStore } from "../artifacts/artifact-store.js";
import { createAuditLog } from "../audit/audit-log.js";
import { auditRoutes } from "../audit/audit-routes.js";
import { backupRoutes } from "../backups/backup-routes.js";
import { createBackupService } from "../backups/backup-service.js";
import { createBackupSqlStore } from "../backups/backup-sql-store.js";
import { blockRoutes } from "../blocks/block-routes.js";
import { slashRoutes } from "../blocks/slash-routes.js";
import { createBuildExecutor } from "../builds/build-executor.js";
import { createBuildLogs } from "../builds/build-log.js";
import { createBuildPoller } from "../builds/build-poller.js";
import { buildRoutes } from "../builds/build-routes.js";
import { createBuildService } from "../builds/build-service.js";
import { createBuildSqlStore } from "../builds/build-sql-store.js";
import { webhookRoutes } from "../builds/webhook-routes.js";
import { changelogRoutes } from "../changelog/changelog-routes.js";
import { type Clock, systemClock } from "../clock.js";
import { createDatabase, type Database } from "../db/database.js";
import { createCrashWatch } from "../deployments/crash-watch.js";
import { deploymentRoutes } from "../deployments/deployment-routes.js";
import {
  createDeploymentService,
  type DeploymentService,
} from "../deployments/deployment-service.js";
import { createDeploymentSqlStore } from "../deployments/deployment-sql-store.js";
import { createTargetFactory } from "../deployments/deployment-targets.js";
import { createTargetStatusBoard } from "../deployments/target-status-board.js";
import { createDataRefresh } from "../environments/data-refresh.js";
import { dataRefreshRoutes, environmentRoutes } from "../environments/environment-routes.js";
import type { EnvironmentScheduler } from "../environments/environment-scheduler.js";
import {
  createEnvironmentService,
  type EnvironmentService,
} from "../environments/environment-service.js";
import { overviewRoutes } from "../environments/overview-routes.js";
import { InvalidInputError, NotFoundError } from "../errors/domain-errors.js";
import { createEventBus } from "../events/event-bus.js";
import { eventRoutes } from "../events/event-routes.js";
import { createHttpApp, type HttpApp } from "../http/http-app.js";
import { bearerToken, hasRole } from "../http/http-auth.js";
import { createFixMarker } from "../incidents/incident-fixes.js";
import { incidentRoutes } from "../incidents/incident-routes.js";
import { createIncidentService, type IncidentService } from "../incidents/incident-service.js";
import { createIncidentSqlStore } from "../incidents/incident-sql-store.js";
import { createServerMetrics } from "../metrics/server-metrics.js";
import { createAlertNotifier } from "../monitors/alert-notifier.js";
import { createDeploymentGate } from "../monitors/deployment-gate.js";
import { lokiPushRoute } from "../monitors/logs/index.js";
import { createCheckFactory } from "../monitors/monitor-checks.js";
import { monitorRoutes } from "../monitors/monitor-routes.js";
import { createMonitorService, type MonitorService } from "../monitors/monitor-service.js";
import { createMonitorSqlStore } from "../monitors/monitor-sql-store.js";
import { silenceRoutes } from "../monitors/silence-routes.js";
import { createSilenceSqlStore } from "../monitors/silences.js";
import { channelRoutes } from "../notify/channel-routes.js";
import { deliveryRoutes } from "../notify/delivery-routes.js";
import { createDeliverySqlStore } from "../notify/delivery-sql-store.js";
import { createNotifyService, type RetryPolicy } from "../notify/notify-service.js";
import { createProcessRunner } from "../process/process-runner.js";
import { projectRoutes } from "../projects/project-routes.js";
import { createProjectService } from "../projects/project-service.js";
import { createProjectSqlStore } from "../projects/project-sql-store.js";
import { controlRoutes } from "../risk/control-routes.js";
import type { DeployControl } from "../risk/deploy-control.js";
import type { DeployNotices } from "../risk/deploy-notices.js";
import { createAgentClient } from "../targets/process/agent-client.js";
import { createProcessTarget } from "../targets/process/process-target.js";
import { createSshTarget } from "../targets/ssh/ssh-target.js";
import type { Target } from "../targets/target.js";
import { userRoutes } from "../users/user-routes.js";
import { createUserService } from "../users/user-service.js";
import { createUserSqlStore } from "../users/user-sql-store.js";
import { wireControl } from "./control-wiring.js";
import { wireFlags } from "./flag-wiring.js";
import { localAgentClient } from "./local-agent.js";
import { wireNotes } from "./notes-wiring.js";
import { packageVersion } from "./package-version.js";
import { scoreboardRoutes } from "./scoreboard-wiring.js";
import { type Settings, stageBaseEnv } from "./settings.js";

export interface RunningServer {
  url: string;
  app: HttpApp;
  database: Database;
  /** Set only on the very first start: the admin's one-time password. */
  initialAdmin: { username: string; password: string } | null;
  services: {
    users: ReturnType<typeof createUserService>;
    projects: ReturnType<typeof createProjectService>;
    builds: ReturnType<typeof createBuildService>;
    notify: ReturnType<typeof createNotifyService>;
    bus: ReturnType<typeof createEventBus>;
    deployments: DeploymentService;
    environments: EnvironmentService;
    scheduler: EnvironmentScheduler;
    monitors: MonitorService;
    incidents: IncidentService;
    control: DeployControl;
    notices: DeployNotices;
    flags: ReturnType<typeof wireFlags>;
    notes: ReturnType<typeof wireNotes>;
  };
  close(): Promise<void>;
}

export interface ServerOptions {
  settings: Settings;
  clock?: Clock;
  /** Tests shorten the notification retry backoff. */
  notifyRetry?: RetryPolicy;
  pollTickMs?: number;
  /** How often live releases are checked for crashes (default 5 s). */
  crashWatchMs?: number;
  /** How long firing alerts wait for others of the same deploy before one message (default 10 s). */
  alertGroupWaitMs?: number;
  /** How often firing alerts are checked for a reminder (default 1 min). */
  alertReminderCheckMs?: number;
  /** How often scheduled flag ramps are checked for due steps (default 30 s). */
  flagRampTickMs?: number;
}

function remoteAgent(url: string, token: string | undefined) {
  if (!token) {
    throw new InvalidInputError(
      `target.agent ${url} needs target.agent_token: add agent_token: \${AGENT_TOKEN} (a secret)`,
    );
  }
  return createAgentClient({ url, token });
}

/** Wires every module together and starts listening: the embedded server. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const { settings } = options;
  const clock = options.clock ?? systemClock;
  // The home holds the database, secrets and artifacts: readable by this user only.
  mkdirSync(settings.home, { recursive: true, mode: 0o700 });
  const database = createDatabase({
    url: settings.databaseUrl,
    sqlitePath: join(settings.home, "weeknight.db"),
  });
  await database.migrate();
  const { db } = database;

  const bus = createEventBus({ clock });
  const audit = createAuditLog({ db, clock });
  const users = createUserService({ store: createUserSqlStore(db), clock });
  const projects = createProjectService({
    store: createProjectSqlStore(db),
    clock,
    reposDir: join(settings.home, "repos"),
  });
  const artifacts = createArtifactStore({ dir: join(settings.home, "artifacts") });
  const logs = createBuildLogs({ dir: join(settings.home, "logs"), bus, clock });
  const deliveryStore = createDeliverySqlStore({ db });
  // Deliveries cut off by the last shutdown or crash are not retried: the build has moved on.
  await deliveryStore.failPending(
    "interrupted: the server stopped before it was delivered",
    clock.now(),
  );
  const notify = createNotifyService({
    store: deliveryStore,
    clock,
    email: { smtpUrl: settings.smtpUrl, from: settings.smtpFrom },
    retry: options.notifyRetry,
    onDelivery: (d) =>
      void projects
        .getById(d.projectId)
        .then((p) => bus.publish("delivery.finished", { ...d, deliveryId: d.id, project: p.name })),
  });
  let url = "";
  const publicUrl = () => settings.publicUrl ?? url;
  const store = createBuildSqlStore(db);
  const runner = createProcessRunner({ clock });
  const execute = createBuildExecutor({
    store,
    projects,
    logs,
    artifacts,
    runner,
    bus,
    clock,
    workspacesDir: join(settings.home, "workspaces"),
    baseEnv: stageBaseEnv(process.env),
    serverUrl: publicUrl,
  });
  const builds = createBuildService({
    store,
    projects,
    execute,
    notify,
    bus,
    clock,
    concurrency: settings.buildConcurrency,
    buildUrl: (id) => `${publicUrl()}/api/v1/builds/${id}`,
  });
  const poller = createBuildPoller({ projects, builds, clock, tickMs: options.pollTickMs });
  const backups = createBackupService({
    store: createBackupSqlStore(db),
    clock,
    home: settings.home,
    runner,
    baseEnv: stageBaseEnv(process.env),
  });
  await backups.abandonRunning();
  // Started on the first deployment that needs it, then shared by every environment.
  const localAgent = localAgentClient(settings.home);
  const targets = createTargetFactory({
    runner,
    home: settings.home,
    baseEnv: stageBaseEnv(process.env),
    makers: {
      ssh: ({ config, healthPath }) => createSshTarget({ config, healthPath }) as Target<unknown>,
      process: ({ project, environment, config }) =>
        createProcessTarget({
          config,
          app: `${project}/${environment}`,
          agent: config.agent ? remoteAgent(config.agent, config.agent_token) : localAgent,
        }) as Target<unknown>,
    },
  });
  const checks = createCheckFactory({
    clock,
    agentFor: (target) =>
      target.type !== "process"
        ? null
        : target.agent
          ? remoteAgent(target.agent, target.agent_token)
          : localAgent,
  });
  const deployments = createDeploymentService({
    gate: createDeploymentGate({ makeCheck: checks.make, clock }),
    store: createDeploymentSqlStore(db),
    builds,
    projects,
    artifacts,
    targets,
    bus,
    clock,
    notify,
    deploymentUrl: (id) => `${publicUrl()}/api/v1/deployments/${id}`,
    backup: async ({ project, environment, config, deploymentId }) => {
      if (!config.backup) return "none";
      const backup = await backups.create({
        projectId: project.id,
        project: project.name,
        environment,
        config: config.backup,
        deploymentId,
      });
      return `${backup.id} (${backup.size} bytes)`;
    },
  });
  let scheduler: EnvironmentScheduler | undefined;
  let control: DeployControl | undefined;
  const statuses = createTargetStatusBoard();
  const environments = createEnvironmentService({
    projects,
    builds,
    deployments,
    statuses,
    targets,
    nextRunAt: (project, environment) => scheduler?.nextRunAt(project, environment) ?? null,
    control: (project, name, config, candidate, live) => {
      if (!control) throw new Error("the deploy control is not wired yet");
      return control.view(project, name, config, candidate, live);
    },
  });
  const crashWatch = createCrashWatch({
    projects,
    environments,
    deployments,
    targets,
    statuses,
    bus,
    clock,
    intervalMs: options.crashWatchMs,
  });
  const silences = createSilenceSqlStore(db);
  const alertNotifier = createAlertNotifier({
    silences,
    notify,
    projects,
    environments,
    deployments,
    builds,
    clock,
    buildUrl: (id) => `${publicUrl()}/builds/${id}`,
    groupWaitMs: options.alertGroupWaitMs,
    reminderCheckMs: options.alertReminderCheckMs,
    monitorsUrl: (project, environment) =>
      `${publicUrl()}/projects/${project}/environments/${environment}`,
  });
  const incidents = createIncidentService({
    store: createIncidentSqlStore(db),
    projects,
    deployments,
    builds,
    bus,
    clock,
    audit,
  });
  const monitors = createMonitorService({
    store: createMonitorSqlStore(db),
    projects,
    environments,
    liveDeployment: (project, environment) => deployments.live(project, environment),
    bus,
    clock,
    makeCheck: checks.make,
    onAlert: (alert, change) => {
      alertNotifier.add(alert, change);
      void incidents.onAlert(alert, change);
    },
  });
  const wired = wireControl({
    db,
    projects,
    builds,
    deployments,
    environments,
    incidents,
    notify,
    audit,
    bus,
    clock,
    publicUrl,
  });
  const { blocks, calendar, fixes, notices, stopRollbackBlocks } = wired;
  control = wired.control;
  scheduler = wired.scheduler;
  const flags = wireFlags({
    db,
    projects,
    environments,
    monitors,
    notify,
    audit,
    bus,
    clock,
    publicUrl,
    rampTickMs: options.flagRampTickMs,
  });
  const notes = wireNotes({
    db,
    projects,
    builds,
    deployments,
    environments,
    flags: flags.store,
    notify,
    audit,
    bus,
    clock,
    publicUrl,
    onError: (error) =>
      console.error(`weeknight: release notes: ${(error as Error).message ?? String(error)}`),
  });
  const metrics = createServerMetrics({ bus });

  const app = await createHttpApp({
    version: packageVersion(),
    authenticator: users,
    rootRoutes: [
      metrics.register,
      // Log shippers push like they would to Loki, with a deployer's API token.
      lokiPushRoute({
        authenticate: async (request) => {
          const token = bearerToken(request);
          const principal = token ? await users.authenticate(token) : null;
          return principal !== null && hasRole(principal, "deployer");
        },
        ingest: (labels, lines) => checks.ingest(labels, lines),
      }),
      // SDKs, OFREP providers and Unleash clients, each with an SDK key.
      ...flags.rootRoutes,
      // The public changelog and its feeds: no sign-in.
      changelogRoutes({ source: notes.changelog }),
    ],
    routes: [
      userRoutes({ users, audit }),
      projectRoutes({ projects, bus, audit }),
      buildRoutes({ builds, logs, artifacts, bus, clock, audit }),
      webhookRoutes({ projects, builds }),
      deliveryRoutes({ store: deliveryStore, projects }),
      channelRoutes({
        projects,
        currentConfig: environments.currentConfig,
        notify,
        audit,
        buildUrl: (id) => `${publicUrl()}/api/v1/builds/${id}`,
      }),
      eventRoutes({ bus }),
      environmentRoutes({ environments }),
      overviewRoutes({ projects, builds, environments, bus, clock }),
      dataRefreshRoutes({
        audit,
        refresh: createDataRefresh({
          projects,
          environments,
          backups,
          runner,
          baseEnv: stageBaseEnv(process.env),
          workDir: settings.home,
        }),
      }),
      deploymentRoutes({ deployments, environments, control, audit }),
      controlRoutes({ control, calendar }),
      blockRoutes({ blocks }),
      auditRoutes({ audit }),
      ...flags.routes,
      ...notes.routes,
      slashRoutes({ blocks, clock, signingSecret: () => settings.slashSigningSecret }),
      monitorRoutes({ monitors }),
      ...scoreboardRoutes({
        projects,
        currentConfig: environments.currentConfig,
        environments,
        builds,
        deployments,
        deliveries: deliveryStore,
        backups,
        fixes,
        incidents,
        clock,
      }),
      silenceRoutes({ silences, projects, audit, clock }),
      incidentRoutes({
        incidents,
        audit,
        markFix: createFixMarker({ store: fixes, incidents, builds, clock }),
      }),
      backupRoutes({
        backups,
        projects,
        audit,
        resolveBackupConfig: async (projectName, environment) => {
          const project = await projects.get(projectName);
          const backup = (await environments.currentConfig(project))?.config.environments[
            environment
          ]?.backup;
          if (!backup) {
            throw new NotFoundError(
              `${projectName}'s environment ${environment} has no backup: configured in weeknight.yml (see docs/backups.md)`,
            );
          }
          return { projectId: project.id, config: backup, env: {} };
        },
      }),
    ],
  });
  const initialAdmin = await users.ensureAdmin();
  let address: string;
  try {
    address = await app.listen({ host: settings.host, port: settings.port });
  } catch (error) {
    await app.close();
    await database.close();
    throw error;
  }
  url = address.replace("[::1]", "localhost");
  await builds.start();
  await deployments.resume();
  await monitors.start();
  alertNotifier.resume(await monitors.alerts({ states: ["firing"], limit: 10_000 }));
  alertNotifier.start();
  incidents.start();
  await scheduler.start();
  crashWatch.start();
  poller.start();
  flags.start();
  notes.start();

  return {
    url,
    app,
    database,
    initialAdmin,
    services: {
      users,
      projects,
      builds,
      notify,
      bus,
      deployments,
      environments,
      scheduler,
      monitors,
      incidents,
      control,
      notices,
      flags,
      notes,
    },
    async close() {
      await poller.stop();
      await app.close();
      await flags.stop();
      notes.stop();
      await crashWatch.stop();
      alertNotifier.stop();
      await monitors.stop();
      await incidents.stop();
      await checks.close();
      await scheduler?.stop();
      stopRollbackBlocks();
      await builds.stop();
      await deployments.stop();
      await alertNotifier.flush();
      await notify.drain();
      await database.close();
    },
  };
}
