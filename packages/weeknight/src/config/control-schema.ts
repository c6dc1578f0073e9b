import { Cron } from "croner";
import { z } from "zod";
import { severities } from "../incidents/incident-store.js";
import { emailSchema, timeoutSchema } from "./config-primitives.js";

/**
 * When an environment may be deployed to, and how the process varies with a change's risk:
 * windows, freezes, per-level policy, the afternoon notice and "defects first".
 */

export function checkTimezone(timezone: string): string | null {
  try {
    new Intl.DateTimeFormat("en", { timeZone: timezone });
    return null;
  } catch {
    return `unknown time zone "${timezone}" — use an IANA name such as Europe/London or UTC`;
  }
}

/** A window is a cron expression: every minute it matches is a minute deploys may start. */
const windowsSchema = z
  .array(
    z.string().superRefine((cron, ctx) => {
      try {
        new Cron(cron, { paused: true });
      } catch (error) {
        ctx.addIssue({
          code: "custom",
          message: `invalid window "${cron}": ${(error as Error).message} — e.g. "* 20-23 * * 1-5" for 20:00–23:59 on weeknights`,
        });
      }
    }),
  )
  .min(1)
  .describe(
    'Allowed deploy windows as cron ranges in the environment\'s time zone: `"* 20-23 * * 1-5"` allows 20:00–23:59 on weeknights.',
  );

const DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})?$/;
const dateText = z.string().regex(DATE, {
  error: (iss) =>
    `invalid date ${JSON.stringify(iss.input)} — use YYYY-MM-DD or YYYY-MM-DDTHH:MM (environment's time zone)`,
});

const freezeSchema = z
  .strictObject({
    name: z.string().min(1).describe('Shown when a deploy is skipped, e.g. "Christmas".'),
    from: dateText.describe("First frozen day (or minute), e.g. `2026-12-21`."),
    to: dateText.describe("Last frozen day (inclusive) or minute, e.g. `2027-01-02`."),
  })
  .refine(
    (freeze) => !DATE.test(freeze.from) || !DATE.test(freeze.to) || freeze.from <= freeze.to,
    {
      error: "`to` is before `from`",
      path: ["to"],
    },
  )
  .describe("A named period with no deploys (holidays, a launch, an audit).");

export const levelPolicySchema = z
  .strictObject({
    approvals: z
      .number()
      .int()
      .min(0)
      .max(10)
      .default(0)
      .describe("Approvals needed (`weeknight approve`); authors cannot approve their own change."),
    canary: z
      .strictObject({
        traffic: z.number().min(0).max(100).optional().describe("Canary traffic percent."),
        bake: timeoutSchema.optional().describe("How long the release bakes."),
      })
      .optional()
      .describe("Replaces the environment's canary for changes of this level."),
    windows: windowsSchema.optional(),
    backup: z
      .boolean()
      .default(false)
      .describe("A backup is required: the environment must configure `backup:`."),
    notify: z
      .array(emailSchema)
      .default([])
      .describe("Extra people emailed about the afternoon notice and the deploy."),
  })
  .describe("The process for changes of one risk level.");

export const controlFields = {
  timezone: z
    .string()
    .optional()
    .superRefine((timezone, ctx) => {
      const problem = timezone === undefined ? null : checkTimezone(timezone);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    })
    .describe(
      "IANA time zone of windows and freezes; defaults to the schedule's time zone, else UTC.",
    ),
  windows: windowsSchema.optional(),
  freezes: z.array(freezeSchema).default([]).describe("Named periods with no deploys."),
  policy: z
    .record(z.string(), levelPolicySchema)
    .default({})
    .describe("Process per risk level, e.g. `high: {approvals: 1, backup: true}`."),
  notice: z
    .strictObject({
      before: timeoutSchema.describe(
        "How long before each scheduled deploy the team is told, e.g. `6h` before 22:00 = 16:00.",
      ),
    })
    .optional()
    .describe("The afternoon notice of what goes out tonight, so there is time to say no."),
  defects_first: z
    .union([z.literal(false), z.strictObject({ severity: z.enum(severities).default("sev1") })])
    .optional()
    .describe(
      "Hold back builds that do not fix an open incident of this severity or worse (`Fixes: INC-<n>`). Default: `{severity: sev1}` on environments that `require` another, off elsewhere; `false` turns it off.",
    ),
};

export type LevelPolicy = z.output<typeof levelPolicySchema>;
export type Freeze = z.output<typeof freezeSchema>;
