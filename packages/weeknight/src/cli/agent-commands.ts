import type { Command } from "commander";
import { positiveInteger } from "./cli-args.js";
import type { CliIo } from "./cli-io.js";

interface AgentOptions {
  home?: string;
  apiPort: number;
  apiHost?: string;
  proxyHost?: string;
}

export function agentCommands(program: Command, io: CliIo): void {
  program
    .command("agent")
    .description(
      "Run the agent that serves an app's releases: reverse proxy, supervisor, canary and automatic rollback",
    )
    .option("--home <dir>", "data directory (env WEEKNIGHT_HOME, default ./.weeknight)")
    .option("--api-port <port>", "port of the agent API", positiveInteger, 7071)
    .option(
      "--api-host <host>",
      "address of the agent API (default 127.0.0.1; 0.0.0.0 for a remote agent)",
    )
    .option("--proxy-host <host>", "address the apps' public ports listen on (default 127.0.0.1)")
    .addHelpText(
      "after",
      "\nThe API token comes from WEEKNIGHT_AGENT_TOKEN (at least 16 characters).\n\nExample (a remote agent):\n  WEEKNIGHT_AGENT_TOKEN=$(openssl rand -hex 24) weeknight agent --api-host 0.0.0.0 --proxy-host 0.0.0.0",
    )
    .action(async (options: AgentOptions) => {
      const token = io.env.WEEKNIGHT_AGENT_TOKEN;
      if (!token)
        throw new Error(
          "set WEEKNIGHT_AGENT_TOKEN to the agent's API token (a long random secret)",
        );
      // Loaded on demand, like the server: other commands start faster without it.
      const { agentMain } = await import("../agent/agent-main.js");
      const { resolve } = await import("node:path");
      await agentMain({
        home: resolve(options.home ?? io.env.WEEKNIGHT_HOME ?? ".weeknight"),
        apiPort: options.apiPort,
        apiHost: options.apiHost,
        proxyHost: options.proxyHost,
        token,
      });
    });
}
