import type { EnvironmentConfig, StageConfig, WeeknightConfig } from "../config/config-schema.js";
import { ago, DAY_MS, listed, productionOf, type ReadinessFacts } from "./readiness-facts.js";
import { readinessItem } from "./readiness-items.js";
import type { ReadinessItem } from "./readiness-schema.js";

/** Testing and deployment: the build pipeline up to the choice of what production gets. */

export const NOTICE_DAYS = 90;

export const NO_CONFIG =
  "no passed build with a readable weeknight.yml yet: readiness reads the newest passed build's";

// Integration-like words win over the generic "test": `npm run test:e2e` is not a unit test.
const INTEGRATION =
  /integration|\be2e\b|end-to-end|acceptance|functional|smoke|playwright|cypress|selenium|webdriver/i;
const TESTS = /test|spec|jest|vitest|mocha|pytest|rspec|junit/i;
const UNIT = /\bunit/i;

/** Which kinds of tests a stage runs, judged by its name and its command. */
export function stageKinds(stage: StageConfig): { unit: boolean; integration: boolean } {
  const text = `${stage.name} ${stage.run}`;
  const integration = INTEGRATION.test(text);
  return { unit: UNIT.test(text) || (TESTS.test(text) && !integration), integration };
}

function stageCheck(
  facts: ReadinessFacts,
  id: "unit-tests" | "integration-tests",
  kind: "unit" | "integration",
): ReadinessItem {
  const config = facts.config?.config;
  if (!config) return readinessItem(id, "missing", NO_CONFIG);
  const found = config.build.stages.flatMap((stage, index) =>
    stageKinds(stage)[kind] ? [`build.stages[${index}] "${stage.name}" (${stage.run})`] : [],
  );
  if (found.length > 0) return readinessItem(id, "met", `${listed(found)} in weeknight.yml`);
  const names = config.build.stages.map((s) => `"${s.name}"`).join(", ");
  const words = kind === "unit" ? "unit/test/spec" : "integration/e2e/acceptance";
  return readinessItem(
    id,
    "missing",
    `no stage of build.stages (${names}) says ${words} in its name or command: add ${kind === "unit" ? "a unit" : "an integration"} test stage`,
  );
}

function internalEnvironment(facts: ReadinessFacts): ReadinessItem {
  const id = "internal-environment";
  const config = facts.config?.config;
  if (!config) return readinessItem(id, "missing", NO_CONFIG);
  const production = productionOf(config);
  const prodEnv = production ? config.environments[production] : undefined;
  const others = Object.entries(config.environments).filter(([name]) => name !== production);
  if (others.length === 0) {
    return readinessItem(
      id,
      "missing",
      `weeknight.yml has no environment${production ? ` besides ${production}` : "s"}: add environments.internal with deploy: on-green`,
    );
  }
  const alike = (env: EnvironmentConfig) => !prodEnv || env.target.type === prodEnv.target.type;
  const good = others.find(([, env]) => env.deploy === "on-green" && alike(env));
  if (good) {
    const [name, env] = good;
    const live = facts.live[name];
    const parts = [
      `environments.${name} deploys every green build (deploy: on-green) to a ${env.target.type} target${prodEnv ? ` like ${production}` : ""}`,
      live ? `build #${live.buildId} is live there` : "nothing is live there yet",
      env.data
        ? `its data is refreshed from ${env.data.refresh_from}`
        : `add data.refresh_from for production-like data`,
    ];
    return readinessItem(id, "met", parts.join("; "));
  }
  const [name, env] = (others.find(([, e]) => e.deploy === "on-green") ?? others[0]) as [
    string,
    EnvironmentConfig,
  ];
  const deploy = typeof env.deploy === "string" ? env.deploy : `schedule "${env.deploy.schedule}"`;
  const problems = [
    ...(env.deploy === "on-green" ? [] : [`deploys ${deploy}: set deploy: on-green`]),
    ...(alike(env)
      ? []
      : [
          `uses a ${env.target.type} target where ${production} uses ${prodEnv?.target.type}: deploy it the way production is deployed`,
        ]),
  ];
  return readinessItem(id, "partly", `environments.${name} ${problems.join("; it ")}`);
}

function buildEveryCommit(facts: ReadinessFacts): ReadinessItem {
  const id = "build-every-commit";
  const { project, builds } = facts;
  const webhooks = [
    ...new Set(
      builds.filter((b) => b.trigger.startsWith("webhook:")).map((b) => b.trigger.slice(8)),
    ),
  ];
  const triggers = [
    ...(project.pollIntervalMs > 0
      ? [`the branch ${project.branch} is polled every ${formatInterval(project.pollIntervalMs)}`]
      : []),
    ...(webhooks.length > 0 ? [`${webhooks.join(", ")} webhooks start builds`] : []),
  ];
  if (builds.length === 0) {
    return readinessItem(
      id,
      triggers.length > 0 ? "partly" : "missing",
      `no builds yet${triggers.length > 0 ? `; ${listed(triggers)}` : ""}`,
    );
  }
  const { covered, text } = commitCoverage(facts);
  if (triggers.length === 0) {
    return readinessItem(
      id,
      covered ? "partly" : "missing",
      `polling is off (poll interval 0) and no webhook has started a build: builds start only by hand; ${text}`,
    );
  }
  return readinessItem(id, covered ? "met" : "partly", `${listed(triggers)}; ${text}`);
}

/** Whether each of the branch's newest commits was credited to a build (ADR 0003). */
function commitCoverage(facts: ReadinessFacts): { covered: boolean; text: string } {
  const { branch } = facts.project;
  const commits = facts.branchCommits;
  if (commits === null) return { covered: false, text: "the branch's commits could not be read" };
  const built = new Set(facts.builds.flatMap((b) => [b.sha, ...b.commitShas]));
  const unbuilt = commits.filter((sha) => !built.has(sha));
  if (unbuilt.length === 0) {
    const text =
      commits.length === 1
        ? `the only commit on ${branch} has a build`
        : `each of the last ${commits.length} commits on ${branch} has a build`;
    return { covered: true, text };
  }
  const shown = unbuilt.slice(0, 3).map((sha) => sha.slice(0, 7));
  const more = unbuilt.length > 3 ? ", …" : "";
  return {
    covered: false,
    text: `${unbuilt.length} of the last ${commits.length} commits on ${branch} have no build (${shown.join(", ")}${more})`,
  };
}

function failureNotification(facts: ReadinessFacts): ReadinessItem {
  const id = "failure-notification";
  const config = facts.config?.config;
  if (!config) return readinessItem(id, "missing", NO_CONFIG);
  const channels = config.notify.flatMap((channel, index) =>
    channel.events.includes("build.failed") ? [`notify[${index}] (${channel.type})`] : [],
  );
  if (channels.length === 0) {
    return readinessItem(
      id,
      "missing",
      config.notify.length === 0
        ? "weeknight.yml has no notify: channel: add a slack, webhook or email channel"
        : "no notify: channel lists build.failed in its events",
    );
  }
  const { failureLatest, failureDelivered, testDelivered } = facts.deliveries;
  const recent = (d: { at: number } | null) =>
    d !== null && facts.now - d.at <= NOTICE_DAYS * DAY_MS;
  const subscribed = `${listed(channels)} subscribe${channels.length === 1 ? "s" : ""} to build.failed`;
  if (failureLatest?.status === "failed" && failureLatest.at > (failureDelivered?.at ?? 0)) {
    return readinessItem(
      id,
      "partly",
      `${subscribed}, but the newest failure notice (build #${failureLatest.buildId}, ${ago(failureLatest.at, facts.now)}) could not be delivered to ${failureLatest.target}: ${failureLatest.lastError ?? "no answer"}`,
    );
  }
  if (failureDelivered && recent(failureDelivered)) {
    return readinessItem(
      id,
      "met",
      `${subscribed}; build #${failureDelivered.buildId}'s failure notice reached ${failureDelivered.channel} ${failureDelivered.target} ${ago(failureDelivered.at, facts.now)}`,
    );
  }
  if (testDelivered && recent(testDelivered)) {
    return readinessItem(
      id,
      "met",
      `${subscribed}; a test notification reached ${testDelivered.channel} ${testDelivered.target} ${ago(testDelivered.at, facts.now)}`,
    );
  }
  return readinessItem(
    id,
    "partly",
    `${subscribed}, but no failure notice or test notification was delivered in the last ${NOTICE_DAYS} days: send a test from the dashboard's Settings`,
  );
}

function promoteLastGreen(facts: ReadinessFacts): ReadinessItem {
  const id = "promote-last-green";
  const config = facts.config?.config;
  if (!config) return readinessItem(id, "missing", NO_CONFIG);
  const production = productionOf(config);
  const env = production ? config.environments[production] : undefined;
  if (!production || !env) return readinessItem(id, "missing", noProduction(config));
  const when =
    env.deploy === "on-green"
      ? "on every green build (deploy: on-green)"
      : env.deploy === "manual"
        ? null
        : `on the schedule "${env.deploy.schedule}" (${env.deploy.timezone})`;
  const verified = env.requires.length > 0 ? `verified on ${listed(env.requires)}` : null;
  const live = facts.live[production];
  const history = live ? `build #${live.buildId} is live` : "nothing is live yet";
  const path = `environments.${production}`;
  if (when && verified) {
    return readinessItem(
      id,
      "met",
      `${path} deploys the newest build ${verified} ${when}; ${history}`,
    );
  }
  if (when) {
    return readinessItem(
      id,
      "partly",
      `${path} deploys ${when}, but requires nothing: add requires: [internal] so only builds seen working there go out; ${history}`,
    );
  }
  return readinessItem(
    id,
    verified ? "partly" : "missing",
    `${path} deploys manual${verified ? ` (candidates ${verified})` : " and requires nothing"}: set deploy: { schedule: "0 22 * * 1-5" } to promote the last green build every weeknight; ${history}`,
  );
}

export function noProduction(config: WeeknightConfig): string {
  const names = Object.keys(config.environments);
  return names.length === 0
    ? "weeknight.yml has no environments: add internal and production"
    : `no production environment among ${names.join(", ")}: name one production, or make it require the others`;
}

function formatInterval(ms: number): string {
  if (ms % 60_000 === 0) return `${ms / 60_000} min`;
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

/** Testing and deployment items, in checklist order. */
export function pipelineChecks(facts: ReadinessFacts): ReadinessItem[] {
  return [
    stageCheck(facts, "unit-tests", "unit"),
    stageCheck(facts, "integration-tests", "integration"),
    internalEnvironment(facts),
    buildEveryCommit(facts),
    failureNotification(facts),
    promoteLastGreen(facts),
  ];
}
