import type { Command } from "commander";
import type { Alert, Monitor, MonitorResult, Silence } from "./api-types.js";
import { positiveInteger } from "./cli-args.js";
import { connect } from "./cli-context.js";
import type { CliIo } from "./cli-io.js";
import { createOutput } from "./output.js";

/** Monitor and alert words in the colours the build statuses use for the same meaning. */
const colors: Record<string, string> = {
  pass: "passed",
  fail: "failed",
  firing: "failed",
  resolved: "passed",
  pending: "queued",
};
const colorOf = (status: string) => colors[status] ?? status;

const path = (...parts: string[]) => parts.map(encodeURIComponent).join("/");

export function monitorCommands(program: Command, io: CliIo): void {
  const monitor = program
    .command("monitor")
    .description("The monitors of an environment: their latest results and open alerts");
  monitor
    .command("list <project> <environment>")
    .description("Each monitor's status, failure streak, last result and alert")
    .option("--json", "print the monitors as JSON")
    .addHelpText("after", "\nExample:\n  weeknight monitor list shop production")
    .action(async (project: string, environment: string, options: { json?: boolean }) => {
      const out = createOutput(io);
      const client = await connect(io);
      const monitors = await client.get<Monitor[]>(
        `/projects/${path(project, "environments", environment, "monitors")}`,
      );
      if (options.json) return out.json(monitors);
      out.table(
        ["monitor", "type", "status", "streak", "took", "last run", "release", "alert", "message"],
        monitors.map((m) => [
          m.gate ? `${m.name} (gate)` : m.name,
          m.type,
          out.colors.status(colorOf(m.status), m.status),
          String(m.failures),
          m.durationMs === null ? "-" : `${m.durationMs} ms`,
          out.ago(m.lastAt),
          m.release ?? "-",
          m.alert ? `#${m.alert.id} ${m.alert.state}` : "",
          m.message ?? "",
        ]),
        `no monitors in ${environment}: add monitors: to it in weeknight.yml (see docs/monitoring.md)`,
      );
    });
  monitor
    .command("results <project> <environment> <monitor>")
    .description("One monitor's results, newest first, with the release that was serving")
    .option("--limit <n>", "how many (1-500)", positiveInteger, 20)
    .option("--json", "print the results as JSON")
    .addHelpText("after", '\nExample:\n  weeknight monitor results shop production "home page"')
    .action(
      async (
        project: string,
        environment: string,
        name: string,
        options: { limit: number; json?: boolean },
      ) => {
        const out = createOutput(io);
        const client = await connect(io);
        const results = await client.get<MonitorResult[]>(
          `/projects/${path(project, "environments", environment, "monitors", name, "results")}`,
          { limit: options.limit },
        );
        if (options.json) return out.json(results);
        out.table(
          ["when", "status", "took", "release", "message"],
          results.map((r) => [
            out.ago(r.at),
            out.colors.status(colorOf(r.status), r.status),
            `${r.durationMs} ms`,
            r.release ?? "-",
            r.message,
          ]),
          `no results yet for ${name}`,
        );
      },
    );

  program
    .command("alerts")
    .description("Monitors' alerts, newest first, with the deploy that most likely caused each")
    .option("--project <project>", "only this project's alerts")
    .option("--environment <environment>", "only this environment's alerts")
    .option("--open", "only pending and firing alerts")
    .option("--limit <n>", "how many (1-500)", positiveInteger, 50)
    .option("--json", "print the alerts as JSON")
    .addHelpText("after", "\nExample:\n  weeknight alerts --project shop --open")
    .action(
      async (options: {
        project?: string;
        environment?: string;
        open?: boolean;
        limit: number;
        json?: boolean;
      }) => {
        const out = createOutput(io);
        const client = await connect(io);
        const alerts = await client.get<Alert[]>("/alerts", {
          project: options.project,
          environment: options.environment,
          state: options.open ? "pending,firing" : undefined,
          limit: options.limit,
        });
        if (options.json) return out.json(alerts);
        out.table(
          ["id", "environment", "monitor", "state", "since", "suspect deploy", "message"],
          alerts.map((a) => [
            String(a.id),
            a.environment,
            a.monitor,
            out.colors.status(colorOf(a.state), a.state),
            out.ago(a.startedAt),
            a.deploymentId ? `#${a.deploymentId} (${a.release})` : "-",
            a.message,
          ]),
          options.open ? "no open alerts" : "no alerts yet",
        );
      },
    );

  const silence = program
    .command("silence")
    .description("Hold back alert notifications for a while (alerts are still kept)");
  silence
    .command("add")
    .description("Silence an environment, or one of its monitors, for a while")
    .requiredOption("--project <project>", "the project")
    .requiredOption("--environment <environment>", "the environment")
    .option("--monitor <monitor>", "only this monitor (default: all of the environment's)")
    .requiredOption("--for <duration>", "how long, e.g. 2h (at most 7 days)")
    .requiredOption("--reason <text>", "why, shown to whoever looks")
    .option("--json", "print the silence as JSON")
    .addHelpText(
      "after",
      '\nExample:\n  weeknight silence add --project shop --environment production --for 2h --reason "migrating the database"',
    )
    .action(
      async (options: {
        project: string;
        environment: string;
        monitor?: string;
        for: string;
        reason: string;
        json?: boolean;
      }) => {
        const out = createOutput(io);
        const client = await connect(io);
        const created = await client.post<Silence>("/silences", {
          project: options.project,
          environment: options.environment,
          monitor: options.monitor,
          for: options.for,
          reason: options.reason,
        });
        if (options.json) return out.json(created);
        out.line(
          `Silenced ${created.monitor ?? "every monitor"} of ${created.project} ${created.environment} until ${new Date(created.until).toISOString()} (silence ${created.id}).`,
        );
      },
    );
  silence
    .command("list")
    .description("Silences in force now")
    .option("--project <project>", "only this project's")
    .option("--json", "print the silences as JSON")
    .action(async (options: { project?: string; json?: boolean }) => {
      const out = createOutput(io);
      const client = await connect(io);
      const silences = await client.get<Silence[]>("/silences", { project: options.project });
      if (options.json) return out.json(silences);
      out.table(
        ["id", "project", "environment", "monitor", "until", "by", "reason"],
        silences.map((s) => [
          String(s.id),
          s.project,
          s.environment,
          s.monitor ?? "(all)",
          new Date(s.until).toISOString(),
          s.createdBy,
          s.reason,
        ]),
        "no silences in force",
      );
    });
  silence
    .command("end <id>")
    .description("End a silence now")
    .action(async (id: string) => {
      const out = createOutput(io);
      const client = await connect(io);
      await client.delete(`/silences/${encodeURIComponent(id)}`);
      out.line(`Ended silence ${id}.`);
    });
}
