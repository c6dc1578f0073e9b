import { systemClock } from "../clock.js";
import { createAgentApi } from "./agent-routes.js";
import { createAgent } from "./agent-service.js";

export interface AgentMainOptions {
  home: string;
  apiPort: number;
  /** Address of the agent API (default 127.0.0.1; use 0.0.0.0 for a remote agent). */
  apiHost?: string;
  token: string;
  /** Address of the apps' public ports (default 127.0.0.1). */
  proxyHost?: string;
  log?: (line: string) => void;
}

export interface RunningAgent {
  url: string;
  /** Stops the API, then every release after its requests in flight, then the proxies. */
  stop(): Promise<void>;
}

/**
 * `weeknight agent`: reloads the saved desired states, serves the agent API, and stops
 * cleanly on SIGTERM or SIGINT. It does not depend on the server: apps keep serving
 * while no server runs.
 */
export async function agentMain(options: AgentMainOptions): Promise<RunningAgent> {
  if (options.token.length < 16) {
    throw new Error("the agent token must be at least 16 characters: use a long random secret");
  }
  const log = options.log ?? ((line: string) => console.log(`[agent] ${line}`));
  const agent = createAgent({
    home: options.home,
    clock: systemClock,
    proxyHost: options.proxyHost,
    log,
  });
  await agent.start();
  const api = createAgentApi({ agent, token: options.token });
  const host = options.apiHost ?? "127.0.0.1";
  try {
    await api.listen({ port: options.apiPort, host });
  } catch (error) {
    await agent.stop();
    throw new Error(
      `the agent API cannot listen on ${host}:${options.apiPort}: ${(error as Error).message} — is another agent running? choose another --api-port`,
    );
  }
  const address = api.server.address();
  const port = address && typeof address === "object" ? address.port : options.apiPort;
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  log(`listening on ${url} (state in ${agent.paths.stateFile})`);

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      process.off("SIGTERM", onSignal);
      process.off("SIGINT", onSignal);
      await api.close();
      await agent.stop();
      log("stopped");
    })();
    return stopping;
  };
  const onSignal = (): void => {
    void stop().then(() => process.exit(0));
  };
  process.on("SIGTERM", onSignal);
  process.on("SIGINT", onSignal);
  return { url, stop };
}
