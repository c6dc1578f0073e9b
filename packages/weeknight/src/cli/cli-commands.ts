import type { Command } from "commander";
import { demoCommands } from "../demo/demo-commands.js";
import { serverCommands } from "./server-commands.js";

/** Every command group of the CLI; each lives in its own `<noun>-commands.ts`. */
export function registerCommands(program: Command): void {
  serverCommands(program);
  demoCommands(program);
}
