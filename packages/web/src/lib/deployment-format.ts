/** How an environment decides when to deploy, as the environment API reports it. */
export type DeployPolicy = "on-green" | "manual" | { schedule: string; timezone: string };

/** One line a person reads: "Every green build", "Manual only", "Scheduled 0 22 * * 1-5 (Europe/Paris)". */
export function describePolicy(policy: DeployPolicy): string {
  if (policy === "on-green") return "Every green build";
  if (policy === "manual") return "Manual only";
  return `Scheduled ${policy.schedule} (${policy.timezone})`;
}

/** "1 file", "3 files". */
export function formatFileCount(files: number): string {
  return files === 1 ? "1 file" : `${files} files`;
}

/** "12 lines added, 3 removed in 2 files": a commit's change size read aloud. */
export function describeDiff(change: {
  additions: number;
  deletions: number;
  files: number;
}): string {
  return `${change.additions} lines added, ${change.deletions} removed in ${formatFileCount(change.files)}`;
}

/** Who or what started a deployment, from the server's `kind:actor` trigger. */
export function describeTrigger(trigger: string): string {
  const [kind, ...rest] = trigger.split(":");
  const actor = rest.at(-1);
  if (kind === "manual" && actor) return `Manual by ${actor}`;
  if (kind === "rollback" && actor) return `Rollback by ${actor}`;
  if (kind === "promote" && rest.length >= 2) return `Promoted from ${rest[0]} by ${actor}`;
  if (kind === "schedule") return "Schedule";
  if (kind === "on-green") return "Green build";
  return trigger;
}

/** Share of requests that failed with a 5xx, "0.4 %"; a dash before any request arrived. */
export function formatErrorRate(requests: number, errors5xx: number): string {
  if (requests <= 0) return "—";
  const percent = (errors5xx / requests) * 100;
  return `${percent < 10 ? percent.toFixed(1) : Math.round(percent)} %`;
}

/** A latency: "—" when unknown, "850 ms", "1.2 s". */
export function formatLatency(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return "—";
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(1)} s`;
}

/** The proxy's routing in words: "canary v2 · 30 %" or "all traffic to v1". */
export function describeRouting(
  routing: { active: string | null; canary: string | null; percent: number } | null,
): string {
  if (!routing) return "This target does not route traffic through a proxy";
  if (routing.canary) return `canary ${routing.percent} % to ${routing.canary}`;
  if (routing.active) return `all traffic to ${routing.active}`;
  return "no release serves traffic";
}

/**
 * A valid build number typed by a person, or a sentence saying what is wrong with it. `which`
 * names the build the field asks for, in the sentence for an empty field.
 */
export function parseBuildNumber(
  text: string,
  which = "the build to deploy",
): { build: number } | { error: string } {
  const trimmed = text.trim().replace(/^#/, "");
  if (trimmed === "") return { error: `Enter the number of ${which}, e.g. 42.` };
  if (!/^\d+$/.test(trimmed) || Number(trimmed) < 1)
    return { error: `"${text.trim()}" is not a build number: use a whole number such as 42.` };
  return { build: Number(trimmed) };
}
