import { resolve } from "node:path";
import { z } from "zod";

/** Server settings come from the environment; every one has a default. */
const settingsSchema = z.object({
  WEEKNIGHT_HOME: z.string().default(".weeknight"),
  WEEKNIGHT_DATABASE_URL: z.string().optional(),
  WEEKNIGHT_HOST: z.string().default("127.0.0.1"),
  WEEKNIGHT_PORT: z.coerce.number().int().min(0).max(65535).default(7070),
  WEEKNIGHT_PUBLIC_URL: z.string().url().optional(),
  WEEKNIGHT_BUILD_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2),
  WEEKNIGHT_SMTP_URL: z.string().optional(),
  WEEKNIGHT_SMTP_FROM: z.string().default("weeknight@localhost"),
  WEEKNIGHT_SLASH_SIGNING_SECRET: z.string().optional(),
});

export interface Settings {
  home: string;
  databaseUrl: string | undefined;
  host: string;
  port: number;
  publicUrl: string | undefined;
  buildConcurrency: number;
  smtpUrl: string | undefined;
  smtpFrom: string;
  /** Verifies Slack-style slash commands (`/weeknight block …`); unset turns them off. */
  slashSigningSecret: string | undefined;
}

export function readSettings(env: NodeJS.ProcessEnv, overrides: Partial<Settings> = {}): Settings {
  const parsed = settingsSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`invalid environment: ${problems}`);
  }
  const e = parsed.data;
  return {
    home: resolve(e.WEEKNIGHT_HOME),
    databaseUrl: e.WEEKNIGHT_DATABASE_URL || undefined,
    host: e.WEEKNIGHT_HOST,
    port: e.WEEKNIGHT_PORT,
    publicUrl: e.WEEKNIGHT_PUBLIC_URL,
    buildConcurrency: e.WEEKNIGHT_BUILD_CONCURRENCY,
    smtpUrl: e.WEEKNIGHT_SMTP_URL || undefined,
    smtpFrom: e.WEEKNIGHT_SMTP_FROM,
    slashSigningSecret: e.WEEKNIGHT_SLASH_SIGNING_SECRET || undefined,
    ...overrides,
  };
}

/** What build stages inherit from the server's environment: enough to run tools, no server settings. */
export function stageBaseEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  const keep = [
    "PATH",
    "HOME",
    "USER",
    "LOGNAME",
    "SHELL",
    "LANG",
    "LC_ALL",
    "TZ",
    "TMPDIR",
    "TERM",
  ];
  return Object.fromEntries(keep.flatMap((k) => (env[k] ? [[k, env[k]]] : [])));
}
