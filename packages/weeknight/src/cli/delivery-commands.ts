import type { Command } from "commander";
import type { Delivery } from "./api-types.js";
import { positiveInteger } from "./cli-args.js";
import { connect } from "./cli-context.js";
import type { CliIo } from "./cli-io.js";
import { createOutput } from "./output.js";

interface DeliveryOptions {
  project?: string;
  build?: number;
  limit: number;
  json?: boolean;
}

export function deliveryCommands(program: Command, io: CliIo): void {
  program
    .command("deliveries")
    .description(
      "The notification delivery log, newest first: what was sent where, and whether it arrived",
    )
    .option("--project <project>", "only this project's notifications")
    .option("--build <id>", "only this build's notifications", positiveInteger)
    .option("--limit <n>", "how many (1-500)", positiveInteger, 50)
    .option("--json", "print the deliveries as JSON")
    .addHelpText("after", "\nExample:\n  weeknight deliveries --project shop --limit 10")
    .action(async (options: DeliveryOptions) => {
      const out = createOutput(io);
      const client = await connect(io);
      const { project, build, limit } = options;
      const deliveries = await client.get<Delivery[]>("/deliveries", { project, build, limit });
      if (options.json) return out.json(deliveries);
      out.table(
        ["id", "build", "event", "channel", "status", "tries", "when", "target", "error"],
        deliveries.map((d) => [
          String(d.id),
          d.buildId === null ? "-" : `#${d.buildId}`,
          d.event,
          d.channel,
          out.colors.status(d.status),
          String(d.attempts),
          out.ago(d.createdAt),
          d.target,
          d.lastError ?? "",
        ]),
        "no notifications sent yet",
      );
    });
}
