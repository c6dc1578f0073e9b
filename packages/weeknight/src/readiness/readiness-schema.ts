import { z } from "zod";

/** The four kinds of prerequisite in the talk: testing, deployment, monitoring, processes. */
export const readinessAreas = ["testing", "deployment", "monitoring", "processes"] as const;
export const readinessStatuses = ["met", "partly", "missing"] as const;

/** Adoption levels, lowest first: each one needs everything the one before it needs. */
export const readinessLevels = [
  "none",
  "ci",
  "continuous-delivery",
  "scheduled-production",
  "continuous-deployment",
] as const;

export const readinessItemSchema = z.object({
  id: z.string().describe("stable id, e.g. `unit-tests`"),
  area: z.enum(readinessAreas),
  title: z.string(),
  status: z.enum(readinessStatuses).describe("`partly`: started, but not enough to count"),
  detail: z
    .string()
    .describe("what was found, or what is missing, naming the weeknight.yml path or the history"),
  doc: z.string().describe("`docs/<page>.md#<section>` explaining how to meet it"),
});

export const readinessLevelSchema = z.object({
  current: z.enum(readinessLevels),
  next: z.enum(readinessLevels).nullable().describe("null once every item is met"),
  missingForNext: z.array(z.string()).describe("ids of the items the next level still needs"),
  ladder: z
    .array(
      z.object({
        level: z.enum(readinessLevels),
        title: z.string(),
        needs: z.array(z.string()).describe("item ids, this level's and every lower level's"),
        reached: z.boolean(),
      }),
    )
    .describe("every level above `none`, lowest first"),
});

export const readinessSchema = z.object({
  project: z.string(),
  computedAt: z.number(),
  configBuildId: z
    .number()
    .nullable()
    .describe("the passed build whose weeknight.yml was read; null before the first"),
  items: z.array(readinessItemSchema),
  level: readinessLevelSchema,
});

export type ReadinessArea = (typeof readinessAreas)[number];
export type ReadinessStatus = (typeof readinessStatuses)[number];
export type ReadinessLevel = (typeof readinessLevels)[number];
export type ReadinessItem = z.infer<typeof readinessItemSchema>;
export type ReadinessLevelView = z.infer<typeof readinessLevelSchema>;
export type Readiness = z.infer<typeof readinessSchema>;
