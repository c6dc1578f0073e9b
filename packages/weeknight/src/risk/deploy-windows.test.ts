import { describe, expect, it } from "vitest";
import {
  formatLocal,
  freezeAt,
  freezeRange,
  inWindow,
  nextAllowed,
  nextRunThatMayGo,
  nextWindowStart,
  plannedRuns,
  type WindowRules,
  windowEnd,
} from "./deploy-windows.js";

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const LONDON = "Europe/London";
const NEW_YORK = "America/New_York";
const weeknights = ["* 20-23 * * 1-5"];
const christmas = { name: "Christmas", from: "2026-12-21", to: "2027-01-02" };
const rules = (over: Partial<WindowRules> = {}): WindowRules => ({
  timezone: LONDON,
  windows: weeknights,
  freezes: [],
  ...over,
});
// 2026-11-30 is a Monday. London moves to BST on 2026-03-29 and back on 2026-10-25 (01:00 UTC);
// New York on 2026-03-08 and 2026-11-01.

describe("formatLocal", () => {
  it("shows the local wall-clock time and the zone", () => {
    expect(formatLocal(at("2026-11-30T20:00:00Z"), LONDON)).toBe("2026-11-30 20:00 Europe/London");
    expect(formatLocal(at("2026-07-06T23:30:00Z"), LONDON)).toBe("2026-07-07 00:30 Europe/London");
    expect(formatLocal(at("2026-12-01T01:05:00Z"), NEW_YORK)).toBe(
      "2026-11-30 20:05 America/New_York",
    );
  });
});

describe("freezes", () => {
  it("cover the whole last day of a date-only freeze", () => {
    expect(iso(freezeRange(christmas, LONDON).from)).toBe("2026-12-21T00:00:00.000Z");
    expect(iso(freezeRange(christmas, LONDON).until)).toBe("2027-01-03T00:00:00.000Z");
    const r = rules({ freezes: [christmas] });
    expect(freezeAt(r, at("2026-12-20T23:59:59Z"))).toBeNull();
    expect(freezeAt(r, at("2027-01-02T23:59:59Z"))?.name).toBe("Christmas");
    expect(freezeAt(r, at("2027-01-03T00:00:00Z"))).toBeNull();
  });

  it("read dates in the environment's time zone, in summer time too", () => {
    const summer = { name: "Audit", from: "2026-07-01", to: "2026-07-01" };
    expect(freezeRange(summer, LONDON)).toEqual({
      from: at("2026-06-30T23:00:00Z"),
      until: at("2026-07-01T23:00:00Z"),
    });
    expect(freezeRange(summer, NEW_YORK)).toEqual({
      from: at("2026-07-01T04:00:00Z"),
      until: at("2026-07-02T04:00:00Z"),
    });
  });

  it("end a date-time freeze at its `to` minute", () => {
    const eve = { name: "Eve", from: "2026-12-24T09:00", to: "2026-12-24T18:00" };
    expect(freezeRange(eve, NEW_YORK)).toEqual({
      from: at("2026-12-24T14:00:00Z"),
      until: at("2026-12-24T23:00:00Z"),
    });
    const r = rules({ timezone: NEW_YORK, freezes: [eve] });
    expect(freezeAt(r, at("2026-12-24T13:59:00Z"))).toBeNull();
    expect(freezeAt(r, at("2026-12-24T22:59:00Z"))).toEqual({
      name: "Eve",
      from: at("2026-12-24T14:00:00Z"),
      until: at("2026-12-24T23:00:00Z"),
    });
    expect(freezeAt(r, at("2026-12-24T23:00:00Z"))).toBeNull();
  });

  it("merge overlapping and back-to-back freezes so `until` is when deploys resume", () => {
    const r = rules({
      freezes: [
        { name: "Launch", from: "2026-12-20", to: "2026-12-24" },
        { name: "Christmas", from: "2026-12-23", to: "2026-12-28" },
        { name: "Year end", from: "2026-12-29", to: "2026-12-31" },
        { name: "Audit", from: "2027-01-02", to: "2027-01-02" },
      ],
    });
    expect(freezeAt(r, at("2026-12-21T12:00:00Z"))).toEqual({
      name: "Launch",
      from: at("2026-12-20T00:00:00Z"),
      until: at("2027-01-01T00:00:00Z"),
    });
    expect(freezeAt(r, at("2026-12-26T12:00:00Z"))?.name).toBe("Christmas");
    expect(freezeAt(r, at("2026-12-30T12:00:00Z"))?.from).toBe(at("2026-12-20T00:00:00Z"));
    expect(freezeAt(r, at("2027-01-01T12:00:00Z"))).toBeNull();
    expect(freezeAt(r, at("2027-01-02T12:00:00Z"))?.until).toBe(at("2027-01-03T00:00:00Z"));
  });
});

describe("windows", () => {
  it("allow the minutes a cron matches, in the given time zone", () => {
    expect(inWindow(weeknights, LONDON, at("2026-11-30T19:59:59Z"))).toBe(false);
    expect(inWindow(weeknights, LONDON, at("2026-11-30T20:00:00Z"))).toBe(true);
    expect(inWindow(weeknights, LONDON, at("2026-11-30T23:59:30Z"))).toBe(true);
    expect(inWindow(weeknights, LONDON, at("2026-12-01T00:00:00Z"))).toBe(false);
    expect(inWindow(weeknights, LONDON, at("2026-12-05T21:00:00Z"))).toBe(false); // Saturday
  });

  it("move with summer time", () => {
    // 20:00–23:59 BST is 19:00–22:59 UTC.
    expect(inWindow(weeknights, LONDON, at("2026-07-06T19:00:00Z"))).toBe(true);
    expect(inWindow(weeknights, LONDON, at("2026-07-06T22:59:00Z"))).toBe(true);
    expect(inWindow(weeknights, LONDON, at("2026-07-06T23:00:00Z"))).toBe(false);
  });

  it("differ between UTC and America/New_York", () => {
    const mondayEvening = at("2026-11-30T20:00:00Z"); // 15:00 in New York
    const newYorkEvening = at("2026-12-01T01:00:00Z"); // Monday 20:00 in New York, Tuesday 01:00 UTC
    expect(inWindow(weeknights, "UTC", mondayEvening)).toBe(true);
    expect(inWindow(weeknights, NEW_YORK, mondayEvening)).toBe(false);
    expect(inWindow(weeknights, "UTC", newYorkEvening)).toBe(false);
    expect(inWindow(weeknights, NEW_YORK, newYorkEvening)).toBe(true);
    expect(iso(nextWindowStart(weeknights, NEW_YORK, mondayEvening))).toBe(
      "2026-12-01T01:00:00.000Z",
    );
  });

  it("find the next window start, or `at` itself inside one", () => {
    const inside = at("2026-11-30T21:15:30Z");
    expect(nextWindowStart(weeknights, LONDON, inside)).toBe(inside);
    expect(iso(nextWindowStart(weeknights, LONDON, at("2026-11-30T12:34:56Z")))).toBe(
      "2026-11-30T20:00:00.000Z",
    );
    // Friday night after the window: next is Monday.
    expect(iso(nextWindowStart(weeknights, LONDON, at("2026-12-05T00:00:00Z")))).toBe(
      "2026-12-07T20:00:00.000Z",
    );
    // Saturday 2026-03-28 is GMT, Monday 2026-03-30 is BST.
    expect(iso(nextWindowStart(weeknights, LONDON, at("2026-03-28T12:00:00Z")))).toBe(
      "2026-03-30T19:00:00.000Z",
    );
  });

  it("end at the first minute outside, across midnight", () => {
    const lateNight = ["* 22-23 * * *", "* 0-1 * * *"];
    expect(inWindow(lateNight, "UTC", at("2026-12-01T00:30:00Z"))).toBe(true);
    expect(iso(windowEnd(lateNight, "UTC", at("2026-11-30T22:30:00Z")))).toBe(
      "2026-12-01T02:00:00.000Z",
    );
    expect(iso(nextWindowStart(lateNight, "UTC", at("2026-12-01T02:00:00Z")))).toBe(
      "2026-12-01T22:00:00.000Z",
    );
    expect(iso(windowEnd(weeknights, LONDON, at("2026-11-30T20:00:00Z")))).toBe(
      "2026-12-01T00:00:00.000Z",
    );
    const outside = at("2026-11-30T12:00:00Z");
    expect(windowEnd(weeknights, LONDON, outside)).toBe(outside);
  });

  it("end at the right instant on the days clocks change", () => {
    const earlyHours = ["* 0-2 * * *"];
    // Clocks go forward at 01:00 local: 00:00–02:59 local lasts two hours.
    expect(iso(windowEnd(earlyHours, LONDON, at("2026-03-29T00:00:00Z")))).toBe(
      "2026-03-29T02:00:00.000Z",
    );
    // Clocks go back at 02:00 local: 00:00–02:59 local lasts four hours.
    expect(iso(windowEnd(earlyHours, LONDON, at("2026-10-24T23:00:00Z")))).toBe(
      "2026-10-25T03:00:00.000Z",
    );
    // 01:00–01:59 does not exist in London on 2026-03-29.
    expect(iso(nextWindowStart(["* 1 * * *"], LONDON, at("2026-03-29T00:00:00Z")))).toBe(
      "2026-03-30T00:00:00.000Z",
    );
    // …and happens twice on 2026-10-25.
    expect(inWindow(["* 1 * * *"], LONDON, at("2026-10-25T00:30:00Z"))).toBe(true);
    expect(inWindow(["* 1 * * *"], LONDON, at("2026-10-25T01:30:00Z"))).toBe(true);
  });

  it("whole days and always-open windows end late or never", () => {
    expect(iso(windowEnd(["* * * * 1-5"], LONDON, at("2026-11-30T09:00:00Z")))).toBe(
      "2026-12-05T00:00:00.000Z",
    );
    expect(windowEnd(["* * * * *"], LONDON, at("2026-11-30T09:00:00Z"))).toBe(
      Number.POSITIVE_INFINITY,
    );
  });

  it("null windows allow any time", () => {
    const now = at("2026-12-05T03:17:42Z");
    expect(inWindow(null, LONDON, now)).toBe(true);
    expect(nextWindowStart(null, LONDON, now)).toBe(now);
    expect(windowEnd(null, LONDON, now)).toBe(Number.POSITIVE_INFINITY);
    const frozen = rules({ windows: null, freezes: [christmas] });
    expect(iso(nextAllowed(frozen, at("2026-12-25T10:00:00Z")))).toBe("2027-01-03T00:00:00.000Z");
  });

  it("a window that never matches never opens", () => {
    const never = ["* * 31 2 *"];
    const now = at("2026-11-30T20:00:00Z");
    expect(inWindow(never, LONDON, now)).toBe(false);
    expect(nextWindowStart(never, LONDON, now)).toBeNull();
    expect(nextAllowed(rules({ windows: never }), now)).toBeNull();
    const schedule = { schedule: "0 22 * * 1-5", scheduleTimezone: LONDON };
    expect(nextRunThatMayGo({ ...schedule, rules: rules({ windows: never }), after: now })).toBe(
      null,
    );
  });
});

describe("nextAllowed", () => {
  it("is `at` when a deploy may start now", () => {
    const now = at("2026-11-30T21:15:30Z");
    expect(nextAllowed(rules(), now)).toBe(now);
  });

  it("skips a freeze to the first window after it", () => {
    const r = rules({ freezes: [christmas] });
    // Monday 21 December is in the window but frozen; the freeze ends on Sunday 3 January.
    expect(iso(nextAllowed(r, at("2026-12-21T21:00:00Z")))).toBe("2027-01-04T20:00:00.000Z");
  });

  it("resumes mid-window when a freeze ends inside it", () => {
    const r = rules({
      freezes: [{ name: "Demo", from: "2026-12-01T12:00", to: "2026-12-01T21:30" }],
    });
    expect(iso(nextAllowed(r, at("2026-12-01T20:00:00Z")))).toBe("2026-12-01T21:30:00.000Z");
  });
});

describe("plannedRuns", () => {
  const week = {
    schedule: "0 22 * * 1-5",
    scheduleTimezone: LONDON,
    rules: rules({
      windows: ["* 20-23 * * 1-4"],
      freezes: [{ name: "Launch", from: "2026-12-02", to: "2026-12-02" }],
    }),
    from: at("2026-11-30T00:00:00Z"),
    to: at("2026-12-07T00:00:00Z"),
  };

  it("says what happens to each scheduled run of the week", () => {
    expect(plannedRuns(week).map((run) => ({ ...run, at: iso(run.at) }))).toEqual([
      { at: "2026-11-30T22:00:00.000Z", status: "deploy", reason: null },
      { at: "2026-12-01T22:00:00.000Z", status: "deploy", reason: null },
      {
        at: "2026-12-02T22:00:00.000Z",
        status: "frozen",
        reason: "frozen: Launch (until 2026-12-03 00:00 Europe/London)",
      },
      { at: "2026-12-03T22:00:00.000Z", status: "deploy", reason: null },
      {
        at: "2026-12-04T22:00:00.000Z",
        status: "outside-window",
        reason: "outside the deploy window (* 20-23 * * 1-4)",
      },
    ]);
  });

  it("includes a run exactly at `from`, excludes one at `to`, and stops at `max`", () => {
    const runs = plannedRuns({
      ...week,
      from: at("2026-11-30T22:00:00Z"),
      to: at("2026-12-03T22:00:00Z"),
    });
    expect(runs.map((run) => iso(run.at))).toEqual([
      "2026-11-30T22:00:00.000Z",
      "2026-12-01T22:00:00.000Z",
      "2026-12-02T22:00:00.000Z",
    ]);
    expect(plannedRuns({ ...week, max: 2 })).toHaveLength(2);
    expect(plannedRuns({ ...week, schedule: null })).toEqual([]);
  });

  it("follows the schedule's clock change and the windows' separately", () => {
    // 18:00 New York is 23:00 London, except between the two countries' clock changes.
    const runs = plannedRuns({
      schedule: "0 18 * * *",
      scheduleTimezone: NEW_YORK,
      rules: rules({ windows: ["* 23 * * *"] }),
      from: at("2026-03-07T00:00:00Z"),
      to: at("2026-03-10T00:00:00Z"),
    });
    expect(runs.map((run) => [iso(run.at), run.status])).toEqual([
      ["2026-03-07T23:00:00.000Z", "deploy"],
      ["2026-03-08T22:00:00.000Z", "outside-window"],
      ["2026-03-09T22:00:00.000Z", "outside-window"],
    ]);
  });
});

describe("nextRunThatMayGo", () => {
  const input = {
    schedule: "0 22 * * 1-5",
    scheduleTimezone: LONDON,
    rules: rules({ windows: ["* 20-23 * * 1-4"], freezes: [christmas] }),
  };

  it("skips runs outside the windows", () => {
    // Friday's run is outside, so after Thursday's comes Monday's.
    expect(iso(nextRunThatMayGo({ ...input, after: at("2026-12-03T22:00:00Z") }))).toBe(
      "2026-12-07T22:00:00.000Z",
    );
    expect(iso(nextRunThatMayGo({ ...input, after: at("2026-12-01T21:00:00Z") }))).toBe(
      "2026-12-01T22:00:00.000Z",
    );
  });

  it("skips runs in a freeze", () => {
    expect(iso(nextRunThatMayGo({ ...input, after: at("2026-12-18T00:00:00Z") }))).toBe(
      "2027-01-04T22:00:00.000Z",
    );
  });
});
