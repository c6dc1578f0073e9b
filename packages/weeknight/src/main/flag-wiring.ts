import type { AuditLog } from "../audit/audit-log.js";
import type { Clock } from "../clock.js";
import type { Db } from "../db/database.js";
import type { EnvironmentService } from "../environments/environment-service.js";
import type { EventBus } from "../events/event-bus.js";
import { createFlagDelivery } from "../flags/flag-delivery-service.js";
import { createFlagNotices, type FlagNotice } from "../flags/flag-notices.js";
import { createFlagRamps } from "../flags/flag-ramps.js";
import { flagRoutes } from "../flags/flag-routes.js";
import { createFlagService } from "../flags/flag-service.js";
import { createFlagSqlStore } from "../flags/flag-sql-store.js";
import { createStaleFlagCheck } from "../flags/flag-stale.js";
import { flagStepRoutes } from "../flags/flag-step-routes.js";
import { createFlagUsageSqlStore } from "../flags/flag-usage-sql-store.js";
import { ofrepRoutes } from "../flags/ofrep-routes.js";
import { sdkKeyRoutes } from "../flags/sdk-key-routes.js";
import { createSdkKeyService } from "../flags/sdk-key-service.js";
import { createSdkKeySqlStore } from "../flags/sdk-key-sql-store.js";
import { sdkRoutes } from "../flags/sdk-routes.js";
import { segmentRoutes } from "../flags/segment-routes.js";
import { createSegmentService } from "../flags/segment-service.js";
import { unleashClientRoutes } from "../flags/unleash-client-routes.js";
import type { HttpApp, RoutesPlugin } from "../http/http-app.js";
import type { MonitorService } from "../monitors/monitor-service.js";
import type { NotifyService } from "../notify/notify-service.js";
import type { ProjectService } from "../projects/project-service.js";
import type { Project } from "../projects/project-store.js";

const STALE_CHECK_MS = 60 * 60_000;

/**
 * Feature flags, wired: the management API, segments, SDK keys, the evaluation APIs (Weeknight
 * SDK, OFREP, Unleash client API), scheduled ramps and the stale-flag reminder.
 */
export function wireFlags(deps: {
  db: Db;
  projects: ProjectService;
  environments: EnvironmentService;
  monitors: MonitorService;
  notify: NotifyService;
  audit: AuditLog;
  bus: EventBus;
  clock: Clock;
  publicUrl: () => string;
  rampTickMs?: number;
}) {
  const { db, projects, environments, audit, bus, clock } = deps;
  const environmentNames = async (project: Project) =>
    Object.keys((await environments.currentConfig(project))?.config.environments ?? {});
  const store = createFlagSqlStore(db);
  const usage = createFlagUsageSqlStore(db);
  const segments = createSegmentService({ store, projects, bus, clock, audit });
  const flags = createFlagService({
    store,
    projects,
    bus,
    clock,
    audit,
    environmentNames,
    segments,
  });
  const keys = createSdkKeyService({
    store: createSdkKeySqlStore(db),
    projects,
    clock,
    audit,
    environmentNames,
  });
  const delivery = createFlagDelivery({ store, segments, keys, usage, bus, clock });
  const notices = createFlagNotices({
    notify: deps.notify,
    projects,
    currentConfig: environments.currentConfig,
  });
  const notify = (event: "flag.stale" | "flag.ramp-paused") => (notice: Omit<FlagNotice, "url">) =>
    notices.send(event, {
      ...notice,
      url: `${deps.publicUrl()}/projects/${notice.project}/flags/${notice.flag}`,
    });
  const ramps = createFlagRamps({
    flags,
    store,
    projects,
    bus,
    clock,
    firing: async (project, environment) =>
      (await deps.monitors.alerts({ project, environment, states: ["firing"], limit: 100 })).map(
        (alert) => alert.monitor,
      ),
    notify: notify("flag.ramp-paused"),
    tickMs: deps.rampTickMs,
  });
  const staleCheck = createStaleFlagCheck({
    store,
    projects,
    clock,
    notify: notify("flag.stale"),
  });
  let staleTimer: NodeJS.Timeout | undefined;

  const routes: RoutesPlugin[] = [
    flagStepRoutes({ flags, ramps }),
    flagRoutes({
      flags,
      usage,
      projectId: async (name) => (await projects.get(name)).id,
      now: clock.now,
    }),
    segmentRoutes({ segments }),
    sdkKeyRoutes({ keys }),
    sdkRoutes({ delivery }),
  ];
  const rootRoutes: ((app: HttpApp) => void)[] = [
    ofrepRoutes({ delivery }),
    unleashClientRoutes({ delivery }),
  ];
  return {
    flags,
    store,
    ramps,
    staleCheck,
    routes,
    rootRoutes,
    start() {
      ramps.start();
      staleTimer = setInterval(() => void staleCheck().catch(() => {}), STALE_CHECK_MS);
      void staleCheck().catch(() => {});
    },
    async stop() {
      clearInterval(staleTimer);
      await ramps.stop();
      delivery.stop();
    },
  };
}
