import { Cron } from "croner";
import type { WeekRange } from "./dora-metrics.js";

const DAY = 86_400_000;
const WEEK = 7 * DAY;

/**
 * The last `count` ISO weeks up to `now`, oldest first, each from Monday 00:00 in `timezone`
 * to the next Monday 00:00; the last one is the current week. Weeks around a change of
 * daylight saving time are an hour shorter or longer, as the calendar has them.
 */
export function weekRanges(now: number, count: number, timezone: string): WeekRange[] {
  const mondays = new Cron("0 0 * * 1", { timezone, paused: true });
  const starts: number[] = [];
  let next = mondays.nextRun(new Date(now - (count + 1) * WEEK - DAY));
  while (next && next.getTime() <= now) {
    starts.push(next.getTime());
    next = mondays.nextRun(next);
  }
  if (!next) throw new Error(`no Monday after ${new Date(now).toISOString()} in ${timezone}`);
  const end = next.getTime();
  const kept = starts.slice(-count);
  return kept.map((start, index) => {
    const day = localDate(start, timezone);
    return { week: isoWeek(day), firstDay: formatDay(day), start, end: kept[index + 1] ?? end };
  });
}

interface LocalDate {
  year: number;
  month: number;
  day: number;
}

function localDate(at: number, timezone: string): LocalDate {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: timezone,
    year: "numeric",
    month: "numeric",
    day: "numeric",
  }).formatToParts(new Date(at));
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { year: part("year"), month: part("month"), day: part("day") };
}

/** `2025-W10`: the week belongs to the year its Thursday falls in (ISO 8601). */
export function isoWeek(monday: LocalDate): string {
  const thursday = new Date(Date.UTC(monday.year, monday.month - 1, monday.day + 3));
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / WEEK) + 1;
  return `${year}-W${String(week).padStart(2, "0")}`;
}

function formatDay(date: LocalDate): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.year}-${pad(date.month)}-${pad(date.day)}`;
}
