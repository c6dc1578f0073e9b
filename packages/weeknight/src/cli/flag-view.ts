import type { ApiClient } from "./api-client.js";
import type { Flag, FlagEnvironment } from "./api-types.js";
import { resolveProject } from "./block-commands.js";
import { connect } from "./cli-context.js";
import type { CliIo } from "./cli-io.js";
import { createOutput, type Output } from "./output.js";

const iso = (at: number) => new Date(at).toISOString().replace(/:\d{2}\.\d{3}Z$/, "Z");

/** "customers (2)", "10 % by customerId", "released", "killed", plus a ramp note. */
export function describeStage(env: FlagEnvironment): string {
  const rollout = env.rules.find((r) => r.name === "rollout");
  const by = rollout && rollout.stickiness !== "default" ? ` by ${rollout.stickiness}` : "";
  const base =
    env.stage === "percentage"
      ? `${env.percent} %${by}${env.customers.length ? ` + ${env.customers.length} customers` : ""}`
      : env.stage === "customers"
        ? `customers (${env.customers.length})`
        : env.stage;
  if (!env.ramp) return base;
  const next = env.ramp.steps.find((s) => s.appliedAt === null);
  const ramp = env.ramp.pausedAt
    ? `ramp paused: ${env.ramp.pausedReason}`
    : next
      ? `ramp: ${next.percent} % at ${iso(next.at)}`
      : "ramp done";
  return `${base} (${ramp})`;
}

/** Each rule in words: "admins: segment admins", "customers: customerId IN acme, globex". */
export function describeRules(env: FlagEnvironment): string[] {
  if (!env.enabled) return ["killed: off for everyone"];
  if (env.rules.length === 0) return ["no rules: off for everyone"];
  return env.rules.map((rule, i) => {
    const parts = [
      ...rule.segments.map((s) => `segment ${s}`),
      ...rule.constraints.map(
        (c) =>
          `${c.contextName}${c.inverted ? " not" : ""} ${c.operator} ${c.values?.join(", ") ?? c.value ?? ""}`,
      ),
    ];
    const who = parts.length ? parts.join(" and ") : "everyone";
    const share =
      rule.rollout < 100
        ? ` (${rule.rollout} % by ${rule.stickiness === "default" ? "userId" : rule.stickiness})`
        : "";
    return `${rule.name ?? `rule ${i + 1}`}: ${who}${share}`;
  });
}

export function staleNote(flag: Flag): string | null {
  return flag.stale
    ? `stale: it has served everyone in ${flag.stale.environment} for ${flag.stale.days} days — delete it from the code, then weeknight flag archive ${flag.key}`
    : null;
}

const enc = encodeURIComponent;
export const flagPath = (project: string, key: string) =>
  `/projects/${enc(project)}/flags/${enc(key)}`;
export const projectOption = [
  "-p, --project <project>",
  "the project (may be left out when the server has only one)",
] as const;
export const envOption = ["-e, --env <environment>", "the environment, e.g. production"] as const;

export interface Common {
  project?: string;
  json?: boolean;
}

/** Connects, finds the project, and hands both to `run`. */
export function withProject<O extends Common>(
  io: CliIo,
  run: (ctx: { client: ApiClient; project: string; out: Output }, options: O) => Promise<void>,
) {
  return async (options: O) => {
    const out = createOutput(io);
    const client = await connect(io);
    const project = await resolveProject(client, options.project);
    await run({ client, project, out }, options);
  };
}

export function printFlag(out: Output, flag: Flag, only?: string): void {
  out.line(`${flag.key} (${flag.type})${flag.description ? ` — ${flag.description}` : ""}`);
  for (const env of flag.environments) {
    if (only !== undefined && env.environment !== only) continue;
    out.line(`  ${env.environment}: ${describeStage(env)}`);
    for (const rule of describeRules(env)) out.line(`    ${rule}`);
  }
  const stale = staleNote(flag);
  if (stale) out.note(stale);
}
