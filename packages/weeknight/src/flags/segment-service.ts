import { compileFlags, type Segment } from "@weeknight/flags-sdk";
import type { AuditLog } from "../audit/audit-log.js";
import type { Clock } from "../clock.js";
import { ConflictError, InvalidInputError, NotFoundError } from "../errors/domain-errors.js";
import type { EventBus } from "../events/event-bus.js";
import type { ProjectService } from "../projects/project-service.js";
import { ADMINS_SEGMENT, DEFAULT_ADMINS } from "./flag-lifecycle.js";
import { SEGMENT_NAME, type SegmentView } from "./flag-schema.js";
import type { FlagStore } from "./flag-store.js";

export type SegmentService = ReturnType<typeof createSegmentService>;

/**
 * Named, reusable constraints of a project (e.g. `admins`: role IN admin), shared by every
 * environment. `admins` exists from the start with a default the team can redefine.
 */
export function createSegmentService(deps: {
  store: FlagStore;
  projects: ProjectService;
  bus: EventBus;
  clock: Clock;
  audit: AuditLog;
}) {
  const { store, projects, bus, clock, audit } = deps;

  async function segmentsOf(projectId: number): Promise<Segment[]> {
    const saved = await store.segments(projectId);
    const admins = saved.some((s) => s.name === ADMINS_SEGMENT)
      ? []
      : [{ name: ADMINS_SEGMENT, constraints: DEFAULT_ADMINS }];
    return [...saved.map(({ name, constraints }) => ({ name, constraints })), ...admins];
  }

  async function list(projectName: string): Promise<SegmentView[]> {
    const project = await projects.get(projectName);
    const [saved, flags] = await Promise.all([store.segments(project.id), store.list(project.id)]);
    const usedBy = (name: string) =>
      flags
        .filter((f) => f.environments.some((e) => e.rules.some((r) => r.segments.includes(name))))
        .map((f) => f.key);
    const views: SegmentView[] = saved.map((s) => ({
      ...s,
      builtIn: false,
      usedBy: usedBy(s.name),
    }));
    if (!saved.some((s) => s.name === ADMINS_SEGMENT)) {
      views.unshift({
        name: ADMINS_SEGMENT,
        description: "Your own staff: role IN admin (redefine it to match your app)",
        constraints: DEFAULT_ADMINS,
        builtIn: true,
        usedBy: usedBy(ADMINS_SEGMENT),
        updatedBy: null,
        updatedAt: null,
      });
    }
    return views;
  }

  async function save(
    projectName: string,
    segment: Pick<SegmentView, "name" | "description" | "constraints">,
    by: string,
  ) {
    const project = await projects.get(projectName);
    if (!SEGMENT_NAME.test(segment.name)) {
      throw new InvalidInputError(
        `"${segment.name}" is not a segment name: use 1-64 lowercase letters, digits, '.', '_' or '-'`,
      );
    }
    const { problems } = compileFlags({
      version: "check",
      flags: [],
      segments: [{ name: segment.name, constraints: segment.constraints }],
    });
    if (problems.length > 0) throw new InvalidInputError(problems.join("; "));
    await store.saveSegment(project.id, { ...segment, updatedBy: by, updatedAt: clock.now() });
    await changed(project, "flag.segment.saved", segment.name, by, {
      constraints: segment.constraints,
    });
    return (await list(projectName)).find((s) => s.name === segment.name) as SegmentView;
  }

  async function remove(projectName: string, name: string, by: string) {
    const found = (await list(projectName)).find((s) => s.name === name);
    if (!found || found.builtIn) throw new NotFoundError(`no segment "${name}" in ${projectName}`);
    if (found.usedBy.length > 0) {
      throw new ConflictError(
        `segment "${name}" is used by ${found.usedBy.join(", ")} — take it out of their rules first`,
      );
    }
    const project = await projects.get(projectName);
    await store.deleteSegment(project.id, name);
    await changed(project, "flag.segment.deleted", name, by);
  }

  async function changed(
    project: { id: number; name: string },
    action: string,
    name: string,
    by: string,
    details?: Record<string, unknown>,
  ) {
    await audit.record({
      actor: by,
      action,
      target: `segment:${name}`,
      project: project.name,
      details,
    });
    // Segments are shared: every environment's flag set changes.
    bus.publish("flag.changed", {
      project: project.name,
      projectId: project.id,
      environment: null,
      segment: name,
      by,
    });
  }

  return { segmentsOf, list, save, remove };
}
