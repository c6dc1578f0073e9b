import { describe, expect, it } from "vitest";
import {
  dayKey,
  formatAge,
  formatCountdown,
  formatDuration,
  formatWhen,
  nextDayKey,
} from "./time.js";

const now = Date.UTC(2026, 10, 27, 20, 0, 0);
const minutes = (n: number) => n * 60_000;

describe("formatAge", () => {
  it.each([
    [0, "just now"],
    [30_000, "just now"],
    [minutes(5), "5 min ago"],
    [minutes(59), "59 min ago"],
    [minutes(60 * 3 + 20), "3 h ago"],
    [minutes(60 * 30), "yesterday"],
    [minutes(60 * 24 * 4), "4 days ago"],
  ])("%i ms ago reads %s", (elapsed, expected) => {
    expect(formatAge(now - elapsed, now)).toBe(expected);
  });

  it("a time slightly in the future (clock skew) reads just now", () => {
    expect(formatAge(now + 5_000, now)).toBe("just now");
  });
});

describe("formatDuration", () => {
  it.each([
    [850, "850 ms"],
    [12_400, "12.4 s"],
    [minutes(3) + 5_000, "3 min 5 s"],
    [minutes(3), "3 min"],
    [minutes(130), "2 h 10 min"],
  ])("%i ms is %s", (ms, expected) => {
    expect(formatDuration(ms)).toBe(expected);
  });
});

describe("formatCountdown", () => {
  it.each([
    [-1, "now"],
    [0, "now"],
    [249_000, "in 4:09"],
    [minutes(125), "in 2 h 05 min"],
    [minutes(60 * 50), "in 2 d 2 h"],
  ])("%i ms left reads %s", (left, expected) => {
    expect(formatCountdown(now + left, now)).toBe(expected);
  });
});

describe("formatWhen", () => {
  const at = (day: number, h: number, m = 0) => Date.UTC(2026, 10, day, h, m);
  const noon = at(30, 12);

  it("says only the time today", () => {
    expect(formatWhen(at(30, 14), noon, "UTC")).toBe("14:00");
  });

  it("says tomorrow for the next day", () => {
    expect(formatWhen(Date.UTC(2026, 11, 1, 9), noon, "UTC")).toBe("tomorrow 09:00");
  });

  it("names the day further out", () => {
    expect(formatWhen(Date.UTC(2026, 11, 3, 22), noon, "UTC")).toBe("Thu 3 Dec 22:00");
  });

  it("reads the day in the given time zone", () => {
    // 23:30 UTC on the 30th is already the 1st in Paris.
    expect(formatWhen(at(30, 23, 30), noon, "Europe/Paris")).toBe("tomorrow 00:30");
  });
});

describe("dayKey and nextDayKey", () => {
  it("give the calendar day and the one after it", () => {
    expect(dayKey(Date.UTC(2026, 11, 31, 23), "UTC")).toBe("2026-12-31");
    expect(nextDayKey("2026-12-31")).toBe("2027-01-01");
    expect(nextDayKey("2028-02-28")).toBe("2028-02-29");
  });
});
