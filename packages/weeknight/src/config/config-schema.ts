import { z } from "zod";
import { type ChangelogConfig, changelogSchema } from "./changelog-schema.js";

export { parseDuration } from "./config-primitives.js";

import {
  emailSchema,
  envSchema,
  relativePath,
  timeoutSchema,
  urlOrSecret,
} from "./config-primitives.js";
import { environmentsSchema } from "./environment-schema.js";
import { riskSchema } from "./risk-schema.js";

export const NOTIFY_EVENTS = [
  "build.failed",
  "build.fixed",
  "deploy.started",
  "deploy.succeeded",
  "deploy.failed",
  "deploy.rolled-back",
  "release.crashed",
  "alert.firing",
  "alert.resolved",
  "deploy.notice",
  "deploy.summary",
  "block.placed",
  "block.lifted",
  "flag.stale",
  "flag.ramp-paused",
  "changelog.published",
  "announcement.published",
] as const;

const eventsSchema = z
  .array(z.enum(NOTIFY_EVENTS))
  .min(1)
  .default([...NOTIFY_EVENTS])
  .describe(
    "When to notify: `build.failed` when a build fails, `build.fixed` when the next build passes again, `deploy.started`, `deploy.succeeded`, `deploy.failed` and `deploy.rolled-back` for deployments, `release.crashed` when a live release crashes and is restarted, `alert.firing` and `alert.resolved` for monitors' alerts (one message per suspect deploy), `deploy.notice` (the afternoon notice of tonight's deploy), `deploy.summary` (how the scheduled deploy went, or why it was skipped), `block.placed`, `block.lifted`, `flag.stale` (a flag has served everyone for a while: time to delete it from the code), `flag.ramp-paused` (a firing alert paused a flag's ramp), `changelog.published` (a deploy published customer release notes) and `announcement.published` (someone published an announcement) — give these two to a channel whose `to:` lists your customers to email them.",
  );

const slackNotifySchema = z
  .strictObject({
    type: z.literal("slack").describe("Posts a Slack-style incoming-webhook message."),
    url: urlOrSecret(["http:", "https:"], "http(s)").describe(
      `Incoming-webhook URL, normally a secret reference such as \`\${SLACK_WEBHOOK_URL}\`.`,
    ),
    events: eventsSchema,
  })
  .describe("Post to a Slack (or compatible) channel.");

const webhookNotifySchema = z
  .strictObject({
    type: z.literal("webhook").describe("POSTs a JSON event to any URL."),
    url: urlOrSecret(["http:", "https:"], "http(s)").describe("Where to POST the JSON event."),
    secret: z
      .string()
      .min(1)
      .optional()
      .describe(
        `HMAC-SHA256 signing key; the signature is sent in a header. Use a secret reference such as \`\${HOOK_SECRET}\`.`,
      ),
    events: eventsSchema,
  })
  .describe("POST a signed JSON event to your own endpoint.");

const emailNotifySchema = z
  .strictObject({
    type: z.literal("email").describe("Sends an email."),
    to: z.array(emailSchema).default([]).describe("Addresses that always get the email."),
    authors: z
      .boolean()
      .default(true)
      .describe("Also email the authors of the commits since the last green build."),
    smtp: urlOrSecret(["smtp:", "smtps:"], "smtp(s)")
      .optional()
      .describe(
        `SMTP server, e.g. \`\${SMTP_URL}\`; when absent the server's own SMTP setting is used.`,
      ),
    from: z
      .string()
      .refine((text) => emailSchema.safeParse(/<([^>]*)>\s*$/.exec(text)?.[1] ?? text).success, {
        error: (iss) => `invalid sender ${JSON.stringify(iss.input)} — use a@b.c or "Name <a@b.c>"`,
      })
      .optional()
      .describe("Sender address, e.g. `weeknight@example.com`; defaults to the server's setting."),
    events: eventsSchema,
  })
  .describe("Email the team and the people whose commits broke (or fixed) the build.");

const stageSchema = z
  .strictObject({
    name: z
      .string()
      .regex(/^[A-Za-z0-9_.-]+$/, {
        error: (iss) =>
          iss.code === "invalid_format"
            ? `invalid stage name ${JSON.stringify(iss.input)} — use letters, digits, ".", "_" and "-"`
            : undefined,
      })
      .describe("Unique name shown in logs and notifications, e.g. `unit`."),
    run: z
      .string()
      .refine((text) => text.trim() !== "", { error: "must not be empty — give a shell command" })
      .describe("Shell command run in the workspace; a non-zero exit fails the build."),
    timeout: timeoutSchema
      .optional()
      .describe("Stops the stage after this long; defaults to `build.timeout`."),
    env: envSchema
      .prefault({})
      .describe("Environment variables for this stage only; they override `build.env`."),
  })
  .describe("One shell command. Stages run in order and the build stops at the first failure.");

/** Runs even when other stages are invalid, so every duplicate is reported alongside them. */
function checkUniqueStageNames(stages: unknown[], ctx: z.core.$RefinementCtx<unknown[]>): void {
  const seen = new Map<string, number>();
  stages.forEach((stage, index) => {
    const name = (stage as { name?: unknown } | null)?.name;
    if (typeof name !== "string") return;
    const first = seen.get(name);
    if (first === undefined) seen.set(name, index);
    else {
      ctx.addIssue({
        code: "custom",
        path: [index, "name"],
        message: `duplicate stage name "${name}" (also used by build.stages[${first}])`,
      });
    }
  });
}

const artifactSchema = z
  .strictObject({
    paths: z
      .array(relativePath)
      .min(1)
      .default(["."])
      .describe("Files and folders to keep, relative to the workspace; `.` keeps everything."),
    exclude: z
      .array(relativePath)
      .default([".git"])
      .describe("Files and folders to leave out, relative to the workspace."),
  })
  .describe("What a passing build keeps as its immutable artifact, which is what gets deployed.");

const buildSchema = z
  .strictObject({
    timeout: timeoutSchema
      .prefault("30m")
      .describe(
        "Default time limit for each stage: `500ms`, `30s`, `10m`, `2h`, or a number of seconds.",
      ),
    env: envSchema
      .prefault({})
      .describe("Environment variables for every stage. Values must be strings (quote numbers)."),
    stages: z
      .array(stageSchema)
      .min(1)
      .superRefine(checkUniqueStageNames, { when: (payload) => Array.isArray(payload.value) })
      .describe("The stages to run, in order. At least one."),
    artifact: artifactSchema.prefault({}),
  })
  .describe("How each commit is built and tested.");

/** Policies name levels of `risk.levels`, and a required backup must be configured. */
function checkPolicies(
  config: {
    risk: { levels: string[] };
    environments: Record<string, { policy: Record<string, { backup: boolean }>; backup?: unknown }>;
  },
  ctx: z.core.$RefinementCtx<unknown>,
) {
  for (const [name, env] of Object.entries(config.environments)) {
    for (const [level, policy] of Object.entries(env.policy)) {
      if (!config.risk.levels.includes(level)) {
        ctx.addIssue({
          code: "custom",
          path: ["environments", name, "policy", level],
          message: `unknown risk level "${level}" — levels: ${config.risk.levels.join(", ")}`,
        });
      } else if (policy.backup && !env.backup) {
        ctx.addIssue({
          code: "custom",
          path: ["environments", name, "policy", level, "backup"],
          message: `${level}-risk changes need a backup, but ${name} has no \`backup:\` — add one (see docs/backups.md)`,
        });
      }
    }
  }
}

function checkChangelog(
  config: { changelog?: ChangelogConfig; environments: Record<string, unknown> },
  ctx: z.RefinementCtx,
): void {
  config.changelog?.publish?.forEach((name, i) => {
    if (!(name in config.environments)) {
      ctx.addIssue({
        code: "custom",
        path: ["changelog", "publish", i],
        message: `changelog.publish names "${name}", which is not an environment — use one of ${Object.keys(config.environments).join(", ") || "(none defined)"}`,
      });
    }
  });
}

export const weeknightConfigSchema = z
  .strictObject({
    project: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, {
        error: (iss) =>
          iss.code === "invalid_format"
            ? `invalid project name ${JSON.stringify(iss.input)} — use lower-case letters, digits and "-" (e.g. my-app), at most 63 characters`
            : undefined,
      })
      .describe("The project's slug, e.g. `sample-app`: lower-case letters, digits and `-`."),
    build: buildSchema,
    notify: z
      .array(
        z.discriminatedUnion("type", [slackNotifySchema, webhookNotifySchema, emailNotifySchema]),
      )
      .default([])
      .describe("Who to tell when a build fails and when it is fixed again."),
    risk: riskSchema,
    environments: environmentsSchema,
    changelog: changelogSchema,
  })
  .superRefine(checkPolicies)
  .superRefine(checkChangelog)
  .describe("weeknight.yml: how Weeknight builds, tests and announces this repository.");

export type WeeknightConfig = z.output<typeof weeknightConfigSchema>;
export type WeeknightConfigInput = z.input<typeof weeknightConfigSchema>;
export type BuildConfig = WeeknightConfig["build"];
export type StageConfig = BuildConfig["stages"][number];
export type ArtifactConfig = BuildConfig["artifact"];
export type NotifyConfig = WeeknightConfig["notify"][number];
export type NotifyEvent = (typeof NOTIFY_EVENTS)[number];
export type EnvironmentConfig = WeeknightConfig["environments"][string];
export type TargetConfig = EnvironmentConfig["target"];
export type ProcessTargetConfig = Extract<TargetConfig, { type: "process" }>;
export type SshTargetConfig = Extract<TargetConfig, { type: "ssh" }>;
export type CommandTargetConfig = Extract<TargetConfig, { type: "command" }>;
export type { RiskConfig, RiskRule } from "./risk-schema.js";
export type BackupConfig = NonNullable<EnvironmentConfig["backup"]>;
