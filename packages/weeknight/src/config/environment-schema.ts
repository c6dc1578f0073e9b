import { z } from "zod";
import { envSchema, timeoutSchema, urlOrSecret } from "./config-primitives.js";
import { controlFields } from "./control-schema.js";
import { alertSettingsSchema, maintenanceSchema, monitorsSchema } from "./monitor-schema.js";

const ENVIRONMENT_NAME = /^[a-z][a-z0-9-]{0,31}$/;

const portSchema = z.number().int().min(1).max(65535);

const processTargetSchema = z
  .strictObject({
    type: z
      .literal("process")
      .describe("Releases run as children of the Weeknight agent, behind its proxy."),
    start: z
      .string()
      .min(1)
      .describe(
        "Command that starts a release, run in the unpacked artifact; it must listen on `$PORT`.",
      ),
    port: portSchema.describe("Public port of the agent's reverse proxy for this environment."),
    env: envSchema
      .prefault({})
      .describe("Environment variables for the app (`${SECRET}` references allowed)."),
    agent: urlOrSecret(["http:", "https:"], "http(s)")
      .optional()
      .describe("URL of a remote agent; when absent the server's local agent is used."),
    agent_token: z
      .string()
      .min(16)
      .optional()
      .describe("The remote agent's API token, as a secret reference such as `${AGENT_TOKEN}`."),
  })
  .describe(
    "Run the app on this machine (or an agent's), with zero-downtime switches and canaries.",
  );

const sshTargetSchema = z
  .strictObject({
    type: z.literal("ssh").describe("Agentless: upload over SFTP and switch a `current` symlink."),
    hosts: z
      .array(z.string().min(1))
      .min(1)
      .describe("Hosts to deploy to, as `host` or `host:port` (SSH port, default 22)."),
    user: z.string().min(1).describe("SSH user."),
    key: z
      .string()
      .min(1)
      .describe("Private key, normally a secret reference such as `${SSH_KEY}`."),
    known_hosts: z
      .string()
      .optional()
      .describe(
        "known_hosts lines to check host keys against (a secret reference); absent = accept any key.",
      ),
    path: z
      .string()
      .min(1)
      .describe(
        "Base directory on each host: `releases/<id>` and the `current` symlink live here.",
      ),
    setup: z
      .string()
      .optional()
      .describe(
        "Command run in the new release directory before switching, e.g. `npm ci --omit=dev`.",
      ),
    restart: z
      .string()
      .min(1)
      .describe("Command run after switching `current`, e.g. `sudo systemctl restart app`."),
    port: portSchema
      .optional()
      .describe("Port the app listens on, for the health check of each host."),
    batch: z.number().int().min(1).default(1).describe("How many hosts are switched at a time."),
    keep: z.number().int().min(2).default(5).describe("How many releases to keep on each host."),
  })
  .describe("Deploy to plain servers over SSH, with no agent.");

const commandTargetSchema = z
  .strictObject({
    type: z.literal("command").describe("Your own scripts do the deploying."),
    deploy: z
      .string()
      .min(1)
      .describe("Deploys the release; gets `WEEKNIGHT_ARTIFACT` and `WEEKNIGHT_RELEASE_ID`."),
    rollback: z
      .string()
      .min(1)
      .describe("Puts back the previous release; gets `WEEKNIGHT_RELEASE_ID` of it."),
    health: z.string().optional().describe("Exits 0 when the deployed release is healthy."),
  })
  .describe("Run your own deploy, rollback and health scripts.");

const scheduleSchema = z
  .strictObject({
    schedule: z
      .string()
      .min(1)
      .describe('Cron expression, e.g. `"0 22 * * 1-5"` for weeknights at 22:00.'),
    timezone: z
      .string()
      .default("UTC")
      .describe("IANA time zone of the schedule, e.g. `Europe/London`."),
  })
  .describe("Deploy the candidate on a schedule.");

const backupSchema = z
  .union([
    z.strictObject({
      sqlite: z
        .string()
        .min(1)
        .describe("Path of a SQLite database file to back up (online backup)."),
      keep: z.number().int().min(1).default(10).describe("How many backups to keep."),
    }),
    z.strictObject({
      postgres: z
        .string()
        .min(1)
        .describe("PostgreSQL URL to back up with `pg_dump` (custom format)."),
      keep: z.number().int().min(1).default(10).describe("How many backups to keep."),
    }),
    z.strictObject({
      run: z.string().min(1).describe("Command that writes a backup to `$WEEKNIGHT_BACKUP_FILE`."),
      restore: z.string().min(1).describe("Command that restores `$WEEKNIGHT_BACKUP_FILE`."),
      keep: z.number().int().min(1).default(10).describe("How many backups to keep."),
    }),
  ])
  .describe(
    "A backup taken before each deployment: `{sqlite: path}`, `{postgres: url}` or `{run, restore}`.",
  );

const environmentSchema = z
  .strictObject({
    deploy: z
      .union([z.enum(["on-green", "manual"]), scheduleSchema])
      .default("manual")
      .describe("`on-green` (every green build), `manual`, or `{schedule, timezone}`."),
    requires: z
      .array(z.string())
      .default([])
      .describe(
        "Environments a build must have been deployed to successfully first, e.g. `[internal]`.",
      ),
    target: z.discriminatedUnion("type", [
      processTargetSchema,
      sshTargetSchema,
      commandTargetSchema,
    ]),
    health: z
      .strictObject({
        path: z
          .string()
          .startsWith("/")
          .default("/health")
          .describe("HTTP path that answers 2xx when the app is ready."),
        timeout: timeoutSchema
          .prefault("30s")
          .describe("How long a new release may take to become healthy."),
      })
      .prefault({})
      .describe("Readiness check of a new release."),
    canary: z
      .strictObject({
        traffic: z
          .number()
          .min(0)
          .max(100)
          .default(10)
          .describe("Percent of requests the new release gets first (0 = none)."),
        bake: timeoutSchema
          .prefault("1m")
          .describe("How long the new release is watched before it is trusted."),
      })
      .prefault({})
      .describe("Canary: a share of traffic first, rolled back automatically when clearly worse."),
    rollback_window: timeoutSchema
      .prefault("30m")
      .describe("How long the previous release is kept warm for an instant rollback."),
    backup: backupSchema.optional(),
    url: urlOrSecret(["http:", "https:"], "http(s)")
      .optional()
      .describe(
        "Where this environment's site answers; monitors' relative URLs resolve against it (default for a process target: `http://127.0.0.1:<port>`).",
      ),
    monitors: monitorsSchema,
    alerts: alertSettingsSchema,
    maintenance: maintenanceSchema,
    ...controlFields,
    data: z
      .strictObject({
        refresh_from: z
          .string()
          .describe("Environment whose latest backup is restored here, e.g. `production`."),
        scrub: z
          .string()
          .min(1)
          .describe(
            "Command run after the restore to remove customers' secrets; gets `WEEKNIGHT_DATA_SQLITE` or `WEEKNIGHT_DATA_POSTGRES` for those backup kinds.",
          ),
      })
      .optional()
      .describe(
        "Production-like data: `weeknight data refresh <env>` restores another environment's latest backup here, then scrubs it.",
      ),
  })
  .describe("Where and when builds are deployed.");

function checkRequires(
  envs: Record<string, { requires?: string[]; data?: { refresh_from: string } }>,
  ctx: z.core.$RefinementCtx<unknown>,
) {
  const names = Object.keys(envs);
  for (const [name, env] of Object.entries(envs)) {
    const from = env.data?.refresh_from;
    if (from !== undefined && (!names.includes(from) || from === name)) {
      ctx.addIssue({
        code: "custom",
        path: [name, "data", "refresh_from"],
        message:
          from === name
            ? "an environment cannot refresh from itself"
            : `unknown environment "${from}" — defined: ${names.join(", ")}`,
      });
    }
    for (const [i, required] of (env.requires ?? []).entries()) {
      if (!names.includes(required)) {
        ctx.addIssue({
          code: "custom",
          path: [name, "requires", i],
          message: `unknown environment "${required}" — defined: ${names.join(", ")}`,
        });
      } else if (required === name) {
        ctx.addIssue({
          code: "custom",
          path: [name, "requires", i],
          message: "an environment cannot require itself",
        });
      }
    }
  }
}

export const environmentsSchema = z
  .record(
    z.string().regex(ENVIRONMENT_NAME, {
      error: (iss) =>
        `invalid environment name ${JSON.stringify(iss.input)} — use lower-case letters, digits and "-", e.g. production`,
    }),
    environmentSchema,
  )
  .default({})
  .superRefine((envs, ctx) => checkRequires(envs, ctx))
  .describe("Environments builds are deployed to, by name, e.g. `internal` and `production`.");
