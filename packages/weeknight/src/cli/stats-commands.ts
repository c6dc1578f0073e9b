import type { Command } from "commander";
import type { Stats } from "./api-types.js";
import { resolveProject } from "./block-commands.js";
import { positiveInteger } from "./cli-args.js";
import { connect } from "./cli-context.js";
import type { CliIo } from "./cli-io.js";
import { createOutput } from "./output.js";
import { statsBands, statsHeaders, statsRows, statsSummary, statsTitle } from "./stats-view.js";

/** `stats`: the DORA metrics of an environment, a table per week and a summary. */
export function statsCommands(program: Command, io: CliIo): void {
  program
    .command("stats")
    .description(
      "DORA metrics week by week: deploys, lead time, change failure rate, time to restore, batch size",
    )
    .option("-p, --project <project>", "the project (may be left out when the server has only one)")
    .option(
      "--env <environment>",
      "the environment (default: production, else the last one in weeknight.yml)",
    )
    .option("--weeks <n>", "how many weeks, this one included (1-104)", positiveInteger, 12)
    .option("--json", "print the figures as JSON")
    .addHelpText(
      "after",
      "\nLead time, restore, commits and lines are medians; see docs/stats.md.\n\nExample:\n  weeknight stats --env production --weeks 26",
    )
    .action(async (options: { project?: string; env?: string; weeks: number; json?: boolean }) => {
      const out = createOutput(io);
      const client = await connect(io);
      const project = await resolveProject(client, options.project);
      const stats = await client.get<Stats>(`/projects/${encodeURIComponent(project)}/stats`, {
        environment: options.env,
        weeks: options.weeks,
      });
      if (options.json) return out.json(stats);
      out.line(out.colors.bold(statsTitle(stats)));
      out.table(statsHeaders, statsRows(stats), "no weeks");
      out.line();
      out.line(statsSummary(stats.totals));
      out.line(`DORA bands: ${statsBands(stats.totals.bands)}`);
    });
}
