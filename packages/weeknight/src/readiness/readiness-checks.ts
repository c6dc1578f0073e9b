import { pipelineChecks } from "./pipeline-checks.js";
import { productionChecks } from "./production-checks.js";
import type { ReadinessFacts } from "./readiness-facts.js";
import { levelSteps } from "./readiness-items.js";
import type { ReadinessItem, ReadinessLevelView } from "./readiness-schema.js";

/**
 * The readiness checklist, computed from configuration and history rather than ticked by hand:
 * every item of the talk's prerequisites with what was found, and the adoption level reached.
 */
export function checkReadiness(facts: ReadinessFacts): {
  items: ReadinessItem[];
  level: ReadinessLevelView;
} {
  const items = [...pipelineChecks(facts), ...productionChecks(facts)];
  return { items, level: readinessLevel(items) };
}

/** The highest level whose items are all met ("partly" is not met), and what the next one needs. */
export function readinessLevel(items: ReadinessItem[]): ReadinessLevelView {
  const met = new Set(items.filter((item) => item.status === "met").map((item) => item.id));
  let needs: string[] = [];
  const ladder = levelSteps.map((step) => {
    needs = [...needs, ...step.adds];
    return {
      level: step.level,
      title: step.title,
      needs,
      reached: needs.every((id) => met.has(id)),
    };
  });
  // Levels are cumulative, so the first one not reached ends the climb.
  const firstMissed = ladder.findIndex((rung) => !rung.reached);
  const reached = firstMissed === -1 ? ladder : ladder.slice(0, firstMissed);
  const next = firstMissed === -1 ? null : ladder[firstMissed];
  return {
    current: reached.at(-1)?.level ?? "none",
    next: next?.level ?? null,
    missingForNext: next ? next.needs.filter((id) => !met.has(id)) : [],
    ladder,
  };
}
