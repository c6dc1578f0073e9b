import { describe, expect, it } from "vitest";
import {
  type AlertView,
  alertSections,
  groupFiring,
  parseAlertFilter,
  sortAlerts,
  suspectPath,
} from "./monitor-alerts.js";

let nextId = 1;
const alert = (extra: Partial<AlertView>): AlertView => ({
  id: nextId++,
  projectId: 1,
  project: "shop",
  environment: "production",
  monitor: "home page",
  state: "firing",
  message: "[STATUS] == 200: got 500",
  release: "r12",
  deploymentId: 12,
  startedAt: 1000,
  firedAt: 1000,
  resolvedAt: null,
  ...extra,
});
const names = (id: number) => ["", "shop", "blog"][id] ?? `project ${id}`;

describe("the alerts list", () => {
  it("shows firing alerts first, then pending, then resolved, newest first in each", () => {
    const sorted = sortAlerts([
      alert({ monitor: "resolved", state: "resolved", resolvedAt: 9000 }),
      alert({ monitor: "pending", state: "pending", firedAt: null, startedAt: 5000 }),
      alert({ monitor: "old firing", firedAt: 1000 }),
      alert({ monitor: "new firing", firedAt: 3000 }),
    ]);
    expect(sorted.map((a) => a.monitor)).toEqual([
      "new firing",
      "old firing",
      "pending",
      "resolved",
    ]);
  });

  it("reads the state filter from the URL, falling back to all", () => {
    expect(parseAlertFilter("firing")).toBe("firing");
    expect(parseAlertFilter("bogus")).toBe("all");
    expect(parseAlertFilter(null)).toBe("all");
  });

  it("asks for open alerts before resolved ones when showing all", () => {
    expect(alertSections("all").map((s) => s.states)).toEqual(["pending,firing", "resolved"]);
    expect(alertSections("pending")).toEqual([{ title: "Pending", states: "pending" }]);
  });

  it("links the suspect deploy to its environment page with the deployment selected", () => {
    expect(suspectPath("my shop", "production", 12)).toBe(
      "/projects/my%20shop/environments/production?deployment=12",
    );
  });
});

describe("firing alerts on the overview", () => {
  it("groups the monitors one deploy broke into one line", () => {
    const groups = groupFiring(
      [
        alert({ monitor: "health", firedAt: 2000 }),
        alert({ monitor: "home page", firedAt: 1000 }),
        alert({ monitor: "api", projectId: 2, deploymentId: 7, firedAt: 500 }),
        alert({ monitor: "slow", state: "pending", firedAt: null }),
      ],
      names,
    );
    expect(groups.map((g) => [g.project, g.text])).toEqual([
      ["blog", "production: api failing since deploy #7"],
      ["shop", "production: health, home page failing since deploy #12"],
    ]);
  });

  it("says nothing about a deploy when no deploy was serving", () => {
    const [group] = groupFiring([alert({ deploymentId: null })], names);
    expect(group?.text).toBe("production: home page failing");
  });
});
