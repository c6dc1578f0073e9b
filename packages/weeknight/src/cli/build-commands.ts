import type { Command } from "commander";
import { Option } from "commander";
import { buildStatuses } from "../builds/build-store.js";
import type { ApiClient } from "./api-client.js";
import type { Build, DomainEvent, LogLine, Stage } from "./api-types.js";
import { triggerAndWatch } from "./build-follow.js";
import { buildLogCommands } from "./build-log-commands.js";
import {
  BUILD_HEADERS,
  buildRows,
  logLineText,
  outcomeLine,
  showBuild,
  stageLine,
} from "./build-view.js";
import { positiveInteger, shortSha } from "./cli-args.js";
import { connect } from "./cli-context.js";
import type { CliIo } from "./cli-io.js";
import { createOutput, type Output } from "./output.js";

interface ListOptions {
  project?: string;
  status?: string;
  limit: number;
  json?: boolean;
}

/** Stage names are not known before they run; most fit this, so the columns line up. */
const STAGE_WIDTH = 12;

/** How much of a failed stage's log `trigger --wait` shows, enough to see the error. */
const FAILURE_TAIL = 20;

export function buildCommands(program: Command, io: CliIo): void {
  const build = program
    .command("build")
    .description("List, show, trigger, follow, cancel and download builds");

  build
    .command("list")
    .description("List builds, newest first")
    .option("--project <project>", "only this project's builds")
    .addOption(new Option("--status <status>", "only builds in this status").choices(buildStatuses))
    .option("--limit <n>", "how many builds (1-200)", positiveInteger, 20)
    .option("--json", "print the builds as JSON")
    .action(async (options: ListOptions) => {
      const out = createOutput(io);
      const client = await connect(io);
      const { project, status, limit } = options;
      const builds = await client.get<Build[]>("/builds", { project, status, limit });
      if (options.json) return out.json(builds);
      out.table(
        BUILD_HEADERS,
        buildRows(out, builds, io.now()),
        "no builds yet: start one with `weeknight build trigger <project>`",
      );
    });

  build
    .command("show")
    .argument("<id>", "build id", positiveInteger)
    .description("Show a build: stages with durations, artifact sha256 and commits")
    .option("--json", "print the build as JSON")
    .action(async (id: number, options: { json?: boolean }) => {
      const out = createOutput(io);
      const shown = await (await connect(io)).get<Build>(`/builds/${id}`);
      if (options.json) out.json(shown);
      else showBuild(out, shown, io.now());
    });

  build
    .command("trigger <project>")
    .description(
      "Build the branch head (or --sha) now; --wait follows it and exits 1 unless it passes",
    )
    .option("--sha <sha>", "build this commit instead of the branch head")
    .option("--wait", "follow the build stage by stage (on stderr) until it ends")
    .option("--json", "print the build as JSON")
    .addHelpText("after", "\nExample:\n  weeknight build trigger shop --wait && echo green")
    .action(async (project: string, options: { sha?: string; wait?: boolean; json?: boolean }) => {
      const out = createOutput(io);
      const client = await connect(io);
      const trigger = () =>
        client.post<Build>(`/projects/${encodeURIComponent(project)}/builds`, {
          ...(options.sha ? { sha: options.sha.toLowerCase() } : {}),
        });
      if (!options.wait) {
        const queued = await trigger();
        if (options.json) return out.json(queued);
        out.line(
          `Build #${queued.id} of ${project} queued (${shortSha(queued.sha)} on ${queued.branch}): follow it with \`weeknight build logs ${queued.id} --follow\``,
        );
        return;
      }
      const finished = await waitForBuild(io, out, client, project, trigger);
      if (options.json) out.json(finished);
      else out.line(outcomeLine(out.colors, finished, io.now()));
      if (finished.status !== "passed") {
        if (!options.json) await showFailureTail(out, client, finished);
        io.setExitCode(1);
      }
    });

  build
    .command("cancel")
    .argument("<id>", "build id", positiveInteger)
    .description("Cancel a queued or running build (stops its whole process tree)")
    .option("--json", "print the build as JSON")
    .action(async (id: number, options: { json?: boolean }) => {
      const out = createOutput(io);
      const client = await connect(io);
      const cancelled = await client.post<Build>(`/builds/${id}/cancel`);
      if (options.json) out.json(cancelled);
      else
        out.line(
          `Build #${cancelled.id} of ${cancelled.project}: ${out.colors.status(cancelled.status)}`,
        );
    });

  buildLogCommands(build, io);
}

/** Runs the build with a line per finished stage on stderr (and a spinner on a terminal). */
async function waitForBuild(
  io: CliIo,
  out: Output,
  client: ApiClient,
  project: string,
  trigger: () => Promise<Build>,
): Promise<Build> {
  const progress = out.progress(`starting a build of ${project}`);
  const startedAt = new Map<number, number>();
  try {
    return await triggerAndWatch(client, project, trigger, {
      queued(build) {
        progress.persist(
          `Build #${build.id} of ${project} queued: ${shortSha(build.sha)} on ${build.branch}`,
        );
        progress.update("waiting to start");
      },
      event(event: DomainEvent) {
        if (event.type === "build.started") progress.update("checking out");
        if (event.type !== "build.stage") return;
        const stage = event.data as unknown as Stage;
        if (stage.status === "running") {
          startedAt.set(stage.position, stage.startedAt ?? event.at);
          progress.update(`stage ${stage.name} running`);
        } else {
          const line = stageLine(
            out.errColors,
            {
              ...stage,
              startedAt: startedAt.get(stage.position) ?? null,
              finishedAt: stage.finishedAt ?? event.at,
              exitCode: stage.exitCode ?? null,
              message: stage.message ?? null,
            },
            io.now(),
            STAGE_WIDTH,
          );
          progress.persist(line);
        }
      },
    });
  } finally {
    progress.stop();
  }
}

/** The last lines of the stage that failed, so the reason is on screen without another command. */
async function showFailureTail(out: Output, client: ApiClient, build: Build): Promise<void> {
  const failed = build.stages.find((s) => s.status === "failed" || s.status === "timed-out");
  if (!failed) return;
  const lines = await client.get<LogLine[]>(`/builds/${build.id}/log`);
  const tail = lines.filter((l) => l.stage === failed.name).slice(-FAILURE_TAIL);
  if (tail.length === 0) return;
  out.note(out.errColors.dim(`last lines of stage ${failed.name}:`));
  for (const line of tail) out.note(`  ${logLineText(out.errColors, line)}`);
}
