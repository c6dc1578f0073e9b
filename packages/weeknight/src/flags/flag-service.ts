import { type Context, compileFlags, type Flag, type FlagType } from "@weeknight/flags-sdk";
import type { AuditLog } from "../audit/audit-log.js";
import type { Clock } from "../clock.js";
import { ConflictError, InvalidInputError, NotFoundError } from "../errors/domain-errors.js";
import type { EventBus } from "../events/event-bus.js";
import type { ProjectService } from "../projects/project-service.js";
import type { Project } from "../projects/project-store.js";
import { explainFlag } from "./flag-evaluation.js";
import {
  OFF,
  releasedAt,
  stageOf,
  toAdmins,
  toCustomers,
  toReleased,
  toRollout,
} from "./flag-lifecycle.js";
import { FLAG_KEY, type FlagView } from "./flag-schema.js";
import type { FlagConfig, FlagEnvironment, FlagRecord, FlagStore, Ramp } from "./flag-store.js";
import { toFlagView } from "./flag-view.js";
import type { SegmentService } from "./segment-service.js";

/** A lifecycle step, as the CLI and dashboard buttons take them. */
export type FlagChange =
  | { action: "admins" }
  | { action: "customers"; customers: string[]; mode?: "set" | "add" | "remove" }
  | { action: "rollout"; percent: number; stickiness?: string }
  | { action: "release" }
  | { action: "kill"; reason?: string }
  | { action: "enable" };

export type FlagService = ReturnType<typeof createFlagService>;

/**
 * Feature flags of a project: lifecycle steps and hand-written rules per environment, named
 * segments, ramps. Every change is audited (`flag.*`) and published as `flag.changed`.
 */
export function createFlagService(deps: {
  store: FlagStore;
  projects: ProjectService;
  bus: EventBus;
  clock: Clock;
  audit: AuditLog;
  /** Environments the project's weeknight.yml defines. */
  environmentNames: (project: Project) => Promise<string[]>;
  segments: SegmentService;
}) {
  const { store, projects, bus, clock, audit } = deps;

  async function view(project: Project, flag: FlagRecord): Promise<FlagView> {
    return toFlagView(project.name, flag, await deps.environmentNames(project), clock.now());
  }

  async function find(projectName: string, key: string) {
    const project = await projects.get(projectName);
    const flag = await store.get(project.id, key);
    if (!flag || flag.archivedAt !== null) {
      throw new NotFoundError(
        `${project.name} has no flag "${key}"${flag ? " (it was archived)" : ""} — see weeknight flag list -p ${project.name}`,
      );
    }
    return { project, flag };
  }

  async function checkEnvironment(project: Project, environment: string) {
    const names = await deps.environmentNames(project);
    if (!names.includes(environment)) {
      throw new NotFoundError(
        `${project.name} has no environment "${environment}"${names.length ? ` — it has ${names.join(", ")}` : ""}`,
      );
    }
  }

  /** Refuses rules that SDKs would turn off: unknown segments, bad operators' values. */
  async function checkConfig(project: Project, key: string, config: FlagConfig) {
    const segments = await deps.segments.segmentsOf(project.id);
    const known = new Set(segments.map((s) => s.name));
    for (const rule of config.rules) {
      const missing = rule.segments.find((s) => !known.has(s));
      if (missing !== undefined) {
        throw new InvalidInputError(
          `segment "${missing}" does not exist in ${project.name} — create it with weeknight flag segment set ${missing} …`,
        );
      }
    }
    const flag: Flag = { key, type: "release", ...config };
    const { problems } = compileFlags({ version: "check", flags: [flag], segments });
    if (problems.length > 0) throw new InvalidInputError(problems.join("; "));
  }

  async function save(
    project: Project,
    flag: FlagRecord,
    environment: string,
    next: FlagConfig & { ramp?: Ramp | null },
    by: string,
    action: string,
    details: Record<string, unknown> = {},
  ) {
    const before = flag.environments.find((e) => e.environment === environment);
    const now = clock.now();
    const saved: FlagEnvironment = {
      environment,
      enabled: next.enabled,
      rules: next.rules,
      variants: next.variants,
      ramp: next.ramp === undefined ? (before?.ramp ?? null) : next.ramp,
      releasedAt: releasedAt(before, before?.releasedAt ?? null, next, now),
      updatedBy: by,
      updatedAt: now,
    };
    await store.saveEnvironment(flag.id, saved);
    const { stage, percent } = stageOf(saved);
    await changed(project, flag.key, environment, action, by, stage, { percent, ...details });
    return view(project, (await store.get(project.id, flag.key)) ?? flag);
  }

  /** Audits a change (`flag.<action>`) and tells SDKs' deliveries and dashboards. */
  async function changed(
    project: Project,
    key: string,
    environment: string | null,
    action: string,
    by: string,
    stage: string | null,
    details: Record<string, unknown> = {},
  ) {
    await audit.record({
      actor: by,
      action: `flag.${action}`,
      target: `flag:${key}`,
      project: project.name,
      environment,
      details: stage === null || environment === null ? details : { stage, ...details },
    });
    bus.publish("flag.changed", {
      project: project.name,
      projectId: project.id,
      environment,
      key,
      stage,
      action,
      by,
    });
  }

  function configOf(flag: FlagRecord, environment: string): FlagEnvironment | undefined {
    return flag.environments.find((e) => e.environment === environment);
  }

  return {
    async list(projectName: string, filter: { stale?: boolean; archived?: boolean } = {}) {
      const project = await projects.get(projectName);
      const flags = await store.list(project.id, { archived: filter.archived });
      const views = await Promise.all(flags.map((f) => view(project, f)));
      return filter.stale ? views.filter((v) => v.stale !== null) : views;
    },

    async get(projectName: string, key: string) {
      const { project, flag } = await find(projectName, key);
      return view(project, flag);
    },

    async create(input: {
      project: string;
      key: string;
      type?: FlagType;
      description?: string;
      by: string;
    }) {
      const project = await projects.get(input.project);
      if (!FLAG_KEY.test(input.key)) {
        throw new InvalidInputError(
          `"${input.key}" is not a flag key: use 1-100 lowercase letters, digits, '.', '_' or '-', e.g. new-checkout`,
        );
      }
      const flag = await store.create({
        projectId: project.id,
        key: input.key,
        type: input.type ?? "release",
        description: input.description?.trim() ?? "",
        createdBy: input.by,
        createdAt: clock.now(),
      });
      if (!flag) throw new ConflictError(`${project.name} already has a flag "${input.key}"`);
      await changed(project, flag.key, null, "created", input.by, "off", {
        type: flag.type,
        description: flag.description,
      });
      return view(project, flag);
    },

    async edit(
      projectName: string,
      key: string,
      patch: { type?: FlagType; description?: string },
      by: string,
    ) {
      const { project, flag } = await find(projectName, key);
      await store.update(flag.id, patch);
      await changed(project, key, null, "edited", by, null, patch);
      return view(project, { ...flag, ...patch });
    },

    /** Archiving takes the flag out of every SDK's flag set: delete it from the code first. */
    async archive(projectName: string, key: string, by: string) {
      const { project, flag } = await find(projectName, key);
      const archivedAt = clock.now();
      await store.update(flag.id, { archivedAt });
      await changed(project, key, null, "archived", by, "archived");
      return view(project, { ...flag, archivedAt });
    },

    /** Replaces an environment's rules with hand-written ones. */
    async configure(
      projectName: string,
      key: string,
      environment: string,
      config: FlagConfig,
      by: string,
    ) {
      const { project, flag } = await find(projectName, key);
      await checkEnvironment(project, environment);
      await checkConfig(project, key, config);
      return save(project, flag, environment, config, by, "configured", {
        rules: config.rules.length,
      });
    },

    async change(
      projectName: string,
      key: string,
      environment: string,
      change: FlagChange,
      by: string,
    ) {
      const { project, flag } = await find(projectName, key);
      await checkEnvironment(project, environment);
      const current = configOf(flag, environment) ?? OFF;
      const details: Record<string, unknown> = {};
      let next: FlagConfig & { ramp?: Ramp | null };
      switch (change.action) {
        case "admins":
          next = toAdmins(current);
          break;
        case "customers":
          next = toCustomers(current, change.customers, change.mode);
          details.customers = stageOf(next).customers.length;
          break;
        case "rollout":
          next = toRollout(current, change.percent, change.stickiness ?? "default");
          details.stickiness = change.stickiness ?? "default";
          break;
        case "release":
          next = { ...toReleased(current), ramp: null };
          break;
        case "kill":
          next = { ...current, enabled: false };
          details.reason = change.reason ?? null;
          break;
        case "enable":
          next = { ...current, enabled: true };
          break;
      }
      return save(project, flag, environment, next, by, change.action, details);
    },

    /** Saves a ramp (or with null, cancels it). */
    async setRamp(
      projectName: string,
      key: string,
      environment: string,
      ramp: Ramp | null,
      by: string,
      action: "ramp.scheduled" | "ramp.cancelled" | "ramp.resumed" | "ramp.paused" | "ramp.step",
      change?: (config: FlagConfig) => FlagConfig,
    ) {
      const { project, flag } = await find(projectName, key);
      await checkEnvironment(project, environment);
      const current = configOf(flag, environment) ?? OFF;
      const next = change ? change(current) : current;
      return save(project, flag, environment, { ...next, ramp }, by, action, {
        ...(ramp && {
          steps: ramp.steps.map((s) => `${s.percent}%@${new Date(s.at).toISOString()}`),
        }),
        ...(ramp?.pausedReason && { reason: ramp.pausedReason }),
      });
    },

    async evaluate(projectName: string, key: string, environment: string, context: Context) {
      const { project, flag } = await find(projectName, key);
      await checkEnvironment(project, environment);
      const env = configOf(flag, environment) ?? OFF;
      return explainFlag(
        { key, type: flag.type, enabled: env.enabled, rules: env.rules, variants: env.variants },
        await deps.segments.segmentsOf(project.id),
        context,
      );
    },

    async history(projectName: string, key: string, page: { beforeId?: number; limit: number }) {
      const { project } = await find(projectName, key);
      return audit.list({ project: project.name, target: `flag:${key}`, ...page });
    },
  };
}
