import { describe, expect, it } from "vitest";
import { nextAlertStep } from "./alert-steps.js";
import type { Alert, MonitorState } from "./monitor-store.js";

const state = (status: MonitorState["status"], failingSince: number | null): MonitorState => ({
  projectId: 1,
  environment: "production",
  monitor: "home page",
  status,
  failures: failingSince === null ? 0 : 1,
  failingSince,
  lastAt: 0,
  message: "",
  durationMs: 0,
  release: null,
});
const alert = (alertState: Alert["state"]): Alert => ({
  id: 1,
  projectId: 1,
  environment: "production",
  monitor: "home page",
  state: alertState,
  message: "",
  release: null,
  deploymentId: null,
  startedAt: 0,
  firedAt: null,
  resolvedAt: null,
});

describe("alert steps: ok → pending → firing → resolved", () => {
  it("opens a firing alert at the first failure when there is no `for:`", () => {
    expect(nextAlertStep({ state: state("fail", 100), active: null, forMs: 0, now: 100 })).toEqual({
      kind: "open",
      state: "firing",
    });
  });

  it("stays pending until the failure has lasted `for:`, then fires once", () => {
    const failing = state("fail", 1_000);
    expect(nextAlertStep({ state: failing, active: null, forMs: 60_000, now: 1_000 })).toEqual({
      kind: "open",
      state: "pending",
    });
    const pending = alert("pending");
    expect(nextAlertStep({ state: failing, active: pending, forMs: 60_000, now: 30_000 })).toEqual({
      kind: "none",
    });
    expect(nextAlertStep({ state: failing, active: pending, forMs: 60_000, now: 61_000 })).toEqual({
      kind: "fire",
    });
    expect(
      nextAlertStep({ state: failing, active: alert("firing"), forMs: 60_000, now: 90_000 }),
    ).toEqual({ kind: "none" });
  });

  it("resolves on a pass, and does nothing on a pass without an alert", () => {
    expect(
      nextAlertStep({ state: state("pass", null), active: alert("firing"), forMs: 0, now: 5 }),
    ).toEqual({ kind: "resolve" });
    expect(nextAlertStep({ state: state("pass", null), active: null, forMs: 0, now: 5 })).toEqual({
      kind: "none",
    });
  });

  it("never opens, fires or resolves on an inconclusive result", () => {
    for (const active of [null, alert("pending"), alert("firing")]) {
      expect(
        nextAlertStep({ state: state("inconclusive", 0), active, forMs: 0, now: 1e9 }),
      ).toEqual({ kind: "none" });
    }
  });
});
