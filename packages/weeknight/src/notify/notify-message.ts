import { type ChangelogNotification, renderChangelog } from "./changelog-message.js";
import { type ControlNotice, renderControl } from "./control-message.js";
import { type FlagNotification, renderFlag } from "./flag-message.js";
import { type DeliveryEvent, TEST_EVENT } from "./notify-types.js";

export interface BuildNotification {
  event: DeliveryEvent;
  project: string;
  /** `url` links to the build in the dashboard/API. */
  build: { id: number; sha: string; branch: string; url: string };
  /** For build.failed: the failing stage and the end of its log (already secret-masked). */
  failedStage?: { name: string; message: string; logTail: string[] };
  /** Authors of the commits since the last green build. */
  authors: { name: string; email: string }[];
  /** Those commits, newest first (for a deploy: the commits that go out with it). */
  commits: { sha: string; author: string; message: string }[];
  /** For deploy.* events: which deployment, where, and why it ended as it did. */
  deployment?: { id: number; environment: string; url: string; reason: string | null };
  /** For a test: who sent it from the settings page. */
  sentBy?: string;
  /**
   * For alert.* events: the monitors failing (or recovered) together in one environment, and
   * the deploy that most likely caused it (`build` and `commits` are that deploy's).
   */
  /** For deploy.notice, deploy.summary and block.* events: the risk-and-control facts. */
  control?: ControlNotice;
  alert?: {
    /** Sent again because it is still firing (`alerts.remind`). */
    reminder: boolean;
    environment: string;
    deploymentId: number | null;
    since: number | null;
    monitors: { name: string; message: string }[];
    url: string;
  };
}

/**
 * What a channel sends: about a build (and its deploys, alerts, controls), about a flag, or a
 * public changelog entry.
 */
export type Notification = BuildNotification | FlagNotification | ChangelogNotification;

export function isFlagNotification(n: Notification): n is FlagNotification {
  return "flag" in n;
}

export function isChangelogNotification(n: Notification): n is ChangelogNotification {
  return "changelog" in n;
}

/**
 * The `authors` and `commits` of a notification from git commits, newest first: each
 * author once (by email), each commit by its first line.
 */
export function commitFields(
  commits: { sha: string; authorName: string; authorEmail: string; message: string }[],
): Pick<BuildNotification, "authors" | "commits"> {
  const authors = new Map(
    commits.map((c) => [c.authorEmail.toLowerCase(), { name: c.authorName, email: c.authorEmail }]),
  );
  return {
    authors: [...authors.values()],
    commits: commits.map((c) => ({
      sha: c.sha,
      author: c.authorName,
      message: c.message.split("\n")[0] ?? "",
    })),
  };
}

export const maxLogTailLines = 20;
const maxCommitLines = 10;

export function shortSha(sha: string): string {
  return sha.slice(0, 7);
}

/** Author names once each, in the order given ("Ada Lovelace, Bob"). */
export function authorNames(n: BuildNotification): string {
  const seen = new Set<string>();
  const names: string[] = [];
  for (const author of n.authors) {
    const key = author.name.trim().toLowerCase();
    if (key === "" || seen.has(key)) continue;
    seen.add(key);
    names.push(author.name.trim());
  }
  return names.join(", ");
}

/** Plain text (Markdown-friendly) used by e-mail and chat channels. */
export function renderText(n: Notification): { subject: string; text: string } {
  if (isFlagNotification(n)) return renderFlag(n);
  if (isChangelogNotification(n)) return renderChangelog(n);
  if (n.event === TEST_EVENT) return renderTest(n);
  if (n.control) return renderControl(n, n.control);
  if (n.alert) return renderAlert(n, n.alert);
  if (n.deployment) return renderDeploy(n, n.deployment);
  return n.event === "build.failed" ? renderFailed(n) : renderFixed(n);
}

function renderTest(n: BuildNotification): { subject: string; text: string } {
  const by = n.sentBy ? `, sent by ${n.sentBy}` : "";
  return {
    subject: `[weeknight] ${n.project}: test from Weeknight${by}`,
    text: `Test from Weeknight${by}. If you read this, ${n.project}'s notifications reach this channel.\n`,
  };
}

const deployVerbs: Record<string, string> = {
  "deploy.started": "is going out to",
  "deploy.succeeded": "is live on",
  "deploy.failed": "failed to deploy to",
  "deploy.rolled-back": "was rolled back on",
  "release.crashed": "crashed (and was restarted) on",
};

function renderDeploy(
  n: BuildNotification,
  deployment: NonNullable<BuildNotification["deployment"]>,
): { subject: string; text: string } {
  const what = `build #${n.build.id} (${shortSha(n.build.sha)})`;
  const verb = deployVerbs[n.event] ?? n.event;
  const subject = `[weeknight] ${n.project}: ${what} ${verb} ${deployment.environment}`;
  const paragraphs = [`${n.project} ${what} ${verb} ${deployment.environment}.`];
  if (deployment.reason) paragraphs.push(`Why: ${deployment.reason}`);
  if (n.commits.length > 0) {
    const lines = n.commits
      .slice(0, maxCommitLines)
      .map((c) => `  ${shortSha(c.sha)} ${firstLine(c.message)} (${c.author})`);
    paragraphs.push(`What goes out:\n${lines.join("\n")}`);
  }
  paragraphs.push(`Deployment: ${deployment.url}`);
  return { subject, text: `${paragraphs.join("\n\n")}\n` };
}

function renderAlert(
  n: BuildNotification,
  alert: NonNullable<BuildNotification["alert"]>,
): { subject: string; text: string } {
  const names = alert.monitors.map((m) => m.name).join(", ");
  const deploy = alert.deploymentId
    ? `deploy #${alert.deploymentId} (build #${n.build.id}, ${shortSha(n.build.sha)})`
    : null;
  const resolved = n.event === "alert.resolved";
  const still = alert.reminder ? "still failing: " : "";
  const subject = resolved
    ? `[weeknight] ${n.project} ${alert.environment}: recovered: ${names}`
    : deploy
      ? `[weeknight] ${n.project} ${alert.environment}: ${still}${deploy} likely broke: ${names}`
      : `[weeknight] ${n.project} ${alert.environment}: ${still || "failing: "}${names}`;
  const paragraphs = [
    resolved
      ? `${n.project} ${alert.environment}: ${names} ${alert.monitors.length > 1 ? "pass" : "passes"} again.`
      : `${n.project} ${alert.environment}: ${alert.monitors.length} monitor${alert.monitors.length > 1 ? "s" : ""} failing${deploy ? ` since ${deploy} went live — the most likely cause` : ""}.`,
  ];
  if (!resolved) {
    paragraphs.push(alert.monitors.map((m) => `  ${m.name}: ${m.message}`).join("\n"));
    if (n.commits.length > 0) {
      const lines = n.commits
        .slice(0, maxCommitLines)
        .map((c) => `  ${shortSha(c.sha)} ${firstLine(c.message)} (${c.author})`);
      paragraphs.push(`What that deploy took out:\n${lines.join("\n")}`);
    }
  }
  paragraphs.push(`Monitors: ${alert.url}`);
  return { subject, text: `${paragraphs.join("\n\n")}\n` };
}

function renderFailed(n: BuildNotification): { subject: string; text: string } {
  const where = `${n.build.branch} @ ${shortSha(n.build.sha)}`;
  const stage = n.failedStage;
  const subject = stage
    ? `[weeknight] ${n.project}: build #${n.build.id} failed at stage "${stage.name}" (${where})`
    : `[weeknight] ${n.project}: build #${n.build.id} failed (${where})`;
  const paragraphs = [
    `Build #${n.build.id} of ${n.project} failed on ${n.build.branch} at ${shortSha(n.build.sha)}.`,
  ];
  if (stage) paragraphs.push(`Stage "${stage.name}" failed: ${stage.message}`);
  const names = authorNames(n);
  if (names) paragraphs.push(`Broken by ${names}.`);
  const commits = renderCommits(n);
  if (commits) paragraphs.push(commits);
  if (stage && stage.logTail.length > 0) paragraphs.push(renderLogTail(stage.logTail));
  paragraphs.push(`Build: ${n.build.url}`);
  return { subject, text: `${paragraphs.join("\n\n")}\n` };
}

function renderFixed(n: BuildNotification): { subject: string; text: string } {
  const where = `${n.build.branch} @ ${shortSha(n.build.sha)}`;
  const subject = `[weeknight] ${n.project}: build #${n.build.id} fixed (${where})`;
  const paragraphs = [
    `Build #${n.build.id} of ${n.project} fixed ${n.build.branch} at ${shortSha(n.build.sha)}: every stage passes again.`,
  ];
  const names = authorNames(n);
  if (names) paragraphs.push(`Fixed by ${names}. Thank you!`);
  const commits = renderCommits(n);
  if (commits) paragraphs.push(commits);
  paragraphs.push(`Build: ${n.build.url}`);
  return { subject, text: `${paragraphs.join("\n\n")}\n` };
}

function renderCommits(n: BuildNotification): string {
  if (n.commits.length === 0) return "";
  const lines = n.commits
    .slice(0, maxCommitLines)
    .map((c) => `  ${shortSha(c.sha)} ${firstLine(c.message)} (${c.author})`);
  const more = n.commits.length - maxCommitLines;
  if (more > 0) lines.push(`  … and ${more} more`);
  return `Commits since the last green build:\n${lines.join("\n")}`;
}

function renderLogTail(logTail: string[]): string {
  const tail = logTail.slice(-maxLogTailLines);
  // A stray fence inside the log would end the code block early.
  const body = tail.map((line) => line.replaceAll("```", "'''")).join("\n");
  return `Last ${tail.length} log lines:\n\`\`\`\n${body}\n\`\`\``;
}

function firstLine(message: string): string {
  return message.split("\n", 1)[0]?.trim() ?? "";
}
