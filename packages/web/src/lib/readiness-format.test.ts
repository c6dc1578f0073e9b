import { describe, expect, it } from "vitest";
import {
  currentTitle,
  itemsByArea,
  levelTrack,
  nextSummary,
  type Readiness,
} from "./readiness-format.js";

const item = (
  id: string,
  area: Readiness["items"][number]["area"],
  status: "met" | "partly" | "missing",
) => ({
  id,
  area,
  title: `title of ${id}`,
  status,
  detail: "",
  doc: `docs/x.md#${id}`,
});

const ladder = [
  { level: "ci", title: "Continuous integration", needs: [], reached: true },
  {
    level: "continuous-delivery",
    title: "Continuous delivery to internal",
    needs: [],
    reached: true,
  },
  {
    level: "scheduled-production",
    title: "Scheduled production deploys",
    needs: [],
    reached: false,
  },
  { level: "continuous-deployment", title: "Continuous deployment", needs: [], reached: false },
] as Readiness["level"]["ladder"];

const readiness: Readiness = {
  project: "shop",
  computedAt: 0,
  configBuildId: 1,
  items: [
    item("web-monitoring", "monitoring", "partly"),
    item("unit-tests", "testing", "met"),
    item("log-monitoring", "monitoring", "missing"),
    item("backups", "processes", "met"),
  ],
  level: {
    current: "continuous-delivery",
    next: "scheduled-production",
    missingForNext: ["web-monitoring", "log-monitoring"],
    ladder,
  },
};

describe("readiness card", () => {
  it("groups items by area in the talk's order, counting what is met", () => {
    expect(itemsByArea(readiness.items).map((g) => [g.title, g.items.length, g.met])).toEqual([
      ["Testing", 1, 1],
      ["Monitoring", 2, 0],
      ["Processes", 1, 1],
    ]);
  });

  it("shows the ladder as a track: reached, next, ahead", () => {
    expect(levelTrack(readiness.level).map((s) => s.state)).toEqual([
      "reached",
      "reached",
      "next",
      "ahead",
    ]);
    expect(currentTitle(readiness.level)).toBe("Continuous delivery to internal");
    expect(currentTitle({ ...readiness.level, current: "none" })).toBe(
      "Not yet continuous integration",
    );
  });

  it("says what the next level still needs, by the items' titles", () => {
    expect(nextSummary(readiness)).toEqual({
      title: "Scheduled production deploys",
      needs: ["title of web-monitoring", "title of log-monitoring"],
    });
    expect(nextSummary({ ...readiness, level: { ...readiness.level, next: null } })).toBeNull();
  });
});
