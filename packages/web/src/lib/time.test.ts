import { describe, expect, it } from "vitest";
import { formatAge, formatCountdown, formatDuration } from "./time.js";

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
