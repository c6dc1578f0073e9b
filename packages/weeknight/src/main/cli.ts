#!/usr/bin/env node
import { Command } from "commander";
import { registerCommands } from "../cli/cli-commands.js";
import { packageVersion } from "./package-version.js";

const program = new Command()
  .name("weeknight")
  .description(
    "Self-hosted continuous deployment: every weeknight, the last build that passed goes to production.",
  )
  .version(packageVersion())
  .showHelpAfterError("(add --help for usage)");
registerCommands(program);
program.parseAsync(process.argv).catch((error: Error) => {
  console.error(`weeknight: ${error.message}`);
  process.exitCode = process.exitCode || 1;
});
