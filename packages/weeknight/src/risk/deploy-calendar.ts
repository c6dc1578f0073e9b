import type { BlockService } from "../blocks/block-service.js";
import type { Build } from "../builds/build-store.js";
import type { Clock } from "../clock.js";
import type { EnvironmentConfig, WeeknightConfig } from "../config/config-schema.js";
import type { ProjectService } from "../projects/project-service.js";
import type { Project } from "../projects/project-store.js";
import { environmentTimezone } from "./deploy-policy.js";
import { freezeRange, plannedRuns, type RunStatus, type WindowRules } from "./deploy-windows.js";

const DAY = 24 * 60 * 60 * 1000;

/** The calendar of upcoming deploys: each scheduled run and what would happen to it. */
export function createDeployCalendar(deps: {
  projects: ProjectService;
  currentConfig: (project: Project) => Promise<{ config: WeeknightConfig; build: Build } | null>;
  blocks: BlockService;
  clock: Clock;
}) {
  async function environment(
    project: Project,
    name: string,
    env: EnvironmentConfig,
    range: { from: number; to: number },
  ) {
    const timezone = environmentTimezone(env);
    const rules: WindowRules = { timezone, windows: env.windows ?? null, freezes: env.freezes };
    const blocks = (await deps.blocks.active(project.name)).filter(
      (b) =>
        (b.environment === null || b.environment === name) && b.buildId === null && b.sha === null,
    );
    const planned =
      typeof env.deploy === "object"
        ? plannedRuns({
            schedule: env.deploy.schedule,
            scheduleTimezone: env.deploy.timezone,
            rules,
            ...range,
          })
        : [];
    const runs = planned.map((run) => {
      const block = blocks.find((b) => b.expiresAt === null || b.expiresAt > run.at);
      if (run.status !== "deploy" || !block) return run;
      return {
        at: run.at,
        status: "blocked" as RunStatus | "blocked",
        reason: `blocked by ${block.createdBy}: ${block.reason}`,
      };
    });
    return {
      project: project.name,
      environment: name,
      timezone,
      deploy:
        typeof env.deploy === "object"
          ? `${env.deploy.schedule} (${env.deploy.timezone})`
          : env.deploy,
      windows: env.windows ?? null,
      freezes: env.freezes
        .map((freeze) => ({ name: freeze.name, ...freezeRange(freeze, timezone) }))
        .filter((f) => f.until > range.from)
        .map((f) => ({ name: f.name, from: f.from, to: f.until })),
      runs,
    };
  }

  return {
    async upcoming(input: { days: number; project?: string }) {
      const from = deps.clock.now();
      const range = { from, to: from + input.days * DAY };
      const projects = input.project
        ? [await deps.projects.get(input.project)]
        : await deps.projects.list();
      const environments = [];
      for (const project of projects) {
        const current = await deps.currentConfig(project);
        for (const [name, env] of Object.entries(current?.config.environments ?? {}))
          environments.push(await environment(project, name, env, range));
      }
      return { ...range, environments };
    },
  };
}

export type DeployCalendar = ReturnType<typeof createDeployCalendar>;
