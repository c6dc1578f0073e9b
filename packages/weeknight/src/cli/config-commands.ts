import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import type { Command } from "commander";
import { renderConfigJsonSchema } from "../config/config-json-schema.js";
import { DEFAULT_CONFIG_FILE, formatProblem, parseConfig } from "../config/config-loader.js";
import type { WeeknightConfig } from "../config/config-schema.js";
import type { CliIo } from "./cli-io.js";
import { createOutput } from "./output.js";

/** What each environment's risk policy, windows and freezes ask for, one line each. */
export function describeControl(config: WeeknightConfig): string[] {
  return Object.entries(config.environments).flatMap(([name, env]) => {
    const lines = Object.entries(env.policy).map(([level, policy]) => {
      const needs = [
        policy.approvals > 0 && plural(policy.approvals, "approval"),
        policy.canary?.traffic !== undefined && `${policy.canary.traffic} % canary`,
        policy.windows && `windows ${policy.windows.join(", ")}`,
        policy.backup && "a backup",
        policy.notify.length > 0 && `tells ${policy.notify.join(", ")}`,
      ].filter((part): part is string => typeof part === "string");
      return `${name}: ${level} risk needs ${needs.join(", ") || "nothing extra"}`;
    });
    if (env.windows) lines.push(`${name}: deploys only in ${env.windows.join(", ")}`);
    for (const freeze of env.freezes)
      lines.push(`${name}: frozen for ${freeze.name}, ${freeze.from} to ${freeze.to}`);
    return lines;
  });
}

/** Commands that work on weeknight.yml locally, without a server. */
export function configCommands(program: Command, io: CliIo): void {
  program
    .command("validate [file]")
    .description(`Check a weeknight.yml (default ./${DEFAULT_CONFIG_FILE}) without a server`)
    .option("--json", 'print {"valid", "problems"} as JSON')
    .addHelpText(
      "after",
      "\nExamples:\n  weeknight validate\n  weeknight validate ci/weeknight.yml --json",
    )
    .action(async (file: string | undefined, options: { json?: boolean }) => {
      const out = createOutput(io);
      const name = file ?? DEFAULT_CONFIG_FILE;
      const text = await readConfig(resolve(io.cwd(), name), name);
      const result = parseConfig(text, name);
      if (!result.ok) {
        if (options.json) out.json({ valid: false, file: name, problems: result.problems });
        else for (const problem of result.problems) out.note(formatProblem(problem));
        io.setExitCode(1);
        return;
      }
      const stages = result.config.build.stages.length;
      const channels = result.config.notify.length;
      const monitors = Object.values(result.config.environments).reduce(
        (sum, env) => sum + env.monitors.length,
        0,
      );
      if (options.json) {
        out.json({ valid: true, file: name, stages, channels, monitors, problems: [] });
      } else {
        const watched = monitors > 0 ? `, ${plural(monitors, "monitor")}` : "";
        out.line(
          `${name} is valid: ${plural(stages, "stage")}, ${plural(channels, "notification channel")}${watched}`,
        );
        for (const line of describeControl(result.config)) out.line(`  ${line}`);
      }
    });

  program
    .command("schema")
    .description("Print the JSON Schema of weeknight.yml (for editor completion and CI checks)")
    .addHelpText(
      "after",
      "\nExample:\n  weeknight schema > weeknight.schema.json\n  # then in weeknight.yml: # yaml-language-server: $schema=./weeknight.schema.json",
    )
    .action(() => {
      io.stdout.write(renderConfigJsonSchema());
    });
}

async function readConfig(path: string, name: string): Promise<string> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") {
      throw new Error(
        `${name} not found (looked for ${path}): run this in your repository's root or pass the file, e.g. \`weeknight validate path/to/weeknight.yml\``,
      );
    }
    throw new Error(`cannot read ${path}: ${(error as Error).message}`);
  }
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}
