import { join } from "node:path";
import type { TargetConfig } from "../config/config-schema.js";
import { InvalidInputError } from "../errors/domain-errors.js";
import type { ProcessRunner } from "../process/process-runner.js";
import { createCommandTarget } from "../targets/command/command-target.js";
import type { Target } from "../targets/target.js";

export interface TargetRequest {
  project: string;
  environment: string;
  config: TargetConfig;
  /** The environment's health path, for targets that check health in `status()`. */
  healthPath: string;
}

/** Makes the target an environment's config asks for; one extension point per target type. */
export type TargetFactory = (request: TargetRequest) => Target<unknown>;

export type TargetMakers = {
  [K in TargetConfig["type"]]?: (
    request: TargetRequest & { config: Extract<TargetConfig, { type: K }> },
  ) => Target<unknown>;
};

export function createTargetFactory(deps: {
  runner: ProcessRunner;
  home: string;
  baseEnv: Record<string, string>;
  makers?: TargetMakers;
}): TargetFactory {
  // One instance per environment, so a target can remember what it deployed.
  const targets = new Map<string, { config: string; target: Target<unknown> }>();
  const make = (request: TargetRequest): Target<unknown> => {
    const { config } = request;
    if (config.type === "command") {
      return createCommandTarget({
        config,
        runner: deps.runner,
        releasesDir: join(deps.home, "releases", request.project, request.environment),
        baseEnv: deps.baseEnv,
      }) as Target<unknown>;
    }
    const maker = deps.makers?.[config.type] as ((r: TargetRequest) => Target<unknown>) | undefined;
    if (!maker) {
      throw new InvalidInputError(`the ${config.type} target is not available in this server`);
    }
    return maker(request);
  };
  return (request) => {
    const key = `${request.project}/${request.environment}`;
    const config = JSON.stringify(request.config);
    const found = targets.get(key);
    if (found && found.config === config) return found.target;
    const target = make(request);
    targets.set(key, { config, target });
    return target;
  };
}
