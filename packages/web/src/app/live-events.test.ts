import { describe, expect, it } from "vitest";
import { eventTypes, staleQueryKeys } from "./live-events.js";

describe("live monitoring events", () => {
  it("are all listened to", () => {
    for (const type of ["monitor.changed", "alert.pending", "alert.firing", "alert.resolved"]) {
      expect(eventTypes).toContain(type);
    }
  });

  it("refresh the monitor that changed and its results", () => {
    const data = { project: "shop", environment: "production", monitor: "home page" };
    expect(staleQueryKeys({ type: "monitor.changed", data })).toEqual([
      ["monitors", "shop", "production"],
      ["monitor-results", "shop", "production", "home page"],
    ]);
  });

  it("refresh the alerts, the overview's banner and the environment's monitors", () => {
    const data = { project: "shop", environment: "production", monitor: "home page", alertId: 3 };
    for (const type of ["alert.pending", "alert.firing", "alert.resolved"]) {
      expect(staleQueryKeys({ type, data })).toEqual([
        ["overview"],
        ["alerts"],
        ["monitors", "shop", "production"],
      ]);
    }
  });
});

describe("live incident events", () => {
  const types = ["incident.opened", "incident.updated", "incident.resolved"];

  it("are all listened to", () => {
    for (const type of types) expect(eventTypes).toContain(type);
  });

  it("refresh the incident lists and the incident that changed", () => {
    const data = { project: "shop", environment: "production", incidentId: 3 };
    for (const type of types) {
      expect(staleQueryKeys({ type, data })).toEqual([["incidents"], ["incident", 3]]);
    }
  });
});

describe("live block and approval events", () => {
  const types = ["block.placed", "block.lifted", "approval.added"];

  it("are all listened to", () => {
    for (const type of types) expect(eventTypes).toContain(type);
  });

  it("refresh the environment, the overview, the blocks banner, the calendar and the audit log", () => {
    const data = { project: "shop", environment: "production", blockId: 4 };
    for (const type of types) {
      expect(staleQueryKeys({ type, data })).toEqual([
        ["environment", "shop"],
        ["overview"],
        ["blocks"],
        ["calendar"],
        ["audit"],
      ]);
    }
  });
});

describe("live skipped runs", () => {
  it("refresh the environment's last skip reason and the overview", () => {
    expect(eventTypes).toContain("environment.skipped");
    const data = { project: "shop", environment: "production", reason: "waiting: frozen" };
    expect(staleQueryKeys({ type: "environment.skipped", data })).toEqual([
      ["environment", "shop"],
      ["overview"],
    ]);
  });
});

describe("live flag events", () => {
  it("are listened to", () => {
    expect(eventTypes).toContain("flag.changed");
  });

  it("refresh the project's flag list, the flag that changed (its history too) and the audit log", () => {
    const data = { project: "shop", projectId: 1, environment: "production", key: "new-checkout" };
    expect(staleQueryKeys({ type: "flag.changed", data })).toEqual([
      ["flags", "shop"],
      ["flag", "shop", "new-checkout"],
      ["segments", "shop"],
      ["audit"],
    ]);
  });

  it("refresh every flag of the project when a segment changes", () => {
    const data = { project: "shop", projectId: 1, environment: null, segment: "admins" };
    expect(staleQueryKeys({ type: "flag.changed", data })).toEqual([
      ["flags", "shop"],
      ["flag", "shop"],
      ["segments", "shop"],
      ["audit"],
    ]);
  });
});

describe("live release notes and announcement events", () => {
  const changelog = ["changelog.published", "changelog.withdrawn", "changelog.updated"];
  const announcements = [
    "announcement.drafted",
    "announcement.edited",
    "announcement.published",
    "announcement.discarded",
  ];

  it("are all listened to", () => {
    for (const type of [...changelog, ...announcements]) expect(eventTypes).toContain(type);
  });

  it("refresh the project's release notes and its public changelog state", () => {
    const data = { project: "shop", projectId: 1, environment: "production", notesId: 12 };
    for (const type of changelog) {
      expect(staleQueryKeys({ type, data })).toEqual([
        ["notes", "shop"],
        ["changelog", "shop"],
      ]);
    }
  });

  it("refresh the announcement list and the announcement that changed", () => {
    const data = { project: "shop", projectId: 1, announcementId: 3, by: "ada" };
    for (const type of announcements) {
      expect(staleQueryKeys({ type, data })).toEqual([
        ["announcements", "shop"],
        ["changelog", "shop"],
        ["announcement", 3],
      ]);
    }
  });

  it("refresh release notes on every deployment step, stats and readiness when it ends", () => {
    const data = { project: "shop", environment: "production", deploymentId: 7 };
    expect(staleQueryKeys({ type: "deployment.starting", data })).toEqual([
      ["overview"],
      ["environment", "shop"],
      ["deployments"],
      ["deployment", 7],
      ["notes", "shop"],
    ]);
    expect(staleQueryKeys({ type: "deployment.succeeded", data }).slice(4)).toEqual([
      ["notes", "shop"],
      ["stats", "shop"],
      ["readiness", "shop"],
    ]);
    expect(staleQueryKeys({ type: "release.health", data })).not.toContainEqual(["notes", "shop"]);
    expect(staleQueryKeys({ type: "deployment.log", data })).toEqual([]);
  });

  it("refresh the readiness checklist when a build passes (it may bring a new weeknight.yml)", () => {
    const data = { project: "shop", buildId: 4 };
    expect(staleQueryKeys({ type: "build.passed", data })).toContainEqual(["readiness", "shop"]);
    expect(staleQueryKeys({ type: "build.failed", data })).not.toContainEqual([
      "readiness",
      "shop",
    ]);
  });
});
