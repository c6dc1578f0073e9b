import type { Answer } from "../api/answers.js";

/** A flag as the API reports it, with its state in every environment. */
export type FlagView = Answer<"/api/v1/projects/{name}/flags/{key}">;
export type FlagEnvironment = FlagView["environments"][number];
export type FlagRule = FlagEnvironment["rules"][number];
export type FlagConstraint = FlagRule["constraints"][number];
export type FlagRamp = NonNullable<FlagEnvironment["ramp"]>;
export type FlagType = FlagView["type"];
export type FlagStage = FlagEnvironment["stage"];
export type Segment = Answer<"/api/v1/projects/{name}/segments">[number];
export type FlagMetric = Answer<"/api/v1/projects/{name}/flags/{key}/metrics">[number];

export const flagTypes: readonly FlagType[] = [
  "release",
  "experiment",
  "operational",
  "kill-switch",
  "permission",
];

/** What each type is for, as the create dialog explains it. */
export const flagTypeHints: Record<FlagType, string> = {
  release: "ships unfinished code dark; stale 30 days after it reaches everyone",
  experiment: "an A/B test; stale 40 days after it reaches everyone",
  operational: "a switch operators keep (e.g. a slow path)",
  "kill-switch": "turns a feature off in an emergency",
  permission: "gives some users a feature for good",
};

export const stickinessChoices = ["default", "userId", "customerId", "sessionId"] as const;

/** "default" means userId, then sessionId (what the server does with it). */
export function stickinessLabel(stickiness: string): string {
  return stickiness === "default" ? "default (userId, then sessionId)" : stickiness;
}

export const flagPath = (project: string, key: string) =>
  `/projects/${encodeURIComponent(project)}/flags/${encodeURIComponent(key)}`;
export const flagsPath = (project: string) => `/projects/${encodeURIComponent(project)}/flags`;

export type Tone = "good" | "bad" | "busy" | "idle" | "warn";

/** The lifecycle badge: "off", "killed", "admins", "customers (2)", "10 %", "released". */
export function stageBadge(env: FlagEnvironment): { label: string; tone: Tone } {
  switch (env.stage) {
    case "off":
      return { label: "off", tone: "idle" };
    case "killed":
      return { label: "killed", tone: "bad" };
    case "admins":
      return { label: "admins", tone: "busy" };
    case "customers":
      return { label: `customers (${env.customers.length})`, tone: "busy" };
    case "percentage":
      return { label: `${env.percent ?? 0} %`, tone: "warn" };
    case "released":
      return { label: "released", tone: "good" };
    case "custom":
      return { label: "custom rules", tone: "busy" };
  }
}

/** A ramp in a word or two: "ramp paused", "ramp: 25 % next", or null without one. */
export function rampBadge(ramp: FlagRamp | null): { label: string; tone: Tone } | null {
  if (!ramp) return null;
  if (ramp.pausedAt !== null) return { label: "ramp paused", tone: "warn" };
  const next = nextStep(ramp);
  return next ? { label: `ramp: ${next.percent} % next`, tone: "busy" } : null;
}

export function nextStep(ramp: FlagRamp) {
  return ramp.steps.find((step) => step.appliedAt === null) ?? null;
}

export function staleLabel(stale: NonNullable<FlagView["stale"]>): string {
  return `stale ${stale.days} d — delete it`;
}

/** One constraint in words: "customerId IN acme, globex", "plan not IN free". */
export function constraintText(constraint: FlagConstraint): string {
  const values = constraint.values?.join(", ") ?? constraint.value ?? "";
  const not = constraint.inverted ? " not" : "";
  const caseless = constraint.caseInsensitive ? " (any case)" : "";
  return `${constraint.contextName}${not} ${constraint.operator} ${values}${caseless}`.trim();
}

/** Who a rule turns the flag on for: "segment admins and plan IN pro", "10 % by customerId". */
export function ruleText(rule: FlagRule): string {
  const who = [
    ...rule.segments.map((segment) => `segment ${segment}`),
    ...rule.constraints.map(constraintText),
  ];
  const by = rule.stickiness === "default" ? "userId" : rule.stickiness;
  const share = rule.rollout < 100 ? `${rule.rollout} % by ${by}` : "";
  if (who.length === 0) return share || "everyone";
  return share ? `${who.join(" and ")}, ${share}` : who.join(" and ");
}

/** Each rule with its name, or what the flag does without rules. */
export function describeRules(
  env: FlagEnvironment,
): { position: number; name: string; text: string }[] {
  return env.rules.map((rule, index) => ({
    position: index + 1,
    name: rule.name ?? `rule ${index + 1}`,
    text: ruleText(rule),
  }));
}

/** The rollout rule's stickiness, so the slider starts where the flag is. */
export function currentStickiness(env: FlagEnvironment): string {
  return env.rules.find((rule) => rule.name === "rollout")?.stickiness ?? "default";
}

/**
 * The slider's starting point, read from the rules so a killed flag keeps its share: the rollout
 * rule's percentage, 100 when a rule serves everyone, else 0.
 */
export function currentPercent(env: FlagEnvironment): number {
  const rollout = env.rules.find((rule) => rule.name === "rollout");
  if (rollout) return rollout.rollout;
  const everyone = env.rules.some(
    (rule) => rule.constraints.length === 0 && rule.segments.length === 0 && rule.rollout >= 100,
  );
  return everyone ? 100 : 0;
}

/** An allow-list typed with commas, spaces or newlines: trimmed, without blanks or repeats. */
export function parseCustomers(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\s,;]+/)
        .map((id) => id.trim())
        .filter(Boolean),
    ),
  ];
}

/**
 * A preview context from the named fields and free `key=value` lines; blank values are left out.
 * Returns the first line that is not `key=value` as an error.
 */
export function parseContext(
  fields: Record<string, string>,
  extra: string,
): { context: Record<string, string> } | { error: string } {
  const context: Record<string, string> = {};
  for (const [name, value] of Object.entries(fields)) {
    if (value.trim() !== "") context[name] = value.trim();
  }
  for (const line of extra.split(/\n|,(?=\s*[A-Za-z_][\w.-]*\s*=)/)) {
    const text = line.trim();
    if (text === "") continue;
    const match = /^([A-Za-z_][\w.-]*)\s*=\s*(.*)$/.exec(text);
    if (!match?.[1]) return { error: `"${text}" is not key=value, e.g. plan=enterprise` };
    context[match[1]] = (match[2] ?? "").trim();
  }
  return { context };
}

export interface RampRow {
  percent: string;
  at: string;
}

/** `datetime-local` text ("2026-12-01T09:00") for a time, in the browser's zone. */
export function toLocalInput(at: number): string {
  const date = new Date(at);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The rows of the ramp form as steps, or what is wrong with the first bad row. */
export function parseRampRows(
  rows: readonly RampRow[],
  now: number,
): { steps: { at: number; percent: number }[] } | { error: string } {
  const filled = rows.filter((row) => row.percent.trim() !== "" || row.at.trim() !== "");
  if (filled.length === 0) return { error: "Add at least one step: a percentage and a time." };
  const steps: { at: number; percent: number }[] = [];
  for (const [index, row] of filled.entries()) {
    const percent = Number(row.percent);
    const at = new Date(row.at).getTime();
    const which = `Step ${index + 1}`;
    if (row.percent.trim() === "" || !Number.isInteger(percent) || percent < 1 || percent > 100) {
      return { error: `${which}: the percentage is a whole number from 1 to 100.` };
    }
    if (row.at.trim() === "" || Number.isNaN(at))
      return { error: `${which}: pick a date and time.` };
    if (at <= now) return { error: `${which}: ${row.at.replace("T", " ")} is in the past.` };
    steps.push({ at, percent });
  }
  return { steps };
}

/** Pending steps of a ramp as form rows, so adding a step keeps the ones already planned. */
export function pendingRows(ramp: FlagRamp | null): RampRow[] {
  return (ramp?.steps ?? [])
    .filter((step) => step.appliedAt === null)
    .map((step) => ({ percent: String(step.percent), at: toLocalInput(step.at) }));
}

export interface EnvironmentCounts {
  environment: string;
  yes: number;
  no: number;
  variants: { name: string; count: number }[];
}

/** The last hours' evaluations per environment: yes/no, and how often each variant was served. */
export function countsByEnvironment(
  metrics: readonly FlagMetric[],
  environments: readonly string[],
): EnvironmentCounts[] {
  return environments.map((environment) => {
    const rows = metrics.filter((row) => row.environment === environment);
    const flag = rows.filter((row) => row.variant === "");
    const variants = new Map<string, number>();
    for (const row of rows) {
      if (row.variant === "") continue;
      variants.set(row.variant, (variants.get(row.variant) ?? 0) + row.yes + row.no);
    }
    return {
      environment,
      yes: flag.reduce((sum, row) => sum + row.yes, 0),
      no: flag.reduce((sum, row) => sum + row.no, 0),
      variants: [...variants].map(([name, count]) => ({ name, count })),
    };
  });
}

/** The environments of a list of flags, in the order the first flag that has them lists them. */
export function environmentsOf(flags: readonly FlagView[]): string[] {
  const names: string[] = [];
  for (const flag of flags) {
    for (const env of flag.environments) {
      if (!names.includes(env.environment)) names.push(env.environment);
    }
  }
  return names;
}

/** "flag.rollout" → "rollout", "flag.ramp.step" → "ramp step": a history action in words. */
export function historyAction(action: string): string {
  return action.replace(/^flag\./, "").replace(/\./g, " ");
}
