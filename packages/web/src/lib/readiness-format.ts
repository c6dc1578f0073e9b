import type { Answer } from "../api/answers.js";
import type { Tone } from "./flag-format.js";

export type Readiness = Answer<"/api/v1/projects/{name}/readiness">;
export type ReadinessItem = Readiness["items"][number];
export type ReadinessStatus = ReadinessItem["status"];
export type ReadinessLevel = Readiness["level"]["current"];

/** The mark beside an item, and the word that says the same for screen readers. */
export const statusMarks: Record<ReadinessStatus, { mark: string; label: string; tone: Tone }> = {
  met: { mark: "✓", label: "met", tone: "good" },
  partly: { mark: "~", label: "partly met", tone: "warn" },
  missing: { mark: "✗", label: "missing", tone: "bad" },
};

const areaTitles: Record<ReadinessItem["area"], string> = {
  testing: "Testing",
  deployment: "Deployment",
  monitoring: "Monitoring",
  processes: "Processes",
};

/** Items by area, in the talk's order (testing, deployment, monitoring, processes). */
export function itemsByArea(items: readonly ReadinessItem[]) {
  return (Object.keys(areaTitles) as ReadinessItem["area"][])
    .map((area) => ({
      area,
      title: areaTitles[area],
      items: items.filter((item) => item.area === area),
      met: items.filter((item) => item.area === area && item.status === "met").length,
    }))
    .filter((group) => group.items.length > 0);
}

export type StepState = "reached" | "next" | "ahead";

/** The ladder as a track: reached levels, the next one, and those beyond it. */
export function levelTrack(level: Readiness["level"]) {
  return level.ladder.map((step) => ({
    level: step.level,
    title: step.title,
    state: (step.reached ? "reached" : step.level === level.next ? "next" : "ahead") as StepState,
  }));
}

/** "Continuous delivery to internal", or "Not yet continuous integration" at level none. */
export function currentTitle(level: Readiness["level"]): string {
  const current = level.ladder.find((step) => step.level === level.current);
  if (current) return current.title;
  const first = level.ladder[0];
  return first ? `Not yet ${first.title.toLowerCase()}` : "No level yet";
}

/** "Next: Scheduled production deploys — needs …", or null at the top. */
export function nextSummary(readiness: Readiness): { title: string; needs: string[] } | null {
  const { level, items } = readiness;
  if (level.next === null) return null;
  const step = level.ladder.find((s) => s.level === level.next);
  const titleOf = (id: string) => items.find((item) => item.id === id)?.title ?? id;
  return { title: step?.title ?? level.next, needs: level.missingForNext.map(titleOf) };
}
