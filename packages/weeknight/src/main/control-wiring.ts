import type { AuditLog } from "../audit/audit-log.js";
import { createBlockService } from "../blocks/block-service.js";
import { createBlockSqlStore } from "../blocks/block-sql-store.js";
import { blockAfterRollback } from "../blocks/rollback-block.js";
import type { BuildService } from "../builds/build-service.js";
import type { Clock } from "../clock.js";
import type { Db } from "../db/database.js";
import type { DeploymentService } from "../deployments/deployment-service.js";
import { createEnvironmentScheduler } from "../environments/environment-scheduler.js";
import type { EnvironmentService } from "../environments/environment-service.js";
import type { EventBus } from "../events/event-bus.js";
import { createIncidentFixSqlStore } from "../incidents/incident-fixes.js";
import type { IncidentService } from "../incidents/incident-service.js";
import type { NotifyService } from "../notify/notify-service.js";
import type { ProjectService } from "../projects/project-service.js";
import { createApprovalSqlStore } from "../risk/approval-store.js";
import { createDeployCalendar } from "../risk/deploy-calendar.js";
import { createDeployControl } from "../risk/deploy-control.js";
import { createDeployNotices, type DeployNotices } from "../risk/deploy-notices.js";
import { createPolicyLog } from "../risk/policy-log.js";

/**
 * Risk and control, wired: blocks, the deploy control (risk, approvals, holds), the afternoon
 * notices, the scheduler that obeys them, and the calendar.
 */
export function wireControl(deps: {
  db: Db;
  projects: ProjectService;
  builds: BuildService;
  deployments: DeploymentService;
  environments: EnvironmentService;
  incidents: IncidentService;
  notify: NotifyService;
  audit: AuditLog;
  bus: EventBus;
  clock: Clock;
  publicUrl: () => string;
}) {
  const {
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
  } = deps;
  const fixes = createIncidentFixSqlStore(db);
  const dashboardUrl = (project: string, environment: string) =>
    `${publicUrl()}/projects/${project}/environments/${environment}`;
  let notices: DeployNotices | undefined;
  const blocks = createBlockService({
    store: createBlockSqlStore(db),
    projects,
    bus,
    clock,
    audit,
    environmentNames: async (project) =>
      Object.keys((await environments.currentConfig(project))?.config.environments ?? {}),
    buildProject: async (id) => (await builds.get(id).catch(() => null))?.projectId ?? null,
    announce: (change, block) =>
      void notices
        ?.blockChanged(change, block)
        .catch((error) =>
          console.error(
            `weeknight: notifying about block ${block.id}: ${(error as Error).message}`,
          ),
        ),
  });
  const stopRollbackBlocks = blockAfterRollback({ bus, blocks });
  const control = createDeployControl({
    projects,
    builds,
    deployments,
    blocks,
    approvals: createApprovalSqlStore(db),
    incidents,
    fixes,
    currentConfig: environments.currentConfig,
    candidate: environments.candidate,
    audit,
    bus,
    clock,
  });
  notices = createDeployNotices({
    projects,
    deployments,
    builds,
    control,
    currentConfig: environments.currentConfig,
    candidate: environments.candidate,
    notify,
    bus,
    clock,
    environmentUrl: dashboardUrl,
    projectUrl: (project) => `${publicUrl()}/projects/${project}`,
  });
  const scheduler = createEnvironmentScheduler({
    projects,
    environments,
    deployments,
    control,
    notices,
    policyLog: createPolicyLog({
      audit,
      commitAuthor: async (_project, build) =>
        (await builds.get(build.id)).commits.find((c) => c.sha === build.sha)?.authorName ??
        "weeknight",
    }),
    audit,
    bus,
    clock,
  });
  const calendar = createDeployCalendar({
    projects,
    currentConfig: environments.currentConfig,
    blocks,
    clock,
  });
  return { blocks, control, notices, scheduler, calendar, fixes, stopRollbackBlocks };
}
