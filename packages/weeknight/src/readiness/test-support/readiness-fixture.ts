import { parse } from "yaml";
import { weeknightConfigSchema } from "../../config/config-schema.js";
import { checkReadiness } from "../readiness-checks.js";
import { DAY_MS, type ReadinessFacts } from "../readiness-facts.js";
import type { ReadinessItemId } from "../readiness-items.js";

export const NOW = Date.UTC(2026, 10, 27, 12, 0, 0);
export const daysAgo = (days: number) => NOW - days * DAY_MS;

/** A weeknight.yml that meets every item of the checklist (with the history in `readyFacts`). */
export const READY_YML = `
project: shop
build:
  stages:
    - name: unit
      run: npm test
    - name: integration
      run: npm run test:integration
notify:
  - type: webhook
    url: https://hooks.example.com/weeknight
    events: [build.failed, build.fixed]
environments:
  internal:
    deploy: on-green
    target: { type: process, start: node main.js, port: 8081 }
    backup: { sqlite: /srv/internal.db }
    data: { refresh_from: production, scrub: ./scrub.sh }
  production:
    deploy: { schedule: "0 22 * * 1-5", timezone: Europe/London }
    requires: [internal]
    target: { type: process, start: node main.js, port: 8080 }
    backup: { sqlite: /srv/shop.db }
    monitors:
      - { name: home page, type: http, url: /, gate: true }
      - name: guts
        type: metrics
        url: /metrics
        rules: [{ name: errors, gauge: errors_total, below: 1 }]
      - name: errors in logs
        type: logs
        rules: [{ name: new errors, new_patterns: true }]
`;

type Yaml = { [key: string]: unknown };

/** The parts of the ready weeknight.yml a test reshapes, as raw YAML before validation. */
export interface YmlParts {
  root: Yaml;
  build: Yaml;
  internal: Yaml;
  production: Yaml;
}

/** The ready weeknight.yml, changed by `edit` on its raw YAML, then validated like the loader does. */
export function configWith(edit: (parts: YmlParts) => void = () => {}) {
  const root = parse(READY_YML) as Yaml;
  const environments = root.environments as Yaml;
  edit({
    root,
    build: root.build as Yaml,
    internal: environments.internal as Yaml,
    production: environments.production as Yaml,
  });
  return weeknightConfigSchema.parse(root);
}

const COMMITS = ["c5", "c4", "c3", "c2", "c1"];

/** Facts of a project that meets everything: a ready config and a history to match. */
export function readyFacts(overrides: Partial<ReadinessFacts> = {}): ReadinessFacts {
  const delivery = (days: number) => ({
    at: daysAgo(days),
    buildId: 7,
    channel: "webhook",
    target: "https://hooks.example.com/weeknight",
    status: "delivered",
    lastError: null,
  });
  return {
    now: NOW,
    project: { name: "shop", branch: "main", pollIntervalMs: 60_000 },
    config: { buildId: 9, config: configWith() },
    builds: [
      { id: 9, status: "passed", trigger: "webhook:github", sha: "c5", commitShas: ["c5", "c4"] },
      { id: 8, status: "passed", trigger: "poll", sha: "c3", commitShas: ["c3"] },
      { id: 7, status: "failed", trigger: "poll", sha: "c2", commitShas: ["c2", "c1"] },
    ],
    branchCommits: COMMITS,
    deliveries: {
      failureLatest: delivery(3),
      failureDelivered: delivery(3),
      testDelivered: null,
      crashReported: null,
    },
    live: {
      internal: { buildId: 9, since: daysAgo(1) },
      production: { buildId: 8, since: daysAgo(1) },
    },
    lastRollback: { deploymentId: 4, environment: "production", automatic: true, at: daysAgo(20) },
    backups: [
      { id: 12, status: "ok", createdAt: daysAgo(1), verifiedAt: null, verifyError: null },
      { id: 11, status: "ok", createdAt: daysAgo(2), verifiedAt: daysAgo(2), verifyError: null },
    ],
    lastFix: null,
    ...overrides,
  };
}

/** Facts of the ready project whose weeknight.yml is changed by `edit`. */
export function withYml(edit: (parts: YmlParts) => void, overrides: Partial<ReadinessFacts> = {}) {
  return readyFacts({ config: { buildId: 9, config: configWith(edit) }, ...overrides });
}

/** One item of the checklist computed from `facts`. */
export function itemOf(facts: ReadinessFacts, id: ReadinessItemId) {
  const found = checkReadiness(facts).items.find((i) => i.id === id);
  if (!found) throw new Error(`no item ${id}`);
  return found;
}
