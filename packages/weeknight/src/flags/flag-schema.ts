import { type Constraint, OPERATORS, type Rule, type Variant } from "@weeknight/flags-sdk";
import { z } from "zod";
import { FLAG_STAGES } from "./flag-lifecycle.js";

export const FLAG_TYPES = [
  "release",
  "experiment",
  "operational",
  "kill-switch",
  "permission",
] as const;
export const FLAG_KEY = /^[a-z0-9][a-z0-9._-]{0,99}$/;
export const SEGMENT_NAME = /^[a-z0-9][a-z0-9._-]{0,63}$/;
const CONTEXT_FIELD = /^[A-Za-z_][A-Za-z0-9_.-]{0,63}$/;

export const flagKeySchema = z
  .string()
  .regex(
    FLAG_KEY,
    "a flag key is 1-100 lowercase letters, digits, '.', '_' or '-', e.g. new-checkout",
  );

export const constraintSchema = z.strictObject({
  contextName: z.string().regex(CONTEXT_FIELD, "a context field name, e.g. customerId"),
  operator: z.enum(OPERATORS),
  values: z.array(z.string().max(1000)).max(10_000).optional(),
  value: z.string().max(1000).optional(),
  inverted: z.boolean().optional(),
  caseInsensitive: z.boolean().optional(),
}) satisfies z.ZodType<Constraint>;

export const variantSchema = z.strictObject({
  name: z.string().min(1).max(100),
  weight: z.number().int().min(0).max(1000),
  payload: z
    .strictObject({ type: z.enum(["string", "json", "number"]), value: z.string().max(10_000) })
    .optional(),
  stickiness: z.string().optional(),
}) satisfies z.ZodType<Variant>;

export const ruleSchema = z.strictObject({
  name: z.string().max(100).optional(),
  constraints: z.array(constraintSchema).max(50).default([]),
  segments: z.array(z.string().regex(SEGMENT_NAME)).max(20).default([]),
  rollout: z.number().int().min(0).max(100).default(100),
  stickiness: z.string().min(1).max(64).default("default"),
  groupId: z.string().max(100).optional(),
  variants: z.array(variantSchema).max(50).optional(),
}) satisfies z.ZodType<Rule, unknown>;

export const flagConfigSchema = z.strictObject({
  enabled: z.boolean().default(true).describe("false: killed, off for everyone"),
  rules: z.array(ruleSchema).max(50).describe("the first rule that matches turns the flag on"),
  variants: z.array(variantSchema).max(50).default([]),
});

const rampSchema = z.object({
  steps: z.array(
    z.object({ at: z.number(), percent: z.number(), appliedAt: z.number().nullable() }),
  ),
  stickiness: z.string(),
  createdBy: z.string(),
  pausedAt: z.number().nullable(),
  pausedReason: z.string().nullable(),
});

export const flagEnvironmentSchema = z.object({
  environment: z.string(),
  enabled: z.boolean(),
  rules: z.array(ruleSchema),
  variants: z.array(variantSchema),
  stage: z.enum(FLAG_STAGES),
  percent: z.number().nullable().describe("percentage: the share rolled out"),
  customers: z.array(z.string()).describe("the customer allow-list"),
  ramp: rampSchema.nullable(),
  releasedAt: z.number().nullable().describe("when it became on for everyone here"),
  updatedBy: z.string().nullable(),
  updatedAt: z.number().nullable(),
});

export const flagSchema = z.object({
  key: z.string(),
  project: z.string(),
  type: z.enum(FLAG_TYPES),
  description: z.string(),
  createdBy: z.string(),
  createdAt: z.number(),
  archivedAt: z.number().nullable(),
  stale: z
    .object({ environment: z.string(), releasedAt: z.number(), days: z.number() })
    .nullable()
    .describe("set: it has served everyone long enough; delete it from the code"),
  environments: z.array(flagEnvironmentSchema),
});

export const segmentSchema = z.object({
  name: z.string(),
  description: z.string(),
  constraints: z.array(constraintSchema),
  builtIn: z.boolean().describe("true: the default `admins` (role IN admin), not yet redefined"),
  usedBy: z.array(z.string()).describe("flags whose rules use it"),
  updatedBy: z.string().nullable(),
  updatedAt: z.number().nullable(),
});

export const evaluationSchema = z.object({
  enabled: z.boolean(),
  variant: z.object({
    name: z.string(),
    enabled: z.boolean(),
    payload: z.object({ type: z.string(), value: z.string() }).optional(),
  }),
  reason: z.string().describe("why, in words"),
  rules: z.array(
    z.object({
      name: z.string(),
      matches: z.boolean().describe("its constraints and segments hold"),
      inRollout: z.boolean().describe("and the context falls in its percentage"),
    }),
  ),
});

export type FlagView = z.infer<typeof flagSchema>;
export type FlagEnvironmentView = z.infer<typeof flagEnvironmentSchema>;
export type SegmentView = z.infer<typeof segmentSchema>;
export type Evaluation = z.infer<typeof evaluationSchema>;
