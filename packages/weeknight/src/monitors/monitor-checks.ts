import type { Clock } from "../clock.js";
import type { EnvironmentConfig } from "../config/config-schema.js";
import type { LogsMonitorConfig, MonitorConfig } from "../config/monitor-schema.js";
import type { AgentClient } from "../targets/process/agent-client.js";
import type { CheckSite } from "./check-site.js";
import {
  createFileTail,
  createLogRules,
  createLogsCheck,
  createPushBuffer,
  createReleaseLogSource,
  type LogLineSource,
  type LogRules,
  type PushBuffer,
  pushSelectorMatches,
  type SourceLine,
} from "./logs/index.js";
import { createMetricsCheck } from "./metrics/index.js";
import type { Check } from "./monitor-types.js";
import { createWebCheck, createWebCheckResources } from "./web/index.js";

/**
 * Makes the check of each kind of monitor, sharing what is expensive: one HTTP connection pool
 * and one browser for every web check, and one place pushed log lines arrive at.
 */
export function createCheckFactory(deps: {
  clock: Clock;
  /** The agent holding a process target's releases, for `source: release` log monitors. */
  agentFor?: (target: EnvironmentConfig["target"]) => Pick<AgentClient, "logs"> | null;
  chromiumPath?: string;
}) {
  const web = createWebCheckResources({ chromiumPath: deps.chromiumPath });
  const pushed = new Set<{ labels: Record<string, string>; buffer: PushBuffer }>();
  /** The rules of each running log monitor: a gate learns from them which errors are old. */
  const watching = new Map<string, LogRules>();

  function logSource(config: LogsMonitorConfig, site: CheckSite): LogLineSource {
    const { source } = config;
    if (source === "release") {
      const agent = deps.agentFor?.(site.target) ?? null;
      if (!agent) {
        throw new Error(
          `monitor "${config.name}": source: release needs a process target (the agent keeps the release's output); use {file: path} or {push: labels}`,
        );
      }
      return createReleaseLogSource({ agent, app: `${site.project}/${site.environment}` });
    }
    if ("file" in source) return createFileTail({ path: source.file, clock: deps.clock });
    const entry = { labels: source.push, buffer: createPushBuffer() };
    pushed.add(entry);
    return {
      poll: (release) => entry.buffer.poll(release),
      close: async () => void pushed.delete(entry),
    };
  }

  function logsCheck(config: LogsMonitorConfig, site: CheckSite): Check {
    const key = `${site.project}/${site.environment}/${config.name}`;
    const known = watching.get(key)?.knownPatterns();
    const rules = createLogRules(config, { startedAt: deps.clock.now(), known });
    const source = logSource(config, site);
    // A file is read from where it ends now, when watching starts (a gate: the deployment's
    // health check), not from wherever it ends at the first run.
    const primed = source.poll(null).catch(() => []);
    const check = createLogsCheck({
      rules,
      source: {
        poll: async (release) => {
          await primed;
          return source.poll(release);
        },
        close: () => source.close?.() ?? Promise.resolve(),
      },
    });
    if (site.purpose === "gate") return check;
    watching.set(key, rules);
    return {
      run: (context) => check.run(context),
      async close() {
        if (watching.get(key) === rules) watching.delete(key);
        await check.close?.();
      },
    };
  }

  return {
    make(monitor: MonitorConfig, site: CheckSite): Check {
      switch (monitor.type) {
        case "http":
        case "journey":
        case "browser":
          return createWebCheck(monitor, { baseUrl: site.baseUrl, resources: web });
        case "metrics":
          return createMetricsCheck(monitor, { baseUrl: site.baseUrl });
        case "logs":
          return logsCheck(monitor, site);
      }
    },
    /** Lines pushed to /loki/api/v1/push: to every log monitor whose `push` labels they carry. */
    ingest(labels: Record<string, string>, lines: SourceLine[]) {
      for (const entry of pushed) {
        if (pushSelectorMatches(entry.labels, labels)) entry.buffer.add(lines);
      }
    },
    close: () => web.close(),
  };
}

export type CheckFactory = ReturnType<typeof createCheckFactory>;
