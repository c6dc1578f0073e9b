import { resolve } from "node:path";
import type { Command } from "commander";
import type { DownloadProgress, DownloadResult } from "./api-client.js";
import type { Build, LogLine } from "./api-types.js";
import { followLog } from "./build-follow.js";
import { logLineText, outcomeLine } from "./build-view.js";
import { positiveInteger } from "./cli-args.js";
import { connect } from "./cli-context.js";
import type { CliIo } from "./cli-io.js";
import { createOutput, formatBytes } from "./output.js";

interface LogsOptions {
  follow?: boolean;
  stage?: string;
  json?: boolean;
}

/** `build logs` and `build download`: reading what a build produced. */
export function buildLogCommands(build: Command, io: CliIo): void {
  build
    .command("logs")
    .argument("<id>", "build id", positiveInteger)
    .description(
      "Print a build's log; --follow streams it until the build ends and exits 1 unless it passed",
    )
    .option("--follow", "keep printing new lines until the build ends")
    .option("--stage <name>", "only this stage's output")
    .option("--json", "print the lines as JSON (one line per log line with --follow)")
    .addHelpText("after", "\nExample:\n  weeknight build logs 12 --follow --stage unit")
    .action(async (buildId: number, options: LogsOptions) => {
      const out = createOutput(io);
      const client = await connect(io);
      const build = await client.get<Build>(`/builds/${buildId}`);
      const keep = stageFilter(build, options.stage);
      const print = (lines: LogLine[]) => {
        for (const line of lines.filter(keep)) {
          if (options.json) out.jsonLine(line);
          else out.line(logLineText(out.colors, line));
        }
      };
      if (!options.follow) {
        const lines = await client.get<LogLine[]>(`/builds/${buildId}/log`);
        if (options.json) out.json(lines.filter(keep));
        else print(lines);
        return;
      }
      const finished = await followLog(client, buildId, print);
      // On stderr: stdout stays exactly the log, e.g. for `> build.log`.
      out.note(outcomeLine(out.errColors, finished, io.now()));
      if (finished.status !== "passed") io.setExitCode(1);
    });

  build
    .command("download")
    .argument("<id>", "build id", positiveInteger)
    .description("Download a passed build's artifact (tar.gz) and verify its sha256")
    .option("-o, --output <file>", "where to save it (default: <project>-build-<id>.tar.gz)")
    .option("--json", "print the result as JSON")
    .addHelpText(
      "after",
      "\nExample:\n  weeknight build download 12 -o shop.tar.gz && tar -tzf shop.tar.gz",
    )
    .action(async (id: number, options: { output?: string; json?: boolean }) => {
      const out = createOutput(io);
      const client = await connect(io);
      const build = await client.get<Build>(`/builds/${id}`);
      if (!build.artifact) {
        throw new Error(
          `build ${build.id} has no artifact (status ${build.status}): only passed builds keep one; list them with \`weeknight build list --project ${build.project} --status passed\``,
        );
      }
      const name = options.output ?? `${build.project}-build-${build.id}.tar.gz`;
      const file = resolve(io.cwd(), name);
      const progress = out.progress(`downloading ${name}`);
      let result: DownloadResult;
      try {
        result = await client.download(`/builds/${build.id}/artifact`, file, (p) =>
          progress.update(`downloading ${name} ${progressText(p)}`),
        );
      } finally {
        progress.stop();
      }
      if (options.json) out.json({ build: build.id, ...result });
      else
        out.line(`Saved ${name} (${formatBytes(result.size)}, sha256 ${result.sha256} verified)`);
    });
}

function progressText({ received, total }: DownloadProgress): string {
  if (!total) return formatBytes(received);
  return `${Math.floor((received / total) * 100)}% (${formatBytes(received)} of ${formatBytes(total)})`;
}

/** A filter for `--stage`, refusing a name the build does not have. */
function stageFilter(build: Build, stage: string | undefined): (line: LogLine) => boolean {
  if (stage === undefined) return () => true;
  const names = build.stages.map((s) => s.name);
  if (names.length > 0 && !names.includes(stage)) {
    throw new Error(
      `build ${build.id} has no stage "${stage}"; its stages are: ${names.join(", ")}`,
    );
  }
  return (line) => line.stage === stage;
}
