import { describe, expect, it } from "vitest";
import {
  type IncidentSummary,
  incidentSections,
  incidentsByDeployment,
  openedByLabel,
  parseIncidentFilter,
  sortIncidents,
} from "./incident-list.js";

let nextId = 1;
const incident = (extra: Partial<IncidentSummary>): IncidentSummary => ({
  id: nextId++,
  project: "shop",
  environment: "production",
  title: "deploy #12 of shop to production: home page failing",
  severity: "sev2",
  state: "open",
  deploymentId: 12,
  openedAt: 1000,
  openedBy: "weeknight",
  resolvedAt: null,
  rootCause: null,
  resolution: null,
  ...extra,
});

describe("the incidents list", () => {
  it("shows open incidents first, the most severe on top, then resolved ones newest first", () => {
    const sorted = sortIncidents([
      incident({ title: "old resolved", state: "resolved", resolvedAt: 5000 }),
      incident({ title: "sev3", severity: "sev3", openedAt: 9000 }),
      incident({ title: "new resolved", state: "resolved", resolvedAt: 8000 }),
      incident({ title: "old sev2", openedAt: 1000 }),
      incident({ title: "sev1", severity: "sev1", openedAt: 500 }),
      incident({ title: "new sev2", openedAt: 3000 }),
    ]);
    expect(sorted.map((i) => i.title)).toEqual([
      "sev1",
      "new sev2",
      "old sev2",
      "sev3",
      "new resolved",
      "old resolved",
    ]);
  });

  it("reads the state filter from the URL, falling back to all", () => {
    expect(parseIncidentFilter("resolved")).toBe("resolved");
    expect(parseIncidentFilter("firing")).toBe("all");
    expect(parseIncidentFilter(null)).toBe("all");
  });

  it("asks for open incidents before resolved ones when showing all", () => {
    expect(incidentSections("all").map((s) => s.state)).toEqual(["open", "resolved"]);
    expect(incidentSections("open")).toEqual([{ title: "Open", state: "open" }]);
  });

  it("says an alert opened an incident weeknight opened", () => {
    expect(openedByLabel("weeknight")).toBe("an alert (weeknight)");
    expect(openedByLabel("alice")).toBe("alice");
  });

  it("finds the incident of each suspect deploy, ignoring incidents without one", () => {
    const byDeploy = incidentsByDeployment([
      incident({ id: 3, deploymentId: 12 }),
      incident({ id: 4, deploymentId: null }),
    ]);
    expect(byDeploy.get(12)?.id).toBe(3);
    expect(byDeploy.size).toBe(1);
  });
});
