import type { Build, LogLine, Stage } from "./api-types.js";
import { shortSha } from "./cli-args.js";
import { type Colors, formatBytes, formatDuration, type Output } from "./output.js";

const SYMBOLS: Record<string, string> = {
  passed: "✓",
  failed: "✗",
  "timed-out": "✗",
  cancelled: "⊘",
  skipped: "-",
  running: "▸",
  pending: " ",
};

/** How long something took, or has taken so far. */
export function elapsed(
  startedAt: number | null | undefined,
  finishedAt: number | null | undefined,
  now: number,
): string {
  if (!startedAt) return "-";
  return formatDuration((finishedAt ?? now) - startedAt);
}

export function buildRows(out: Output, builds: Build[], now: number): string[][] {
  return builds.map((b) => [
    `#${b.id}`,
    b.project,
    out.colors.status(b.status),
    shortSha(b.sha),
    b.branch,
    b.trigger,
    out.ago(b.queuedAt),
    elapsed(b.startedAt, b.finishedAt, now),
  ]);
}

export const BUILD_HEADERS = [
  "build",
  "project",
  "status",
  "commit",
  "branch",
  "trigger",
  "queued",
  "took",
];

/** `✓ unit  passed  339 ms  exit 0: message`, the stage padded to `width`. */
export function stageLine(colors: Colors, stage: Stage, now: number, width = 0): string {
  const symbol = SYMBOLS[stage.status] ?? "?";
  const parts = [
    `${colors.status(stage.status, symbol)} ${stage.name.padEnd(width)}`,
    colors.status(stage.status),
    elapsed(stage.startedAt, stage.finishedAt, now),
  ];
  // The message usually names the exit code already ("exited with code 1").
  if (!stage.message && stage.exitCode !== null && stage.exitCode !== 0) {
    parts.push(`exit ${stage.exitCode}`);
  }
  const line = parts.join("  ");
  return stage.message ? `${line}: ${stage.message}` : line;
}

export function showBuild(out: Output, build: Build, now: number): void {
  const { colors } = out;
  const field = (name: string, value: string) => out.line(`${colors.dim(name.padEnd(10))}${value}`);
  out.line(
    `${colors.bold(`Build #${build.id}`)} of ${build.project}: ${colors.status(build.status)}`,
  );
  field("commit", `${shortSha(build.sha)} on ${build.branch} (${build.trigger})`);
  field("queued", out.ago(build.queuedAt));
  if (build.startedAt) field("took", elapsed(build.startedAt, build.finishedAt, now));
  if (build.error) field("error", colors.red(build.error));

  out.line();
  out.line(colors.bold("Stages"));
  if (build.stages.length === 0) out.line("  (none started yet)");
  const width = Math.max(0, ...build.stages.map((s) => s.name.length));
  for (const stage of build.stages) out.line(`  ${stageLine(colors, stage, now, width)}`);

  out.line();
  if (build.artifact) {
    const { sha256, size } = build.artifact;
    field("artifact", `sha256:${sha256}  ${formatBytes(size)}`);
    out.line(colors.dim(`          download: weeknight build download ${build.id}`));
  } else {
    field("artifact", "none (only a passed build keeps one)");
  }

  out.line();
  out.line(colors.bold("Commits"));
  if (build.commits.length === 0) out.line("  (none recorded)");
  for (const commit of build.commits) {
    const subject = commit.message.split("\n")[0] ?? "";
    out.line(
      `  ${shortSha(commit.sha)}  ${subject}  ${colors.dim(`${commit.authorName} <${commit.authorEmail}>, ${out.ago(commit.committedAt)}`)}`,
    );
  }
}

/** Build output is printed as it was written; Weeknight's own lines are marked and dimmed. */
export function logLineText(colors: Colors, line: LogLine): string {
  return line.stream === "system" ? colors.dim(`[weeknight] ${line.text}`) : line.text;
}

/** One line saying how a finished build ended, with the command to look closer. */
export function outcomeLine(colors: Colors, build: Build, now: number): string {
  const took = elapsed(build.startedAt, build.finishedAt, now);
  if (build.status === "passed") {
    return `Build #${build.id} of ${build.project} ${colors.status("passed")} in ${took}`;
  }
  const failed = build.stages.find((s) => ["failed", "timed-out"].includes(s.status));
  const where = failed ? `: stage ${failed.name} ${failed.status}` : "";
  const why = build.error && !failed ? `: ${build.error}` : "";
  return `Build #${build.id} of ${build.project} ${colors.status(build.status)}${where}${why} (see \`weeknight build logs ${build.id}${failed ? ` --stage ${failed.name}` : ""}\`)`;
}
