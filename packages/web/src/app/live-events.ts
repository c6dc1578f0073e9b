import { type QueryClient, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";

export type LiveState = "connecting" | "live" | "reconnecting";

/** A domain event as /api/v1/events sends it. */
export interface LiveEvent {
  id: number;
  type: string;
  at: number;
  data: Record<string, unknown>;
}

type Listener = (event: LiveEvent) => void;
const listeners = new Set<Listener>();

/** Calls `listener` for every live event while the component is mounted (e.g. a build's log lines). */
export function useLiveEvent(listener: Listener): void {
  useEffect(() => {
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  }, [listener]);
}

/** Deployments that ended: they count in the stats and may change readiness (e.g. a rollback). */
const finishedDeployment = new Set([
  "deployment.succeeded",
  "deployment.rolled-back",
  "deployment.failed",
]);

/** Which cached queries an event makes stale: the page refetches them, nobody reloads. */
export function staleQueryKeys(event: Pick<LiveEvent, "type" | "data">): unknown[][] {
  const { type, data } = event;
  if (type === "build.log" || type === "deployment.log") return [];
  if (type.startsWith("build.")) {
    const keys: unknown[][] = [["overview"], ["builds"], ["project", data.project]];
    if (typeof data.buildId === "number") keys.push(["build", data.buildId]);
    // A passed build may bring a new weeknight.yml: the readiness checklist reads it.
    if (type === "build.passed") keys.push(["readiness", data.project]);
    return keys;
  }
  if (type.startsWith("deployment.") || type.startsWith("release.")) {
    const keys: unknown[][] = [["overview"], ["environment", data.project], ["deployments"]];
    if (typeof data.deploymentId === "number") keys.push(["deployment", data.deploymentId]);
    // A deploy drafts, then publishes or withdraws its notes; what goes out next moves on.
    if (type.startsWith("deployment.")) keys.push(["notes", data.project]);
    if (finishedDeployment.has(type))
      keys.push(["stats", data.project], ["readiness", data.project]);
    return keys;
  }
  if (type.startsWith("delivery.")) return [["deliveries"]];
  if (type.startsWith("changelog.") || type === "notes.edited") {
    // Release notes were edited, went to the public changelog, left it, or changed on it.
    return [
      ["notes", data.project],
      ["changelog", data.project],
    ];
  }
  if (type.startsWith("announcement.")) {
    const keys: unknown[][] = [
      ["announcements", data.project],
      ["changelog", data.project],
    ];
    if (typeof data.announcementId === "number") keys.push(["announcement", data.announcementId]);
    return keys;
  }
  if (type === "monitor.changed") {
    return [
      ["monitors", data.project, data.environment],
      ["monitor-results", data.project, data.environment, data.monitor],
    ];
  }
  if (type.startsWith("alert.")) {
    return [["overview"], ["alerts"], ["monitors", data.project, data.environment]];
  }
  if (type.startsWith("incident.")) {
    const keys: unknown[][] = [["incidents"]];
    if (typeof data.incidentId === "number") keys.push(["incident", data.incidentId]);
    return keys;
  }
  if (type === "environment.skipped") {
    // A run that waited: its reason is the environment's last skip.
    return [["environment", data.project], ["overview"]];
  }
  if (type.startsWith("block.") || type === "approval.added") {
    // Blocks and approvals change what holds a deploy: everywhere that shows holds or history.
    return [["environment", data.project], ["overview"], ["blocks"], ["calendar"], ["audit"]];
  }
  if (type === "flag.changed") {
    // A flag changed (`key`), or a segment every flag of the project may use (no `key`).
    const project = data.project;
    const one = typeof data.key === "string" ? ["flag", project, data.key] : ["flag", project];
    return [["flags", project], one, ["segments", project], ["audit"]];
  }
  return [["overview"]];
}

/**
 * One EventSource for the whole page. The browser reconnects by itself and sends Last-Event-ID,
 * so events missed while away are replayed; after a reconnect every query is refetched anyway.
 */
export function useLiveUpdates(enabled: boolean): LiveState {
  const queries = useQueryClient();
  const [state, setState] = useState<LiveState>("connecting");
  useEffect(() => {
    if (!enabled) return;
    const source = new EventSource("/api/v1/events");
    let opened = false;
    source.onopen = () => {
      if (opened) void queries.invalidateQueries();
      opened = true;
      setState("live");
    };
    source.onerror = () => setState("reconnecting");
    const onEvent = (message: MessageEvent<string>) => dispatch(queries, JSON.parse(message.data));
    // Named events (`event: build.passed`) do not reach onmessage; listen to each type.
    for (const type of eventTypes) source.addEventListener(type, onEvent);
    return () => source.close();
  }, [enabled, queries]);
  return state;
}

function dispatch(queries: QueryClient, event: LiveEvent): void {
  for (const listener of listeners) listener(event);
  for (const queryKey of staleQueryKeys(event)) void queries.invalidateQueries({ queryKey });
}

/** Every event type the server publishes (events/, builds/, deployments/, notify/, monitors/, incidents/, blocks/, flags/, notes/). */
export const eventTypes = [
  "build.queued",
  "build.started",
  "build.stage",
  "build.log",
  "build.passed",
  "build.failed",
  "build.cancelled",
  "deployment.pending",
  "deployment.awaiting-approval",
  "deployment.backing-up",
  "deployment.starting",
  "deployment.health-check",
  "deployment.canary",
  "deployment.baking",
  "deployment.succeeded",
  "deployment.rolling-back",
  "deployment.rolled-back",
  "deployment.failed",
  "deployment.log",
  "release.crashed",
  "release.health",
  "project.added",
  "project.removed",
  "delivery.finished",
  "monitor.changed",
  "alert.pending",
  "alert.firing",
  "alert.resolved",
  "incident.opened",
  "incident.updated",
  "incident.resolved",
  "block.placed",
  "block.lifted",
  "approval.added",
  "environment.skipped",
  "flag.changed",
  "changelog.published",
  "changelog.withdrawn",
  "changelog.updated",
  "notes.edited",
  "announcement.drafted",
  "announcement.edited",
  "announcement.published",
  "announcement.discarded",
];
