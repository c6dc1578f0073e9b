import type { Command } from "commander";
import type { DomainEvent } from "./api-types.js";
import { shortSha } from "./cli-args.js";
import { connect } from "./cli-context.js";
import type { CliIo } from "./cli-io.js";
import { createOutput } from "./output.js";

interface EventsOptions {
  types?: string;
  project?: string;
  json?: boolean;
}

/** Exit status of a command ended by Ctrl-C, as shells report it (128 + SIGINT). */
const INTERRUPTED = 130;

export function eventCommands(program: Command, io: CliIo): void {
  program
    .command("events")
    .description("Stream the server's events (builds, deliveries), one line each, until Ctrl-C")
    .option("--types <patterns>", "comma-separated types or prefixes ending in *, e.g. build.*")
    .option("--project <project>", "only this project's events")
    .option("--json", "print each event as one JSON line (NDJSON)")
    .addHelpText(
      "after",
      "\nExamples:\n  weeknight events --types 'build.passed,build.failed' --project shop\n  weeknight events --json | jq -c 'select(.type == \"build.failed\") | .data'",
    )
    .action(async (options: EventsOptions) => {
      const out = createOutput(io);
      const client = await connect(io);
      const abort = new AbortController();
      const removeHandler = io.onInterrupt(() => abort.abort());
      try {
        const { types, project } = options;
        const stream = await client.events("/events", { types, project }, abort.signal);
        for await (const message of stream) {
          const event = JSON.parse(message.data) as DomainEvent;
          if (options.json) out.jsonLine(event);
          else out.line(eventLine(event, out.colors.dim));
        }
      } finally {
        removeHandler();
      }
      if (abort.signal.aborted) io.setExitCode(INTERRUPTED);
      else throw new Error(`${client.url} closed the event stream (server stopped?)`);
    });
}

/** `18:05:03  build.stage      shop #12 unit passed` */
export function eventLine(event: DomainEvent, dim: (text: string) => string): string {
  const time = new Date(event.at).toTimeString().slice(0, 8);
  return `${dim(time)}  ${event.type.padEnd(16)} ${eventSummary(event)}`.trimEnd();
}

function eventSummary(event: DomainEvent): string {
  const { project, buildId, ...rest } = event.data;
  const subject = [project, buildId === undefined ? undefined : `#${buildId}`]
    .filter((part) => part !== undefined)
    .join(" ");
  const detail = (() => {
    switch (event.type) {
      case "build.queued":
        return `${shortSha(String(rest.sha))} (${String(rest.trigger)})`;
      case "build.started":
        return shortSha(String(rest.sha));
      case "build.stage":
        return `${String(rest.name)} ${String(rest.status)}`;
      case "build.log":
        return plural(Array.isArray(rest.lines) ? rest.lines.length : 0, "log line");
      case "build.failed":
        return rest.failedStage ? `in stage ${String(rest.failedStage)}` : "";
      case "build.passed":
      case "build.cancelled":
        return "";
      default:
        return Object.entries(rest)
          .map(
            ([key, value]) => `${key}=${typeof value === "string" ? value : JSON.stringify(value)}`,
          )
          .join(" ");
    }
  })();
  return `${subject} ${detail}`.trim();
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}
