/** What the dashboard needs of a build to describe it (a subset of the API's build). */
export interface BuildSummary {
  sha: string;
  status: string;
  queuedAt: number;
  startedAt: number | null;
  finishedAt: number | null;
  commits: { sha: string; authorName: string; message: string }[];
}

export type Transition = "broke" | "fixed" | null | undefined;

/** The 7-character sha people recognise from git. */
export function shortSha(sha: string): string {
  return sha.slice(0, 7);
}

/** The subject line of a commit message. */
export function firstLine(message: string): string {
  return message.split("\n", 1)[0]?.trim() ?? "";
}

/** The commit the build is of, or its newest commit when the head is not among them. */
export function headCommit<C extends { sha: string }>(build: { sha: string; commits: C[] }) {
  return build.commits.find((commit) => commit.sha === build.sha) ?? build.commits[0] ?? null;
}

/** Everyone whose commits are in the build, each once, in the order they first appear. */
export function authorsOf(build: Pick<BuildSummary, "commits">): string[] {
  return [...new Set(build.commits.map((commit) => commit.authorName))];
}

/** "Ada", "Ada and Bob", "Ada, Bob and Cy". */
export function joinNames(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? "";
  return `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}

/**
 * The marker for a build that changed the branch's colour: "broken by Ada" for a failure after a
 * green build, "fixed by Bob" for a pass after a failure; null otherwise.
 */
export function transitionLabel(transition: Transition, authors: readonly string[]): string | null {
  if (!transition) return null;
  const who = authors.length ? ` by ${joinNames(authors)}` : "";
  return transition === "broke" ? `broken${who}` : `fixed${who}`;
}

/**
 * How long the build has taken: queued-to-finished is not it, running time is. Null while it
 * waits in the queue; ticking (from `now`) while it runs.
 */
export function buildDuration(build: BuildSummary, now: number): number | null {
  if (build.startedAt === null) return null;
  return (build.finishedAt ?? now) - build.startedAt;
}

/** Who or what started a build, from the server's trigger: "poll", "webhook:github", "manual:ada". */
export function describeBuildTrigger(trigger: string): string {
  const [kind, ...rest] = trigger.split(":");
  const detail = rest.join(":");
  if (kind === "manual") return detail ? `Manual by ${detail}` : "Manual";
  if (kind === "webhook") return detail ? `Push (${detail} webhook)` : "Push webhook";
  if (kind === "poll") return "Poll";
  return trigger;
}

/** A stage's running time: finished, ticking from `now` while it runs, or null before it starts. */
export function stageDuration(
  stage: { startedAt: number | null; finishedAt: number | null },
  now: number,
): number | null {
  if (stage.startedAt === null) return null;
  return (stage.finishedAt ?? now) - stage.startedAt;
}

/** A byte count for an artifact: "812 B", "14.2 KB", "3.1 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ["KB", "MB", "GB", "TB"];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

/** Whether a build may still change (and be cancelled). */
export function isBuildActive(status: string): boolean {
  return status === "queued" || status === "running";
}
