import type { Command } from "commander";
import { demoCommands } from "../demo/demo-commands.js";
import { agentCommands } from "./agent-commands.js";
import { authCommands } from "./auth-commands.js";
import { backupCommands, dataCommands } from "./backup-commands.js";
import { blockCommands } from "./block-commands.js";
import { buildCommands } from "./build-commands.js";
import { exitTwoOnUsageErrors } from "./cli-args.js";
import { processIo } from "./cli-io.js";
import { configCommands } from "./config-commands.js";
import { deliveryCommands } from "./delivery-commands.js";
import { deployCommands } from "./deploy-commands.js";
import { eventCommands } from "./event-commands.js";
import { flagCommands } from "./flag-commands.js";
import { hookCommands } from "./hook-commands.js";
import { incidentCommands } from "./incident-commands.js";
import { monitorCommands } from "./monitor-commands.js";
import { projectCommands } from "./project-commands.js";
import { secretCommands } from "./secret-commands.js";
import { serverCommands } from "./server-commands.js";
import { tokenCommands } from "./token-commands.js";
import { userCommands } from "./user-commands.js";

/** Every command group of the CLI; each lives in its own `<noun>-commands.ts`. */
export function registerCommands(program: Command, io = processIo()): void {
  exitTwoOnUsageErrors(program);
  serverCommands(program);
  demoCommands(program);
  agentCommands(program, io);
  authCommands(program, io);
  projectCommands(program, io);
  secretCommands(program, io);
  buildCommands(program, io);
  deployCommands(program, io);
  backupCommands(program, io);
  dataCommands(program, io);
  deliveryCommands(program, io);
  monitorCommands(program, io);
  incidentCommands(program, io);
  blockCommands(program, io);
  flagCommands(program, io);
  userCommands(program, io);
  tokenCommands(program, io);
  eventCommands(program, io);
  hookCommands(program, io);
  configCommands(program, io);
}
