import type { ReadinessArea, ReadinessItem, ReadinessLevel } from "./readiness-schema.js";

/** The checklist, in the order the talk lists the prerequisites. Each doc says how to meet it. */
export const readinessItems = {
  "unit-tests": {
    area: "testing",
    title: "Unit tests run on every build",
    doc: "docs/builds.md#test-stages",
  },
  "integration-tests": {
    area: "testing",
    title: "Integration tests run on every build",
    doc: "docs/builds.md#test-stages",
  },
  "internal-environment": {
    area: "testing",
    title: "A production-like internal environment gets every green build",
    doc: "docs/deployments.md#an-internal-environment",
  },
  "build-every-commit": {
    area: "deployment",
    title: "Every commit is built automatically",
    doc: "docs/webhooks.md#polling",
  },
  "failure-notification": {
    area: "deployment",
    title: "A failed build is announced, and the notice arrives",
    doc: "docs/notifications.md#who-gets-told",
  },
  "promote-last-green": {
    area: "deployment",
    title: "Production promotes the last build that passed, by itself",
    doc: "docs/deployments.md#the-candidate",
  },
  "web-monitoring": {
    area: "monitoring",
    title: "Web-site / user monitoring of production",
    doc: "docs/monitoring.md#web-site-checks",
  },
  "application-monitoring": {
    area: "monitoring",
    title: "Application (guts) monitoring of production",
    doc: "docs/monitoring.md#application-metrics",
  },
  "log-monitoring": {
    area: "monitoring",
    title: "Log monitoring of production",
    doc: "docs/monitoring.md#logs",
  },
  "automatic-rollback": {
    area: "processes",
    title: "A failed deployment rolls back by itself, and rollback has been used",
    doc: "docs/deployments.md#automatic-rollback",
  },
  "crash-supervision": {
    area: "processes",
    title: "A crashed server is restarted and reported",
    doc: "docs/agent.md#crash-supervision",
  },
  backups: {
    area: "processes",
    title: "Production data is backed up and a restore was verified recently",
    doc: "docs/backups.md#restore-drills",
  },
  "fix-fast": {
    area: "processes",
    title: "A fix can go out fast, ahead of other changes",
    doc: "docs/risk.md#defects-first",
  },
} as const satisfies Record<string, { area: ReadinessArea; title: string; doc: string }>;

export type ReadinessItemId = keyof typeof readinessItems;

/** The item with its title and doc, in the state a rule found. */
export function readinessItem(
  id: ReadinessItemId,
  status: ReadinessItem["status"],
  detail: string,
): ReadinessItem {
  return { id, ...readinessItems[id], status, detail };
}

/**
 * What each level adds to the one below it: CI builds and tests every commit and says when it
 * breaks; continuous delivery puts each green build on internal; scheduled production deploys
 * promote the last green build on a schedule, watched by monitors; continuous deployment has
 * every prerequisite.
 */
export const levelSteps: {
  level: Exclude<ReadinessLevel, "none">;
  title: string;
  adds: ReadinessItemId[];
}[] = [
  {
    level: "ci",
    title: "Continuous integration",
    adds: ["build-every-commit", "unit-tests", "failure-notification"],
  },
  {
    level: "continuous-delivery",
    title: "Continuous delivery to internal",
    adds: ["internal-environment"],
  },
  {
    level: "scheduled-production",
    title: "Scheduled production deploys",
    adds: ["promote-last-green", "web-monitoring", "application-monitoring", "log-monitoring"],
  },
  {
    level: "continuous-deployment",
    title: "Continuous deployment",
    adds: ["integration-tests", "automatic-rollback", "crash-supervision", "backups", "fix-fast"],
  },
];
