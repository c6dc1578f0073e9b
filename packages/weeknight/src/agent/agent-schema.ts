import { z } from "zod";

/**
 * The agent's API payloads: the desired state a server PUTs for one app, and the status
 * the agent answers with. One schema each; the types are inferred from them.
 */

/** `<project>/<environment>`: both are slugs, so an app name is also a safe relative path. */
export const APP_NAME_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}\/[a-z][a-z0-9-]{0,31}$/;
/** Release ids name directories and log files, so they are restricted to safe characters. */
export const RELEASE_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

const releaseId = z.string().regex(RELEASE_ID_PATTERN, {
  error: (iss) =>
    `invalid release id ${JSON.stringify(iss.input)} — use letters, digits, ".", "_" and "-"`,
});

export const releaseRunSchema = z.strictObject({
  id: releaseId,
  /** The artifact (.tar.gz) as a path on the agent's machine. */
  artifactPath: z.string().min(1),
  sha256: z.string().regex(/^[a-f0-9]{64}$/, { error: "expected a lower-case hex sha256" }),
  /** Run with `bash -c` in the unpacked release; must listen on `$PORT`. */
  start: z.string().min(1),
  env: z.record(z.string(), z.string()).default({}),
  health: z.strictObject({
    path: z.string().startsWith("/"),
    timeoutMs: z.number().int().positive(),
  }),
  /** How long this release stays warm after it stops serving (the rollback window). */
  keepWarmMs: z.number().int().min(0).default(0),
});

export const analysisSchema = z.strictObject({
  /** How often the canary is compared with the release serving the rest. */
  intervalMs: z.number().int().min(20).default(1000),
  /** The canary is judged only once its window holds this many requests. */
  minRequests: z.number().int().min(1).default(20),
  /** 5xx ratio is worse when above max(factor × previous, previous + margin). */
  errorRatioFactor: z.number().min(1).default(2),
  errorRatioMargin: z.number().min(0).max(1).default(0.05),
  /** p95 latency is worse when above factor × previous and above previous + margin. */
  p95Factor: z.number().min(1).default(2),
  p95MarginMs: z.number().min(0).default(100),
});

export const canarySchema = z.strictObject({
  release: releaseId,
  /** Share of clients (sticky) sent to the canary. */
  percent: z.number().min(0).max(100),
  /** How long the canary is watched before the agent promotes it to 100 %. */
  bakeMs: z.number().int().min(0),
});

export const desiredStateSchema = z
  .strictObject({
    app: z.string().regex(APP_NAME_PATTERN, {
      error: (iss) =>
        `invalid app ${JSON.stringify(iss.input)} — expected <project>/<environment>, e.g. shop/production`,
    }),
    publicPort: z.number().int().min(1).max(65535),
    releases: z.array(releaseRunSchema).min(1),
    /** The release that takes 100 % once healthy (during a canary: the one serving the rest). */
    active: releaseId,
    canary: canarySchema.optional(),
    analysis: analysisSchema.prefault({}),
    autoRollbacksLeft: z.number().int().min(0).default(3),
  })
  .superRefine((doc, ctx) => {
    const ids = doc.releases.map((r) => r.id);
    const duplicate = ids.find((id, i) => ids.indexOf(id) !== i);
    if (duplicate) {
      ctx.addIssue({ code: "custom", path: ["releases"], message: `release ${duplicate} twice` });
    }
    if (!ids.includes(doc.active)) {
      ctx.addIssue({
        code: "custom",
        path: ["active"],
        message: `active release ${doc.active} is not in releases (${ids.join(", ")})`,
      });
    }
    if (doc.canary && !ids.includes(doc.canary.release)) {
      ctx.addIssue({
        code: "custom",
        path: ["canary", "release"],
        message: `canary release ${doc.canary.release} is not in releases`,
      });
    }
    if (doc.canary && doc.canary.release === doc.active) {
      ctx.addIssue({
        code: "custom",
        path: ["canary", "release"],
        message: "the canary must differ from the active release",
      });
    }
  });

export type ReleaseRun = z.output<typeof releaseRunSchema>;
export type AnalysisRules = z.output<typeof analysisSchema>;
export type CanarySpec = z.output<typeof canarySchema>;
export type DesiredState = z.output<typeof desiredStateSchema>;
export type DesiredStateInput = z.input<typeof desiredStateSchema>;

export const releaseStates = [
  "starting",
  "healthy",
  "unhealthy",
  "crashed",
  "stopped",
  "rolled-back",
] as const;
export type ReleaseState = (typeof releaseStates)[number];

export const appPhases = [
  "idle",
  "starting",
  "canary",
  "baking",
  "promoted",
  "rolled-back",
  "failed",
] as const;
export type AppPhase = (typeof appPhases)[number];

export const releaseStatusSchema = z.object({
  id: z.string(),
  state: z.enum(releaseStates),
  role: z.enum(["active", "canary", "warm", "none"]),
  port: z.number().nullable(),
  pid: z.number().nullable(),
  restarts: z.number(),
  inFlight: z.number(),
  requests: z.number(),
  errors5xx: z.number(),
  p50Ms: z.number().nullable(),
  p95Ms: z.number().nullable(),
  keepWarmUntil: z.number().nullable(),
  reason: z.string().nullable(),
});

export const rollbackRecordSchema = z.object({
  release: z.string(),
  to: z.string().nullable(),
  reason: z.string(),
  automatic: z.boolean(),
  at: z.number(),
  /** From the analysis input (or the crash, or the API call) to traffic switched. */
  switchMs: z.number(),
  /** From the canary's first request to traffic switched back; null when it had none. */
  sinceFirstRequestMs: z.number().nullable(),
});

export const agentEventSchema = z.object({
  at: z.number(),
  release: z.string().nullable(),
  kind: z.string(),
  message: z.string(),
});

export const appStatusSchema = z.object({
  app: z.string(),
  publicPort: z.number(),
  phase: z.enum(appPhases),
  /** The release the phase is about (the one being deployed, or last deployed). */
  phaseRelease: z.string().nullable(),
  reason: z.string().nullable(),
  routing: z.object({
    active: z.string().nullable(),
    canary: z.string().nullable(),
    percent: z.number(),
  }),
  releases: z.array(releaseStatusSchema),
  rollbacks: z.array(rollbackRecordSchema),
  autoRollbacksLeft: z.number(),
  events: z.array(agentEventSchema),
});

export type ReleaseStatus = z.output<typeof releaseStatusSchema>;
export type RollbackRecord = z.output<typeof rollbackRecordSchema>;
export type AgentEvent = z.output<typeof agentEventSchema>;
export type AppStatus = z.output<typeof appStatusSchema>;
