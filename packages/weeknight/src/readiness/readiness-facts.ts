import type { EnvironmentConfig, WeeknightConfig } from "../config/config-schema.js";

/** One delivery of the notification log, as much as readiness needs of it. */
export interface DeliveryFact {
  at: number;
  buildId: number | null;
  channel: string;
  target: string;
  status: string;
  lastError: string | null;
}

/**
 * Everything the readiness checks read, gathered by the service: plain data, so every rule is
 * decided (and unit-tested) without a database, a repository or a clock.
 */
export interface ReadinessFacts {
  now: number;
  project: { name: string; branch: string; pollIntervalMs: number };
  /** The newest passed build's weeknight.yml: what the team last said it wants. */
  config: { buildId: number; config: WeeknightConfig } | null;
  /** The project's newest builds, newest first. */
  builds: { id: number; status: string; trigger: string; sha: string; commitShas: string[] }[];
  /** The branch's newest commits up to the newest build's commit, newest first; null if unknown. */
  branchCommits: string[] | null;
  deliveries: {
    /** The newest `build.failed` delivery whatever became of it, and the newest delivered one. */
    failureLatest: DeliveryFact | null;
    failureDelivered: DeliveryFact | null;
    /** The newest delivered test notification (Settings → Send test). */
    testDelivered: DeliveryFact | null;
    /** The newest `release.crashed` notice: the crash watch saw a release crash and restart. */
    crashReported: DeliveryFact | null;
  };
  /** What is live on each environment of `config`, by name (absent or null: nothing). */
  live: Record<string, { buildId: number; since: number | null } | null>;
  /** The newest rollback, automatic (`rolled-back`) or asked for (`weeknight rollback`). */
  lastRollback: {
    deploymentId: number;
    environment: string;
    automatic: boolean;
    at: number;
  } | null;
  /** The production environment's backups, newest first (as many as retention kept). */
  backups: {
    id: number;
    status: string;
    createdAt: number;
    verifiedAt: number | null;
    verifyError: string | null;
  }[];
  /** The newest passed build that fixed an incident: a `Fixes: INC-<n>` trailer or a mark. */
  lastFix: { buildId: number; incidentIds: number[]; at: number; how: "trailer" | "marked" } | null;
}

export const DAY_MS = 86_400_000;

/**
 * The environment the practice calls production: one named `production` (or `prod`), else the
 * one environment at the end of the `requires` chain (required by none, requiring another).
 */
export function productionOf(config: WeeknightConfig): string | null {
  const names = Object.keys(config.environments);
  const named = ["production", "prod"].find((name) => names.includes(name));
  if (named) return named;
  const required = new Set(Object.values(config.environments).flatMap((env) => env.requires));
  const ends = names.filter(
    (name) => !required.has(name) && (config.environments[name]?.requires.length ?? 0) > 0,
  );
  return ends.length === 1 ? (ends[0] ?? null) : null;
}

/** The environment config of `name`, which `productionOf` or `Object.keys` returned. */
export function environmentOf(config: WeeknightConfig, name: string): EnvironmentConfig {
  const env = config.environments[name];
  if (!env) throw new Error(`no environment ${name}`);
  return env;
}

/** "just now", "12 min ago", "5 h ago", "3 days ago": ages in details. */
export function ago(at: number, now: number): string {
  const minutes = Math.floor((now - at) / 60_000);
  if (minutes < 1) return "just now";
  if (minutes < 60) return `${minutes} min ago`;
  if (minutes < 24 * 60) return `${Math.floor(minutes / 60)} h ago`;
  const days = Math.floor(minutes / (24 * 60));
  return `${days} day${days === 1 ? "" : "s"} ago`;
}

/** `a`, `a and b`, `a, b and c`. */
export function listed(words: string[]): string {
  if (words.length <= 1) return words.join("");
  return `${words.slice(0, -1).join(", ")} and ${words.at(-1)}`;
}
