import type { EnvironmentConfig } from "../config/config-schema.js";
import type { MonitorConfig } from "../config/monitor-schema.js";
import { defectSeverity } from "../risk/deploy-policy.js";
import { NO_CONFIG, noProduction } from "./pipeline-checks.js";
import { ago, DAY_MS, listed, productionOf, type ReadinessFacts } from "./readiness-facts.js";
import { type ReadinessItemId, readinessItem } from "./readiness-items.js";
import type { ReadinessItem } from "./readiness-schema.js";

/** Monitoring and processes: how production is watched, and what happens when it goes wrong. */

export const ROLLBACK_DAYS = 90;
export const BACKUP_DAYS = 7;
export const VERIFY_DAYS = 30;

interface Production {
  name: string;
  env: EnvironmentConfig;
  path: string;
}

type Check = (facts: ReadinessFacts, production: Production) => ReadinessItem;

function monitorsOf(production: Production, types: MonitorConfig["type"][]): string[] {
  return production.env.monitors
    .filter((m) => types.includes(m.type))
    .map((m) => `"${m.name}" (${m.type})`);
}

const webMonitoring: Check = (_facts, production) => {
  const found = monitorsOf(production, ["http", "browser", "journey"]);
  return found.length > 0
    ? readinessItem("web-monitoring", "met", `${production.path}.monitors: ${listed(found)}`)
    : readinessItem(
        "web-monitoring",
        "missing",
        `${production.path}.monitors has no http, browser or journey monitor: add one that loads the site`,
      );
};

const applicationMonitoring: Check = (_facts, production) => {
  const id = "application-monitoring";
  const metrics = monitorsOf(production, ["metrics"]);
  if (metrics.length > 0) {
    return readinessItem(id, "met", `${production.path}.monitors: ${listed(metrics)}`);
  }
  const journeys = monitorsOf(production, ["journey"]);
  return journeys.length > 0
    ? readinessItem(
        id,
        "partly",
        `only ${listed(journeys)} exercise${journeys.length === 1 ? "s" : ""} the app, from outside: add a metrics monitor on its /metrics to watch its insides`,
      )
    : readinessItem(
        id,
        "missing",
        `${production.path}.monitors has no metrics monitor: expose Prometheus metrics and add rules (error ratio, queue depth)`,
      );
};

const logMonitoring: Check = (_facts, production) => {
  const found = monitorsOf(production, ["logs"]);
  return found.length > 0
    ? readinessItem("log-monitoring", "met", `${production.path}.monitors: ${listed(found)}`)
    : readinessItem(
        "log-monitoring",
        "missing",
        `${production.path}.monitors has no logs monitor: add one with new_patterns: true`,
      );
};

/** What rolls a bad release back without anyone: health checks, the canary, gate monitors. */
function rollbackGuards({ env }: Production): string[] {
  const { target } = env;
  const health =
    target.type === "process" || (target.type === "ssh" && target.port !== undefined)
      ? [`health check ${env.health.path}`]
      : target.type === "command" && target.health
        ? ["health command"]
        : [];
  const canary =
    target.type === "process" && env.canary.traffic > 0
      ? [`canary analysis at ${env.canary.traffic} %`]
      : [];
  const gates = env.monitors.filter((m) => m.gate).map((m) => `"${m.name}"`);
  return [...health, ...canary, ...(gates.length > 0 ? [`gate monitors ${listed(gates)}`] : [])];
}

const automaticRollback: Check = (facts, production) => {
  const id = "automatic-rollback";
  const guards = rollbackGuards(production);
  const last = facts.lastRollback;
  const used = last !== null && facts.now - last.at <= ROLLBACK_DAYS * DAY_MS;
  const history = last
    ? `deployment #${last.deploymentId} on ${last.environment} ${last.automatic ? "rolled back by itself" : "was rolled back on request"} ${ago(last.at, facts.now)}`
    : "no rollback yet";
  const configured =
    guards.length > 0
      ? `${production.path} rolls a bad release back by itself (${listed(guards)})`
      : `${production.path} has no health check and no gate monitor: nothing stops a bad release`;
  if (guards.length > 0 && used) return readinessItem(id, "met", `${configured}; ${history}`);
  const practise = used
    ? history
    : `${history} in the last ${ROLLBACK_DAYS} days: practise with weeknight rollback ${production.name}`;
  return readinessItem(
    id,
    guards.length > 0 || used ? "partly" : "missing",
    `${configured}; ${practise}`,
  );
};

const SERVICE_MANAGER = /\b(systemctl|service|supervisorctl|pm2|docker|podman|kubectl)\b/;

const crashSupervision: Check = (facts, production) => {
  const id = "crash-supervision";
  const { target } = production.env;
  const crash = facts.deliveries.crashReported;
  const reported = crash ? `; the last crash was reported ${ago(crash.at, facts.now)}` : "";
  if (target.type === "process") {
    return readinessItem(
      id,
      "met",
      `${production.path} runs on a process target: the agent restarts a crashed release with backoff and Weeknight reports it${reported}`,
    );
  }
  if (crash) return readinessItem(id, "met", `a crashed release was restarted${reported}`);
  const manager =
    target.type === "ssh" ? SERVICE_MANAGER.exec(`${target.restart} ${target.setup ?? ""}`) : null;
  if (manager) {
    return readinessItem(
      id,
      "partly",
      `${production.path}.target restarts through ${manager[1]}, which may restart a crash, but Weeknight never hears of one: a process target supervises and reports crashes`,
    );
  }
  return readinessItem(
    id,
    "missing",
    `${production.path}.target is ${target.type}: nothing restarts a crashed server; use a process target (the agent), or a service manager with Restart=always`,
  );
};

const backups: Check = (facts, production) => {
  const id = "backups";
  if (!production.env.backup) {
    return readinessItem(
      id,
      "missing",
      `${production.path} has no backup: — add one (sqlite, postgres, or run and restore commands)`,
    );
  }
  const { now } = facts;
  const taken = facts.backups.find((b) => b.status === "ok");
  const verified = facts.backups
    .filter((b) => b.verifiedAt !== null && b.verifyError === null)
    .sort((a, b) => (b.verifiedAt ?? 0) - (a.verifiedAt ?? 0))[0];
  const fresh = taken !== undefined && now - taken.createdAt <= BACKUP_DAYS * DAY_MS;
  const checked = verified?.verifiedAt != null && now - verified.verifiedAt <= VERIFY_DAYS * DAY_MS;
  const parts = [
    taken ? `backup #${taken.id} taken ${ago(taken.createdAt, now)}` : "no backup taken yet",
    ...(fresh
      ? []
      : [`none in the last ${BACKUP_DAYS} days: weeknight backup create ${production.name}`]),
    verified?.verifiedAt != null
      ? `backup #${verified.id} restored and verified ${ago(verified.verifiedAt, now)}`
      : "no restore verified yet",
    ...(checked
      ? []
      : [`none in the last ${VERIFY_DAYS} days: weeknight backup verify ${production.name}`]),
  ];
  return readinessItem(id, fresh && checked ? "met" : "partly", parts.join("; "));
};

const fixFast: Check = (facts, production) => {
  const id = "fix-fast";
  const severity = defectSeverity(production.env);
  const fix = facts.lastFix;
  const used = fix
    ? `; last fix: build #${fix.buildId} fixed ${fix.incidentIds.map((n) => `INC-${n}`).join(", ")}${fix.how === "trailer" ? " (Fixes: trailer)" : " (marked)"} ${ago(fix.at, facts.now)}`
    : "";
  if (severity !== null) {
    const why = production.env.defects_first ? "" : " (on by default: it requires another)";
    return readinessItem(
      id,
      "met",
      `${production.path} puts defects first${why}: while a ${severity} incident is open, only a build that fixes it (Fixes: INC-<n>) goes out${used}`,
    );
  }
  return readinessItem(
    id,
    "partly",
    `${production.path}.defects_first is off: a fix waits in line with every other change, unless someone deploys it by hand (weeknight deploy ${production.name} --build <id>)${used}`,
  );
};

const checks: [ReadinessItemId, Check][] = [
  ["web-monitoring", webMonitoring],
  ["application-monitoring", applicationMonitoring],
  ["log-monitoring", logMonitoring],
  ["automatic-rollback", automaticRollback],
  ["crash-supervision", crashSupervision],
  ["backups", backups],
  ["fix-fast", fixFast],
];

/** Monitoring and processes items, in checklist order; all about the production environment. */
export function productionChecks(facts: ReadinessFacts): ReadinessItem[] {
  const config = facts.config?.config;
  const name = config ? productionOf(config) : null;
  const env = name ? config?.environments[name] : undefined;
  if (!config || !name || !env) {
    const why = config ? noProduction(config) : NO_CONFIG;
    return checks.map(([id]) => readinessItem(id, "missing", why));
  }
  const production = { name, env, path: `environments.${name}` };
  return checks.map(([, check]) => check(facts, production));
}
