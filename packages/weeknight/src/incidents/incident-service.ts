import type { AuditLog } from "../audit/audit-log.js";
import type { BuildService } from "../builds/build-service.js";
import type { Clock } from "../clock.js";
import type { DeploymentService } from "../deployments/deployment-service.js";
import { ConflictError, InvalidInputError, NotFoundError } from "../errors/domain-errors.js";
import type { EventBus } from "../events/event-bus.js";
import type { ProjectService } from "../projects/project-service.js";
import { automaticTitle, type FiringAlert, planAlertIncident } from "./incident-plan.js";
import {
  type FollowUpKind,
  type Incident,
  type IncidentState,
  type IncidentStore,
  type NewEvent,
  type Severity,
  SYSTEM_ACTOR,
} from "./incident-store.js";
import { createIncidentViews, type IncidentDetail } from "./incident-view.js";

const OWNER = /^[a-z0-9][a-z0-9._-]{0,62}$/i;
const DEPLOY_STEPS = new Set([
  "deployment.succeeded",
  "deployment.rolled-back",
  "deployment.failed",
]);

export interface IncidentServiceDeps {
  store: IncidentStore;
  projects: Pick<ProjectService, "get" | "getById">;
  deployments: Pick<DeploymentService, "get">;
  builds: Pick<BuildService, "get">;
  bus: EventBus;
  clock: Clock;
  /** An alert opens an incident when it fires this soon after its deploy went live (default 1 h). */
  openWindowMs?: number;
  /** Records automatic changes (actor `weeknight`); the routes record the users' own. */
  audit?: AuditLog;
}

/**
 * Incidents: opened by hand or by an alert that fires soon after a deploy (one per suspect
 * deploy), with a timeline, a root cause, follow-ups that repair holes in testing and
 * monitoring, and a resolution that needs the root cause first.
 */
export function createIncidentService(deps: IncidentServiceDeps) {
  const { store, clock, bus } = deps;
  const windowMs = deps.openWindowMs ?? 60 * 60_000;
  const views = createIncidentViews(deps);
  /** Alerts of one deploy arrive together: one at a time per deploy, so one incident each. */
  const locks = new Map<number, Promise<unknown>>();
  let unsubscribe: (() => void) | undefined;

  function serialised<T>(deploymentId: number, work: () => Promise<T>): Promise<T> {
    const before = locks.get(deploymentId) ?? Promise.resolve();
    const run = before.catch(() => {}).then(work);
    const tail = run.catch(() => {});
    locks.set(deploymentId, tail);
    void tail.then(() => {
      if (locks.get(deploymentId) === tail) locks.delete(deploymentId);
    });
    return run;
  }

  async function incident(id: number): Promise<Incident> {
    const found = await store.get(id);
    if (!found) throw new NotFoundError(`no incident ${id}: see \`weeknight incident list\``);
    return found;
  }

  async function show(id: number): Promise<IncidentDetail> {
    const found = await incident(id);
    const [events, followUps] = await Promise.all([store.events(id), store.followUps(id)]);
    return views.detail(found, events, followUps);
  }

  async function publish(type: "opened" | "updated" | "resolved", found: Incident) {
    const project = await deps.projects.getById(found.projectId);
    bus.publish(`incident.${type}`, {
      project: project.name,
      environment: found.environment,
      incidentId: found.id,
    });
  }

  async function change(
    found: Incident,
    patch: Parameters<IncidentStore["update"]>[1],
    events: NewEvent[],
    type: "updated" | "resolved" = "updated",
  ) {
    await store.update(found.id, patch, events);
    await publish(type, found);
    return show(found.id);
  }

  function required(text: string, what: string): string {
    const trimmed = text.trim();
    if (!trimmed) throw new InvalidInputError(`${what} is empty: say what happened`);
    return trimmed;
  }

  /** The timeline's first line for a suspect deploy: when it went live. */
  async function deployEvent(deploymentId: number): Promise<NewEvent[]> {
    const deployment = await deps.deployments.get(deploymentId);
    if (deployment.finishedAt === null) return [];
    const sha = deployment.build.sha.slice(0, 7);
    return [
      {
        at: deployment.finishedAt,
        kind: "deployment",
        text: `deploy #${deployment.id} (build #${deployment.buildId}, ${sha}) ${deployment.step}`,
        actor: SYSTEM_ACTOR,
        deploymentId: deployment.id,
      },
    ];
  }

  const alertEvent = (alert: FiringAlert, kind: "alert-fired" | "alert-resolved"): NewEvent => ({
    at: (kind === "alert-fired" ? alert.firedAt : null) ?? clock.now(),
    kind,
    text:
      kind === "alert-fired"
        ? `alert #${alert.id} fired: ${alert.monitor}: ${alert.message}`
        : `alert #${alert.id} resolved: ${alert.monitor}`,
    actor: SYSTEM_ACTOR,
    alertId: alert.id,
    monitor: alert.monitor,
    deploymentId: alert.deploymentId,
  });

  async function onAlertFiring(alert: FiringAlert): Promise<Incident | null> {
    const deploymentId = alert.deploymentId;
    if (deploymentId === null) return null;
    return serialised(deploymentId, async () => {
      const existing = await store.byDeployment(deploymentId);
      const deployment = existing ? null : await deps.deployments.get(deploymentId);
      const plan = planAlertIncident({
        alert,
        existing,
        deployFinishedAt: deployment?.finishedAt ?? null,
        windowMs,
        now: clock.now(),
      });
      if (plan.kind === "none") return null;
      if (plan.kind === "append") {
        const found = plan.incident;
        const events = [alertEvent(alert, "alert-fired")];
        if (found.state === "resolved") {
          // The same deploy failing again: the defect is back, and so is its incident.
          events.push({
            at: clock.now(),
            kind: "reopened",
            text: `reopened: ${alert.monitor} failed again`,
            actor: SYSTEM_ACTOR,
          });
          await store.update(found.id, { state: "open", resolvedAt: null }, events);
          await publish("opened", found);
        } else {
          await store.update(found.id, {}, events);
          await publish("updated", found);
        }
        return (await store.get(found.id)) ?? found;
      }
      const project = await deps.projects.getById(alert.projectId);
      const title = automaticTitle({
        deploymentId,
        project: project.name,
        environment: alert.environment,
        monitor: alert.monitor,
      });
      const opened = await store.create(
        {
          projectId: alert.projectId,
          environment: alert.environment,
          title,
          severity: "sev2",
          state: "open",
          deploymentId,
          openedAt: clock.now(),
          openedBy: SYSTEM_ACTOR,
          resolvedAt: null,
          rootCause: null,
          resolution: null,
        },
        [
          ...(await deployEvent(deploymentId)),
          alertEvent(alert, "alert-fired"),
          { at: clock.now(), kind: "opened", text: `opened: ${title}`, actor: SYSTEM_ACTOR },
        ],
      );
      await deps.audit?.record({
        actor: SYSTEM_ACTOR,
        action: "incident.open",
        target: `incident:${opened.id}`,
        details: {
          project: project.name,
          environment: alert.environment,
          deploymentId,
          alertId: alert.id,
        },
      });
      await publish("opened", opened);
      return opened;
    });
  }

  async function onAlertResolved(alert: FiringAlert): Promise<Incident | null> {
    const deploymentId = alert.deploymentId;
    if (deploymentId === null) return null;
    return serialised(deploymentId, async () => {
      const found = await store.byDeployment(deploymentId);
      if (!found) return null;
      await store.update(found.id, {}, [alertEvent(alert, "alert-resolved")]);
      await publish("updated", found);
      return found;
    });
  }

  /** Open incidents of the environment hear of every deploy that finishes there. */
  async function onDeployment(data: Record<string, unknown>) {
    const project = await deps.projects.get(String(data.project));
    const open = await store.list({
      projectId: project.id,
      environment: String(data.environment),
      states: ["open"],
      limit: 100,
    });
    if (open.length === 0) return;
    const events = await deployEvent(Number(data.deploymentId));
    for (const found of open) {
      await store.update(found.id, {}, events);
      await publish("updated", found);
    }
  }

  return {
    onAlertFiring,
    onAlertResolved,
    /** The monitor service's alert listener: never throws, never delays the monitor. */
    onAlert(alert: FiringAlert, change: "firing" | "resolved"): Promise<void> {
      const work = change === "firing" ? onAlertFiring(alert) : onAlertResolved(alert);
      return work.then(
        () => undefined,
        (error: Error) =>
          console.error(`weeknight: incident for alert ${alert.id}: ${error.message}`),
      );
    },
    start() {
      unsubscribe = bus.subscribe((event) => {
        if (!DEPLOY_STEPS.has(event.type)) return;
        void onDeployment(event.data).catch((error: Error) =>
          console.error(`weeknight: incident timeline: ${error.message}`),
        );
      });
    },
    async stop() {
      unsubscribe?.();
      await Promise.all(locks.values());
    },
    get: show,
    async list(filter: {
      project?: string;
      states?: IncidentState[];
      beforeId?: number;
      limit: number;
    }) {
      const project = filter.project ? await deps.projects.get(filter.project) : undefined;
      return views.summaries(await store.list({ ...filter, projectId: project?.id }));
    },
    async open(input: {
      project: string;
      environment: string;
      title: string;
      severity: Severity;
      deploymentId?: number;
      actor: string;
    }): Promise<IncidentDetail> {
      const project = await deps.projects.get(input.project);
      const title = required(input.title, "title");
      const environment = required(input.environment, "environment");
      const create = async () => {
        if (input.deploymentId !== undefined) {
          const deployment = await deps.deployments.get(input.deploymentId);
          if (deployment.projectId !== project.id || deployment.environment !== environment)
            throw new InvalidInputError(
              `deployment ${deployment.id} went to ${deployment.project} ${deployment.environment}, not ${project.name} ${environment}`,
            );
          const existing = await store.byDeployment(deployment.id);
          if (existing)
            throw new ConflictError(
              `deployment ${deployment.id} already has incident ${existing.id}: add to it with \`weeknight incident note ${existing.id} <text>\``,
            );
        }
        return store.create(
          {
            projectId: project.id,
            environment,
            title,
            severity: input.severity,
            state: "open",
            deploymentId: input.deploymentId ?? null,
            openedAt: clock.now(),
            openedBy: input.actor,
            resolvedAt: null,
            rootCause: null,
            resolution: null,
          },
          [
            ...(input.deploymentId === undefined ? [] : await deployEvent(input.deploymentId)),
            { at: clock.now(), kind: "opened", text: `opened: ${title}`, actor: input.actor },
          ],
        );
      };
      const opened =
        input.deploymentId === undefined
          ? await create()
          : await serialised(input.deploymentId, create);
      await publish("opened", opened);
      return show(opened.id);
    },
    async addNote(id: number, text: string, actor: string) {
      const note = required(text, "the note");
      return change(await incident(id), {}, [{ at: clock.now(), kind: "note", text: note, actor }]);
    },
    async setRootCause(id: number, text: string, actor: string) {
      const rootCause = required(text, "the root cause");
      return change(await incident(id), { rootCause }, [
        { at: clock.now(), kind: "root-cause", text: `root cause: ${rootCause}`, actor },
      ]);
    },
    async addFollowUp(
      id: number,
      input: { kind: FollowUpKind; text: string; owner: string },
      actor: string,
    ) {
      const found = await incident(id);
      const text = required(input.text, "the follow-up");
      if (!OWNER.test(input.owner))
        throw new InvalidInputError(
          `owner "${input.owner}" is not a username: name who will do it`,
        );
      const followUp = await store.addFollowUp(
        { incidentId: id, kind: input.kind, text, owner: input.owner, createdAt: clock.now() },
        {
          at: clock.now(),
          kind: "follow-up-added",
          text: `follow-up (${input.kind}, ${input.owner}): ${text}`,
          actor,
        },
      );
      await publish("updated", found);
      return { followUp, incident: await show(id) };
    },
    async setFollowUpDone(id: number, followUpId: number, done: boolean, actor: string) {
      const found = await incident(id);
      const followUp = (await store.followUps(id)).find((f) => f.id === followUpId);
      if (!followUp)
        throw new NotFoundError(
          `incident ${id} has no follow-up ${followUpId}: see \`weeknight incident show ${id}\``,
        );
      if (followUp.done !== done) {
        await store.setFollowUpDone(followUpId, done, clock.now(), {
          at: clock.now(),
          kind: done ? "follow-up-done" : "follow-up-undone",
          text: `${done ? "done" : "not done after all"}: ${followUp.text}`,
          actor,
        });
        await publish("updated", found);
      }
      return show(id);
    },
    async resolve(id: number, resolution: string, actor: string) {
      const found = await incident(id);
      const text = required(resolution, "the resolution");
      if (found.state === "resolved") throw new ConflictError(`incident ${id} is resolved already`);
      if (!found.rootCause)
        throw new ConflictError(
          `identify the root cause first: PUT /api/v1/incidents/${id}/root-cause (\`weeknight incident root-cause ${id} <text>\`)`,
        );
      return change(
        found,
        { state: "resolved", resolvedAt: clock.now(), resolution: text },
        [{ at: clock.now(), kind: "resolved", text: `resolved: ${text}`, actor }],
        "resolved",
      );
    },
  };
}

export type IncidentService = ReturnType<typeof createIncidentService>;
