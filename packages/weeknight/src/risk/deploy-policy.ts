import type { EnvironmentConfig } from "../config/config-schema.js";
import type { LevelPolicy } from "../config/control-schema.js";
import type { Severity } from "../incidents/incident-store.js";
import { severities } from "../incidents/incident-store.js";
import {
  formatLocal,
  freezeAt,
  inWindow,
  nextAllowed,
  nextRunThatMayGo,
  nextWindowStart,
  type WindowRules,
} from "./deploy-windows.js";
import type { RiskAssessment } from "./risk-rules.js";

/** What holds a deploy back, decided from plain data so a unit test can assert it exactly. */
export interface PolicyInput {
  environment: string;
  env: EnvironmentConfig;
  risk: RiskAssessment;
  approvals: { by: string; at: number }[];
  blocks: {
    id: number;
    project: string;
    environment: string | null;
    buildId: number | null;
    sha: string | null;
    kind: string;
    reason: string;
    createdBy: string;
    expiresAt: number | null;
  }[];
  /** Open incidents of the project with whether this change fixes them. */
  incidents: { id: number; severity: Severity; fixed: boolean }[];
  now: number;
}

export interface PolicyDecision {
  /** Every reason the deploy would wait now; empty: it may go. */
  holds: string[];
  policy: LevelPolicy;
  rules: WindowRules;
  /** When it is worth trying again: the next scheduled run that may go, a window opening, a freeze or block ending. */
  nextTryAt: number | null;
}

const DEFAULT_POLICY: LevelPolicy = { approvals: 0, backup: false, notify: [] };

export function environmentTimezone(env: EnvironmentConfig): string {
  return env.timezone ?? (typeof env.deploy === "object" ? env.deploy.timezone : "UTC");
}

/** Defects first: on by default where builds are promoted (environments that require another). */
export function defectSeverity(env: EnvironmentConfig): Severity | null {
  if (env.defects_first === false) return null;
  if (env.defects_first) return env.defects_first.severity;
  return env.requires.length > 0 ? "sev1" : null;
}

export function policyFor(env: EnvironmentConfig, level: string): LevelPolicy {
  return env.policy[level] ?? DEFAULT_POLICY;
}

export function decide(input: PolicyInput): PolicyDecision {
  const { env, risk, now } = input;
  const policy = policyFor(env, risk.level);
  const timezone = environmentTimezone(env);
  const rules: WindowRules = {
    timezone,
    windows: policy.windows ?? env.windows ?? null,
    freezes: env.freezes,
  };
  const holds: string[] = [];
  for (const block of input.blocks) holds.push(blockHold(block, input.environment, timezone));

  const missing = policy.approvals - input.approvals.length;
  if (missing > 0) {
    const given = input.approvals.length
      ? `, ${input.approvals.length} given (${input.approvals.map((a) => a.by).join(", ")})`
      : "";
    holds.push(
      `${risk.level} risk needs ${policy.approvals} approval${policy.approvals === 1 ? "" : "s"}${given}: weeknight approve ${input.environment}`,
    );
  }

  const freeze = freezeAt(rules, now);
  if (freeze) holds.push(`frozen: ${freeze.name} (until ${formatLocal(freeze.until, timezone)})`);
  const windowed = !inWindow(rules.windows, timezone, now);
  if (windowed) {
    const next = nextWindowStart(rules.windows, timezone, now);
    const which = policy.windows ? `${risk.level}-risk deploy window` : "deploy window";
    holds.push(
      `outside the ${which} (${(rules.windows ?? []).join(", ")} ${timezone})${next ? `; next window ${formatLocal(next, timezone)}` : "; no window ever opens"}`,
    );
  }

  const worst = defectSeverityRank(env);
  for (const incident of input.incidents) {
    if (incident.fixed || severities.indexOf(incident.severity) > worst) continue;
    holds.push(
      `incident INC-${incident.id} (${incident.severity}) is open: only a build that fixes it goes out (commit trailer "Fixes: INC-${incident.id}", or weeknight incident fix ${incident.id} --build <id>)`,
    );
  }

  return { holds, policy, rules, nextTryAt: nextTry(input, rules, freeze !== null || windowed) };
}

function defectSeverityRank(env: EnvironmentConfig): number {
  const severity = defectSeverity(env);
  return severity === null ? -1 : severities.indexOf(severity);
}

function nextTry(input: PolicyInput, rules: WindowRules, timed: boolean): number | null {
  const { env, now } = input;
  if (typeof env.deploy === "object") {
    return nextRunThatMayGo({
      schedule: env.deploy.schedule,
      scheduleTimezone: env.deploy.timezone,
      rules,
      after: now,
    });
  }
  if (timed) return nextAllowed(rules, now);
  const expiries = input.blocks.map((b) => b.expiresAt);
  if (expiries.length > 0 && expiries.every((e) => e !== null))
    return Math.max(...(expiries as number[]));
  return null;
}

function blockHold(
  block: PolicyInput["blocks"][number],
  environment: string,
  timezone: string,
): string {
  const until = block.expiresAt ? ` (until ${formatLocal(block.expiresAt, timezone)})` : "";
  if (block.kind === "rollback") {
    return `blocked after an automatic rollback: ${block.reason} — lift it once the fix is in (weeknight unblock ${block.id})`;
  }
  const what =
    block.buildId !== null
      ? `build #${block.buildId} is blocked`
      : block.sha !== null
        ? `commit ${block.sha.slice(0, 7)} is blocked`
        : block.environment === null
          ? `${block.project} is blocked`
          : `${environment} is blocked`;
  return `${what} by ${block.createdBy}: ${block.reason}${until}`;
}
