import { describe, expect, it } from "vitest";
import { planAlertIncident } from "./incident-plan.js";
import type { Incident } from "./incident-store.js";

const HOUR = 60 * 60_000;
const alert = (deploymentId: number | null, firedAt: number) => ({
  id: 1,
  projectId: 1,
  environment: "production",
  monitor: "home page",
  message: "down",
  deploymentId,
  firedAt,
});
const existing = { id: 7, state: "resolved" } as Incident;

describe("planAlertIncident", () => {
  const plan = (a: ReturnType<typeof alert>, found: Incident | null, liveAt: number | null) =>
    planAlertIncident({
      alert: a,
      existing: found,
      deployFinishedAt: liveAt,
      windowMs: HOUR,
      now: 0,
    });

  it("opens within the window after the deploy went live, up to its last millisecond", () => {
    expect(plan(alert(3, 1000 + HOUR), null, 1000)).toEqual({ kind: "open" });
    expect(plan(alert(3, 1001 + HOUR), null, 1000)).toMatchObject({
      kind: "none",
      reason: "fired 60 min after deploy #3 went live, outside the 60 min window",
    });
  });

  it("joins the deploy's incident whenever the alert fires, and never opens without a deploy", () => {
    expect(plan(alert(3, 10 * HOUR), existing, 0)).toEqual({ kind: "append", incident: existing });
    expect(plan(alert(null, 0), null, 0)).toMatchObject({ kind: "none" });
    expect(plan(alert(3, 0), null, null)).toMatchObject({ kind: "none" });
  });
});
