import type { BackupConfig } from "../config/config-schema.js";
import type { BackupKind } from "./backup-store.js";

/** A program to run: `argv[0]` is the program, `env` is added to the caller's environment. */
export interface CommandPlan {
  argv: string[];
  env: Record<string, string>;
}

export const backupExtensions: Record<BackupKind, string> = {
  sqlite: "sqlite",
  postgres: "pgdump",
  run: "backup",
};

export function backupKindOf(config: BackupConfig): BackupKind {
  if ("sqlite" in config) return "sqlite";
  if ("postgres" in config) return "postgres";
  return "run";
}

/** Where a backup lives, relative to WEEKNIGHT_HOME. */
export function backupFileOf(input: {
  project: string;
  environment: string;
  id: number;
  kind: BackupKind;
}): string {
  return `backups/${input.project}/${input.environment}/${input.id}.${backupExtensions[input.kind]}`;
}

/**
 * The password moves from the URL to PGPASSWORD so it never shows in `ps` output;
 * `--no-password` makes the tools fail instead of waiting for a prompt nobody sees.
 */
export function postgresConnection(url: string): { url: string; env: Record<string, string> } {
  const parsed = new URL(url);
  if (!parsed.password) return { url, env: {} };
  const password = decodeURIComponent(parsed.password);
  parsed.password = "";
  return { url: parsed.toString(), env: { PGPASSWORD: password } };
}

export function pgDumpPlan(url: string, file: string): CommandPlan {
  const conn = postgresConnection(url);
  return {
    argv: [
      "pg_dump",
      "--format=custom",
      "--no-owner",
      "--no-password",
      "--file",
      file,
      "--dbname",
      conn.url,
    ],
    env: conn.env,
  };
}

/** One transaction: a restore that fails half-way leaves the database as it was. */
export function pgRestorePlan(url: string, file: string): CommandPlan {
  const conn = postgresConnection(url);
  return {
    argv: [
      "pg_restore",
      "--clean",
      "--if-exists",
      "--no-owner",
      "--no-password",
      "--single-transaction",
      "--dbname",
      conn.url,
      file,
    ],
    env: conn.env,
  };
}

/** Runs one SQL command; with `--tuples-only --no-align` stdout is just the rows. */
export function psqlPlan(url: string, sql: string): CommandPlan {
  const conn = postgresConnection(url);
  return {
    argv: [
      "psql",
      "--no-psqlrc",
      "--no-password",
      "--quiet",
      "--tuples-only",
      "--no-align",
      "--set",
      "ON_ERROR_STOP=1",
      "--dbname",
      conn.url,
      "--command",
      sql,
    ],
    env: conn.env,
  };
}

export function scratchDatabaseName(random: string): string {
  if (!/^[a-z0-9]{1,40}$/.test(random)) throw new Error(`unsafe scratch name suffix: ${random}`);
  return `weeknight_verify_${random}`;
}

/** The same server and credentials, another database. */
export function scratchDatabaseUrl(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

export function createScratchDatabasePlan(url: string, name: string): CommandPlan {
  return psqlPlan(url, `CREATE DATABASE "${name}"`);
}

/** FORCE: a check that left a connection open must not leave the scratch database behind. */
export function dropScratchDatabasePlan(url: string, name: string): CommandPlan {
  return psqlPlan(url, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
}
