import { describe, expect, it } from "vitest";
import type { Calendar } from "../api/answers.js";
import { agendaDays, formatFreezeRange, runStatusLabel } from "./calendar.js";

const hour = 3_600_000;
const utc = (day: number, h = 0, m = 0) => Date.UTC(2026, 11, day, h, m);

const production: Calendar["environments"][number] = {
  project: "shop",
  environment: "production",
  timezone: "UTC",
  deploy: "0 22 * * *",
  windows: ["* 20-23 * * 1-4"],
  freezes: [{ name: "Christmas", from: utc(23), to: utc(25) }],
  runs: [
    { at: utc(21, 22), status: "deploy", reason: null },
    { at: utc(22, 22), status: "blocked", reason: "blocked by ann: support sees errors" },
    {
      at: utc(23, 22),
      status: "frozen",
      reason: "frozen: Christmas (until 2026-12-25 00:00 UTC)",
    },
  ],
};

const calendar: Calendar = {
  from: utc(21, 10),
  to: utc(24, 10),
  environments: [
    production,
    {
      project: "api",
      environment: "staging",
      timezone: "UTC",
      deploy: "0 9 * * *",
      windows: null,
      freezes: [],
      runs: [
        { at: utc(22, 9), status: "deploy", reason: null },
        { at: utc(24, 9), status: "outside-window", reason: "outside the deploy window" },
      ],
    },
  ],
};

describe("the calendar agenda", () => {
  const days = agendaDays(calendar, "UTC");

  it("has every day of the range, in order, even the days without runs", () => {
    expect(days.map((d) => d.key)).toEqual([
      "2026-12-21",
      "2026-12-22",
      "2026-12-23",
      "2026-12-24",
    ]);
    expect(days[0]?.label).toBe("Mon 21 Dec");
  });

  it("puts each run on its day in time order, with its environment", () => {
    expect(days[1]?.runs.map((r) => `${r.project}/${r.environment} ${r.status}`)).toEqual([
      "api/staging deploy",
      "shop/production blocked",
    ]);
    expect(days[3]?.runs.map((r) => r.status)).toEqual(["outside-window"]);
  });

  it("names the freeze a frozen run falls in", () => {
    const frozen = days[2]?.runs[0];
    expect(frozen?.freeze).toBe("Christmas");
    expect(frozen && runStatusLabel(frozen)).toBe("frozen (Christmas)");
  });

  it("shows a freeze on every day it covers, its end exclusive", () => {
    expect(days.map((d) => d.freezes.map((f) => f.name))).toEqual([
      [],
      [],
      ["Christmas"],
      ["Christmas"],
    ]);
  });

  it("groups by the day in the time zone it is given", () => {
    // 22:00 UTC on the 21st is already the 22nd in Tokyo.
    const tokyo = agendaDays(calendar, "Asia/Tokyo");
    const run = tokyo.find((d) => d.key === "2026-12-22")?.runs.find((r) => r.at === utc(21, 22));
    expect(run?.project).toBe("shop");
  });

  it("never skips a day across a daylight saving change", () => {
    const start = Date.UTC(2026, 2, 27, 23, 30); // 23:30 in London, the night before the clocks go forward
    const keys = agendaDays(
      { from: start, to: start + 3 * 24 * hour, environments: [] },
      "Europe/London",
    ).map((d) => d.key);
    expect(keys).toEqual(["2026-03-27", "2026-03-28", "2026-03-29", "2026-03-30", "2026-03-31"]);
  });

  it("reads the freeze name from the reason when the freeze is not in the list", () => {
    expect(runStatusLabel({ status: "outside-window", freeze: null })).toBe("outside window");
    const only = agendaDays(
      {
        from: utc(23),
        to: utc(24),
        environments: [
          {
            ...production,
            freezes: [],
            runs: [{ at: utc(23, 22), status: "frozen", reason: "frozen: Christmas (until …)" }],
          },
        ],
      },
      "UTC",
    );
    expect(only[0]?.runs[0]?.freeze).toBe("Christmas");
  });
});

describe("a freeze's range", () => {
  it("shows whole days as dates, the last day inclusive", () => {
    expect(formatFreezeRange({ from: utc(21), to: utc(25) }, "UTC")).toBe(
      "Mon 21 Dec – Thu 24 Dec",
    );
    expect(formatFreezeRange({ from: utc(21), to: utc(22) }, "UTC")).toBe("Mon 21 Dec");
  });

  it("shows times when it starts or ends within a day", () => {
    expect(formatFreezeRange({ from: utc(21, 18), to: utc(22, 6) }, "UTC")).toBe(
      "Mon 21 Dec 18:00 – Tue 22 Dec 06:00",
    );
  });

  it("reads in the environment's time zone", () => {
    const london = { from: Date.UTC(2026, 6, 1, 23), to: Date.UTC(2026, 6, 2, 23) };
    expect(formatFreezeRange(london, "Europe/London")).toBe("Thu 2 Jul");
  });
});
