import { z } from "zod";
import {
  appPhases,
  type CanarySpec,
  desiredStateSchema,
  releaseRunSchema,
  rollbackRecordSchema,
} from "./agent-schema.js";

/**
 * What the agent remembers per app, on disk: the last desired state it accepted, plus
 * what it did about it (which release serves, its verdicts on releases). Verdicts make
 * re-sent desired states idempotent: a server that restarts and re-sends an old plan
 * does not resurrect a canary the agent already rolled back, or demote one it promoted.
 */
export const fateSchema = z.object({
  state: z.enum(["promoted", "rolled-back", "failed", "retired", "held"]),
  reason: z.string().nullable(),
  at: z.number(),
});

export const appRecordSchema = z.object({
  desired: desiredStateSchema,
  /** Every release the agent may run, by id; the first spec seen for an id is kept. */
  runs: z.record(z.string(), releaseRunSchema),
  /** The release taking the traffic that is not the canary's. */
  serving: z.string().nullable(),
  /** The canary under analysis; `startedAt` is null until it gets traffic. */
  canaryRun: z.object({ release: z.string(), startedAt: z.number().nullable() }).nullable(),
  phase: z.enum(appPhases),
  phaseRelease: z.string().nullable(),
  reason: z.string().nullable(),
  fates: z.record(z.string(), fateSchema),
  warmUntil: z.record(z.string(), z.number()),
  autoRollbacksLeft: z.number().int().min(0),
  rollbacks: z.array(rollbackRecordSchema),
  /** Process groups started for this app, so a restarted agent can stop what a killed one left. */
  pids: z.record(z.string(), z.number()),
});

export const agentStateFileSchema = z.object({
  version: z.literal(1),
  apps: z.record(z.string(), appRecordSchema),
});

export type Fate = z.output<typeof fateSchema>;
export type AppRecord = z.output<typeof appRecordSchema>;
export type AgentStateFile = z.output<typeof agentStateFileSchema>;

/** Verdicts that keep a release from running again, whatever a desired state says. */
const FINAL: ReadonlySet<Fate["state"]> = new Set(["rolled-back", "failed"]);

export interface ResolvedState {
  /** The release that should take 100 % once healthy. */
  active: string | null;
  /** The canary still under analysis, if any. */
  canary: CanarySpec | null;
  /** Every release that should be running now. */
  keep: Set<string>;
}

/** The desired state as the agent carries it out, after its own verdicts. Pure. */
export function resolveDesired(record: AppRecord, now: number): ResolvedState {
  const { desired, fates, serving } = record;
  const fate = (id: string) => fates[id]?.state;
  let active: string | null = desired.active;
  let canary = desired.canary ?? null;
  if (canary) {
    const verdict = fate(canary.release);
    if (verdict === "promoted") active = canary.release;
    if (verdict !== undefined && verdict !== "held") canary = null;
  }
  const activeFate = active === null ? undefined : fate(active);
  if (activeFate !== undefined && FINAL.has(activeFate)) active = serving;

  const keep = new Set<string>();
  if (active) keep.add(active);
  if (serving) keep.add(serving);
  if (canary) keep.add(canary.release);
  for (const [id, until] of Object.entries(record.warmUntil)) {
    const verdict = fate(id);
    if (until > now && (verdict === undefined || !FINAL.has(verdict))) keep.add(id);
  }
  for (const id of keep) if (!record.runs[id]) keep.delete(id);
  return { active, canary, keep };
}

export function newAppRecord(desired: AppRecord["desired"]): AppRecord {
  return {
    desired,
    runs: {},
    serving: null,
    canaryRun: null,
    phase: "idle",
    phaseRelease: null,
    reason: null,
    fates: {},
    warmUntil: {},
    autoRollbacksLeft: desired.autoRollbacksLeft,
    rollbacks: [],
    pids: {},
  };
}
