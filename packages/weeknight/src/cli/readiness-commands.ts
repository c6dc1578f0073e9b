import type { Command } from "commander";
import type { Readiness } from "./api-types.js";
import { resolveProject } from "./block-commands.js";
import { connect } from "./cli-context.js";
import type { CliIo } from "./cli-io.js";
import { type Colors, createOutput } from "./output.js";

const AREAS = [
  ["testing", "Testing"],
  ["deployment", "Deployment"],
  ["monitoring", "Monitoring"],
  ["processes", "Processes"],
] as const;

function mark(status: Readiness["items"][number]["status"], colors: Colors): string {
  if (status === "met") return colors.green("✓");
  return status === "partly" ? colors.yellow("~") : colors.red("✗");
}

/** The checklist as a person reads it: level first, then each area, then what is next. */
export function formatReadiness(report: Readiness, colors: Colors): string[] {
  const { level } = report;
  const title = (id: string | null) =>
    level.ladder.find((rung) => rung.level === id)?.title ?? "no level reached yet";
  const lines = [
    `${colors.bold(report.project)}: ${colors.bold(title(level.current))}${level.current === "none" ? "" : ` (${level.current})`}`,
    colors.dim(
      report.configBuildId === null
        ? "no passed build with a readable weeknight.yml yet: it is read from the newest passed build"
        : `from the weeknight.yml of build #${report.configBuildId} and the project's history`,
    ),
  ];
  for (const [area, heading] of AREAS) {
    lines.push("", colors.bold(heading));
    for (const item of report.items.filter((i) => i.area === area)) {
      lines.push(`  ${mark(item.status, colors)} ${item.title}`);
      lines.push(`      ${item.detail}`);
      lines.push(`      ${colors.dim(`see ${item.doc}`)}`);
    }
  }
  lines.push("");
  if (level.next === null) {
    lines.push("Every prerequisite is met: continuous deployment.");
  } else {
    const needs = level.missingForNext.map((id) => {
      const item = report.items.find((i) => i.id === id);
      return `${mark(item?.status ?? "missing", colors)} ${id}`;
    });
    lines.push(`next level: ${title(level.next)} (${level.next}) needs ${needs.join(", ")}`);
  }
  return lines;
}

/** `readiness`: how far the project is on the way to continuous deployment, and what is next. */
export function readinessCommands(program: Command, io: CliIo): void {
  program
    .command("readiness")
    .description(
      "Show the project's continuous-deployment readiness: each prerequisite, met or not, and its level",
    )
    .option("-p, --project <project>", "the project (may be left out when the server has only one)")
    .option("--json", "print the checklist as JSON")
    .addHelpText(
      "after",
      "\nLevels: ci → continuous-delivery (to internal) → scheduled-production → continuous-deployment.\nExample:\n  weeknight readiness -p shop",
    )
    .action(async (options: { project?: string; json?: boolean }) => {
      const out = createOutput(io);
      const client = await connect(io);
      const project = await resolveProject(client, options.project);
      const report = await client.get<Readiness>(
        `/projects/${encodeURIComponent(project)}/readiness`,
      );
      if (options.json) return out.json(report);
      for (const line of formatReadiness(report, out.colors)) out.line(line);
    });
}
