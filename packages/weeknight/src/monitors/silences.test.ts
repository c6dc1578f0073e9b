import { describe, expect, it } from "vitest";
import { maintenanceAt, silenceFor } from "./silences.js";

describe("maintenance windows", () => {
  const sundays = [
    { schedule: "0 2 * * 0", timezone: "UTC", duration: 2 * 3_600_000, reason: "db" },
  ];
  // 2026-11-29 is a Sunday.
  const at = (iso: string) => Date.parse(iso);

  it("covers the time from each start for its duration", () => {
    expect(maintenanceAt(sundays, at("2026-11-29T02:00:00Z"))?.reason).toBe("db");
    expect(maintenanceAt(sundays, at("2026-11-29T03:59:59Z"))?.reason).toBe("db");
    expect(maintenanceAt(sundays, at("2026-11-29T04:00:01Z"))).toBeNull();
    expect(maintenanceAt(sundays, at("2026-11-29T01:59:59Z"))).toBeNull();
    expect(maintenanceAt(sundays, at("2026-11-30T02:30:00Z"))).toBeNull();
  });

  it("reads the schedule in its time zone", () => {
    const london = [{ ...sundays[0], timezone: "Europe/London" } as (typeof sundays)[0]];
    // In summer London is UTC+1: 02:00 local is 01:00 UTC.
    expect(maintenanceAt(london, at("2026-07-05T01:30:00Z"))).not.toBeNull();
    expect(maintenanceAt(london, at("2026-07-05T03:30:00Z"))).toBeNull();
  });
});

describe("silences", () => {
  const silence = (monitor: string | null) => ({
    id: 1,
    projectId: 1,
    environment: "production",
    monitor,
    reason: "known",
    createdBy: "ada",
    createdAt: 0,
    until: 10,
  });
  const alert = { projectId: 1, environment: "production", monitor: "home page" };

  it("cover one monitor, or every monitor of the environment", () => {
    expect(silenceFor([silence("home page")], alert)?.monitor).toBe("home page");
    expect(silenceFor([silence(null)], alert)?.monitor).toBeNull();
    expect(silenceFor([silence("checkout")], alert)).toBeNull();
    expect(silenceFor([silence(null)], { ...alert, environment: "internal" })).toBeNull();
  });
});
