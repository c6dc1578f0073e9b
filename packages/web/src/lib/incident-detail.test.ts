import { describe, expect, it } from "vitest";
import {
  canMarkFix,
  type FollowUp,
  fixMarkedMessage,
  followUpProgress,
  resolveBlocker,
  sortFollowUps,
  sortTimeline,
  type TimelineEvent,
  timelineAlertPath,
  timelineKindLabel,
} from "./incident-detail.js";

const event = (extra: Partial<TimelineEvent>): TimelineEvent => ({
  id: 1,
  at: 1000,
  kind: "note",
  text: "",
  actor: "alice",
  alertId: null,
  monitor: null,
  deploymentId: null,
  ...extra,
});

const followUp = (extra: Partial<FollowUp>): FollowUp => ({
  id: 1,
  kind: "missing-test",
  text: "",
  owner: "bob",
  done: false,
  createdAt: 1000,
  doneAt: null,
  ...extra,
});

describe("an incident's timeline", () => {
  it("reads oldest first, events of the same moment in the order they were written", () => {
    const sorted = sortTimeline([
      event({ id: 3, at: 2000, text: "later" }),
      event({ id: 2, at: 1000, text: "second" }),
      event({ id: 1, at: 1000, text: "first" }),
    ]);
    expect(sorted.map((e) => e.text)).toEqual(["first", "second", "later"]);
  });

  it("names each kind of event in words", () => {
    expect(timelineKindLabel("alert-fired")).toBe("Alert fired");
    expect(timelineKindLabel("follow-up-undone")).toBe("Follow-up reopened");
  });

  it("links alert events to the project's alerts, and nothing else", () => {
    const fired = event({ kind: "alert-fired", alertId: 7, monitor: "home page" });
    expect(timelineAlertPath(fired, "my shop")).toBe("/alerts?project=my%20shop");
    expect(timelineAlertPath(event({ kind: "note" }), "shop")).toBeNull();
  });
});

describe("follow-ups", () => {
  it("list the ones still to do first, in the order they were added", () => {
    const sorted = sortFollowUps([
      followUp({ id: 1, text: "done", done: true, createdAt: 500 }),
      followUp({ id: 3, text: "newer", createdAt: 3000 }),
      followUp({ id: 2, text: "older", createdAt: 2000 }),
    ]);
    expect(sorted.map((f) => f.text)).toEqual(["older", "newer", "done"]);
  });

  it("count how many are done", () => {
    expect(followUpProgress([followUp({ done: true }), followUp({ id: 2 })])).toBe("1 of 2 done");
    expect(followUpProgress([])).toBe("");
  });
});

describe("resolving", () => {
  it("waits for a root cause, then is allowed once", () => {
    expect(resolveBlocker({ state: "open", rootCause: null })).toBe("Set the root cause first");
    expect(resolveBlocker({ state: "open", rootCause: "  " })).toBe("Set the root cause first");
    expect(resolveBlocker({ state: "open", rootCause: "lost index" })).toBeNull();
    expect(resolveBlocker({ state: "resolved", rootCause: "lost index" })).toBe("Already resolved");
  });
});

describe("marking a fix", () => {
  it("is possible only while the incident is open", () => {
    expect(canMarkFix({ state: "open" })).toBe(true);
    expect(canMarkFix({ state: "resolved" })).toBe(false);
  });

  it("says which build now gets past defects-first", () => {
    expect(fixMarkedMessage({ incident: 4, build: 88 })).toBe(
      "Build #88 is marked as fixing INC-4: defects-first lets it through",
    );
  });
});
