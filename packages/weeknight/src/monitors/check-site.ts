import type { EnvironmentConfig } from "../config/config-schema.js";
import type { MonitorConfig } from "../config/monitor-schema.js";
import type { Project } from "../projects/project-store.js";
import type { Check } from "./monitor-types.js";

/** Where a monitor runs: relative URLs resolve against `baseUrl`. */
export interface CheckSite {
  project: string;
  environment: string;
  baseUrl: string | undefined;
  target: EnvironmentConfig["target"];
  /** `watch` for the monitor that runs all the time, `gate` for one deployment's gate. */
  purpose: "watch" | "gate";
}

export type CheckFactory = (monitor: MonitorConfig, site: CheckSite) => Check;

/** An environment as its monitors see it: `url`, or a process target's public port. */
export function siteOf(
  project: Pick<Project, "name">,
  environment: string,
  env: EnvironmentConfig,
  purpose: CheckSite["purpose"],
): CheckSite {
  const baseUrl =
    env.url ?? (env.target.type === "process" ? `http://127.0.0.1:${env.target.port}` : undefined);
  return { project: project.name, environment, baseUrl, target: env.target, purpose };
}

/** A monitor that cannot be set up (e.g. a relative URL and no `url`) fails with the reason. */
export function safeCheck(make: CheckFactory, config: MonitorConfig, site: CheckSite): Check {
  try {
    return make(config, site);
  } catch (error) {
    const message = `cannot run: ${(error as Error).message}`;
    return { run: async () => ({ status: "fail", durationMs: 0, message }) };
  }
}
