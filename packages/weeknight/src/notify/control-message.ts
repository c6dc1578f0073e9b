import { formatLocal } from "../risk/deploy-windows.js";
import type { BuildNotification } from "./notify-message.js";

/** The risk-and-control part of a notification: the afternoon notice, the summary, a block. */
export interface ControlNotice {
  environment: string;
  /** deploy.notice: when the deploy is scheduled. */
  at: number | null;
  timezone: string;
  risk: { level: string; reasons: string[] } | null;
  /** Why it would wait (notice) or was skipped (summary). */
  holds: string[];
  /** deploy.summary: "went live", "was rolled back: …", "failed: …" or "was skipped". */
  outcome: string | null;
  block: {
    id: number;
    by: string;
    reason: string;
    expiresAt: number | null;
    liftedBy: string | null;
  } | null;
  /** How to stop it: the command and the dashboard page. */
  howToBlock: string;
  url: string;
}

const MAX_COMMITS = 15;

export function renderControl(
  n: BuildNotification,
  c: ControlNotice,
): { subject: string; text: string } {
  const where = `${n.project} ${c.environment}`;
  const risk = c.risk
    ? `Risk: ${c.risk.level}${c.risk.reasons.length ? ` (${c.risk.reasons.join("; ")})` : ""}`
    : null;
  const commits = n.commits
    .slice(0, MAX_COMMITS)
    .map((commit) => `  ${commit.sha.slice(0, 7)} ${commit.message} (${commit.author})`);
  if (n.commits.length > MAX_COMMITS)
    commits.push(`  … and ${n.commits.length - MAX_COMMITS} more`);
  const paragraphs: string[] = [];
  let subject: string;
  if (c.block) {
    const lifted = n.event === "block.lifted";
    subject = lifted
      ? `[weeknight] ${where}: deploys unblocked by ${c.block.liftedBy}`
      : `[weeknight] ${where}: deploys blocked by ${c.block.by}`;
    paragraphs.push(
      lifted
        ? `${c.block.liftedBy} lifted the block on ${where} (it said: ${c.block.reason}).`
        : `${c.block.by} blocked deploys to ${where}: ${c.block.reason}${c.block.expiresAt ? ` (until ${formatLocal(c.block.expiresAt, c.timezone)})` : ""}.`,
    );
    if (!lifted) paragraphs.push(`To lift it: weeknight unblock ${c.block.id}`);
  } else if (n.event === "deploy.notice") {
    const when = c.at ? formatLocal(c.at, c.timezone) : "tonight";
    subject = `[weeknight] ${where}: build #${n.build.id} goes out at ${when}`;
    paragraphs.push(
      `Tonight's deploy: ${where} gets build #${n.build.id} (${n.build.sha.slice(0, 7)}) at ${when}.`,
    );
    if (risk) paragraphs.push(risk);
    if (c.holds.length) paragraphs.push(`It would wait now: ${c.holds.join("; ")}`);
    if (commits.length) paragraphs.push(`What goes out:\n${commits.join("\n")}`);
    paragraphs.push(`Something wrong? Block it: ${c.howToBlock}`);
  } else {
    subject = `[weeknight] ${where}: tonight's deploy ${c.outcome ?? "ran"}`;
    paragraphs.push(`Tonight's deploy of build #${n.build.id} to ${where}: ${c.outcome ?? "ran"}.`);
    if (c.holds.length) paragraphs.push(`Why: ${c.holds.join("; ")}`);
    if (risk) paragraphs.push(risk);
    if (commits.length) paragraphs.push(`Commits:\n${commits.join("\n")}`);
  }
  paragraphs.push(c.url);
  return { subject, text: `${paragraphs.join("\n\n")}\n` };
}
