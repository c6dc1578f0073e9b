import { Cron } from "croner";
import type { Freeze } from "../config/control-schema.js";

/**
 * When deploys may start: cron windows and named freezes, read in the environment's time zone.
 * Pure time math: every function takes the instant it reasons about (epoch ms) and never reads
 * the clock, so the scheduler, the API and tests all see the same answers.
 */

export interface WindowRules {
  timezone: string;
  /** Cron patterns; every minute one matches may start a deploy. Null means any time. */
  windows: string[] | null;
  freezes: Freeze[];
}

export type RunStatus = "deploy" | "frozen" | "outside-window";

export interface PlannedRun {
  at: number;
  status: RunStatus;
  reason: string | null;
}

export interface ActiveFreeze {
  name: string;
  from: number;
  /** First instant after the freeze (back-to-back and overlapping freezes merged). */
  until: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** How far ahead searches look before answering "never". */
const HORIZON = 400 * DAY;
const MAX_SCHEDULED_RUNS = 2000;

/** The freeze in force at `at`, if any; `until` is when deploys may start again. */
export function freezeAt(rules: WindowRules, at: number): ActiveFreeze | null {
  return activeFreeze(freezeRanges(rules), at);
}

/** True when the minute `at` falls in matches any window (null windows: always). */
export function inWindow(windows: string[] | null, timezone: string, at: number): boolean {
  return matchesAny(compileWindows(windows, timezone), at);
}

/**
 * `at` itself when its minute is in a window, else the start of the next window minute;
 * null when no window opens within 400 days.
 */
export function nextWindowStart(
  windows: string[] | null,
  timezone: string,
  at: number,
): number | null {
  return nextOpen(compileWindows(windows, timezone), at, at + HORIZON);
}

/**
 * The first minute from `at` on that is outside every window: the window "is open until" one
 * minute before it. `at` itself when `at` is outside; Infinity when the window never closes
 * within 400 days (null windows, or "* * * * *").
 */
export function windowEnd(windows: string[] | null, timezone: string, at: number): number {
  const crons = compileWindows(windows, timezone);
  if (crons === null) return Number.POSITIVE_INFINITY;
  if (!matchesAny(crons, at)) return at;
  const wallClock = createWallClock(timezone);
  const limit = at + HORIZON;
  let minute = floorMinute(at);
  while (minute <= limit) {
    const covering = crons.find((cron) => cron.match(new Date(minute)));
    if (!covering) return minute;
    minute = coveredUntil(covering, minute, wallClock);
  }
  return Number.POSITIVE_INFINITY;
}

/** `at` when a deploy may start then, else the first later minute in a window and not frozen. */
export function nextAllowed(rules: WindowRules, at: number): number | null {
  return nextAllowedIn(compileWindows(rules.windows, rules.timezone), freezeRanges(rules), at);
}

/** A freeze as epoch ms in `timezone`; a date-only `to` covers that whole day. */
export function freezeRange(freeze: Freeze, timezone: string): { from: number; until: number } {
  const wallClock = createWallClock(timezone);
  const until = parseLocal(freeze.to);
  if (!until.hasTime) until.wall += DAY;
  return {
    from: fromWallClock(parseLocal(freeze.from).wall, wallClock),
    until: fromWallClock(until.wall, wallClock),
  };
}

/** Every scheduled run in [from, to) with what would happen to it (at most `max`, default 200). */
export function plannedRuns(input: {
  schedule: string | null;
  scheduleTimezone: string;
  rules: WindowRules;
  from: number;
  to: number;
  max?: number;
}): PlannedRun[] {
  if (input.schedule === null) return [];
  const schedule = new Cron(input.schedule, { timezone: input.scheduleTimezone, paused: true });
  const judge = createJudge(input.rules);
  const runs: PlannedRun[] = [];
  let next = schedule.nextRun(new Date(input.from - 1));
  while (next && next.getTime() < input.to && runs.length < (input.max ?? 200)) {
    runs.push(judge(next.getTime()));
    next = schedule.nextRun(next);
  }
  return runs;
}

/** The first scheduled run after `after` that is neither frozen nor outside the windows. */
export function nextRunThatMayGo(input: {
  schedule: string;
  scheduleTimezone: string;
  rules: WindowRules;
  after: number;
}): number | null {
  const schedule = new Cron(input.schedule, { timezone: input.scheduleTimezone, paused: true });
  const judge = createJudge(input.rules);
  let next = schedule.nextRun(new Date(input.after));
  for (let i = 0; next && i < MAX_SCHEDULED_RUNS; i++) {
    const at = next.getTime();
    if (at > input.after + HORIZON) return null;
    if (judge(at).status === "deploy") return at;
    next = schedule.nextRun(next);
  }
  return null;
}

/** "2026-11-30 20:00 Europe/London", for messages. */
export function formatLocal(at: number, timezone: string): string {
  const t = createWallClock(timezone)(at);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${t.year}-${pad(t.month)}-${pad(t.day)} ${pad(t.hour)}:${pad(t.minute)} ${timezone}`;
}

function createJudge(rules: WindowRules): (at: number) => PlannedRun {
  const crons = compileWindows(rules.windows, rules.timezone);
  const freezes = freezeRanges(rules);
  const windows = rules.windows ?? [];
  const outside = `outside the deploy window${windows.length === 1 ? "" : "s"} (${windows.join(", ")})`;
  return (at) => {
    // A freeze is the stronger reason: it holds even inside a window.
    const freeze = activeFreeze(freezes, at);
    if (freeze) {
      const until = formatLocal(freeze.until, rules.timezone);
      return { at, status: "frozen", reason: `frozen: ${freeze.name} (until ${until})` };
    }
    if (!matchesAny(crons, at)) return { at, status: "outside-window", reason: outside };
    return { at, status: "deploy", reason: null };
  };
}

function nextAllowedIn(crons: Cron[] | null, freezes: NamedRange[], at: number): number | null {
  const limit = at + HORIZON;
  let candidate: number | null = at;
  while (candidate !== null && candidate <= limit) {
    candidate = nextOpen(crons, candidate, limit);
    if (candidate === null) return null;
    const freeze = activeFreeze(freezes, candidate);
    if (!freeze) return candidate;
    candidate = freeze.until;
  }
  return null;
}

function compileWindows(windows: string[] | null, timezone: string): Cron[] | null {
  return windows?.map((pattern) => new Cron(pattern, { timezone, paused: true })) ?? null;
}

function matchesAny(crons: Cron[] | null, at: number): boolean {
  if (crons === null) return true;
  const minute = new Date(floorMinute(at));
  return crons.some((cron) => cron.match(minute));
}

function nextOpen(crons: Cron[] | null, at: number, limit: number): number | null {
  if (matchesAny(crons, at)) return at;
  let first: number | null = null;
  for (const cron of crons ?? []) {
    const next = cron.nextRun(new Date(at))?.getTime();
    if (next !== undefined && next <= limit && (first === null || next < first)) first = next;
  }
  return first;
}

/**
 * Where the stretch `cron` surely matches from `minute` (a match) ends. A five-field pattern
 * with minute "*" matches the rest of the local hour, with hour "*" too the rest of the local
 * day; skipping them keeps "open all week" windows quick to measure.
 */
function coveredUntil(cron: Cron, minute: number, wallClock: (at: number) => WallClock): number {
  const [minutes, hours, ...rest] = cron.getPattern()?.trim().split(/\s+/) ?? [];
  if (rest.length !== 3 || minutes !== "*") return minute + MINUTE;
  const t = wallClock(minute);
  if (hours !== "*") return minute + (60 - t.minute) * MINUTE;
  return fromWallClock(Date.UTC(t.year, t.month - 1, t.day + 1), wallClock);
}

interface NamedRange {
  name: string;
  from: number;
  until: number;
}

function freezeRanges(rules: WindowRules): NamedRange[] {
  return rules.freezes.map((freeze) => ({
    name: freeze.name,
    ...freezeRange(freeze, rules.timezone),
  }));
}

/**
 * The freeze holding `at`, named after the first configured freeze covering it, spanning every
 * freeze that overlaps or touches it so `until` is when deploys really resume.
 */
function activeFreeze(ranges: NamedRange[], at: number): ActiveFreeze | null {
  const holding = ranges.find((range) => range.from <= at && at < range.until);
  if (!holding) return null;
  let { from, until } = holding;
  for (let grew = true; grew; ) {
    grew = false;
    for (const range of ranges) {
      if (
        range.from <= until &&
        range.until >= from &&
        (range.from < from || range.until > until)
      ) {
        from = Math.min(from, range.from);
        until = Math.max(until, range.until);
        grew = true;
      }
    }
  }
  return { name: holding.name, from, until };
}

function floorMinute(at: number): number {
  return at - (((at % MINUTE) + MINUTE) % MINUTE);
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** Reads instants as local wall-clock time; build once per call, formatters are slow to create. */
function createWallClock(timezone: string): (at: number) => WallClock {
  const format = new Intl.DateTimeFormat("en-US", {
    timeZone: timezone,
    hourCycle: "h23",
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
    second: "numeric",
  });
  return (at) => {
    const parts = format.formatToParts(new Date(at));
    const part = (type: Intl.DateTimeFormatPartTypes) =>
      Number(parts.find((p) => p.type === type)?.value);
    return {
      year: part("year"),
      month: part("month"),
      day: part("day"),
      hour: part("hour"),
      minute: part("minute"),
      second: part("second"),
    };
  };
}

/** Local time minus UTC at `at`, in ms. */
function offsetAt(at: number, wallClock: (at: number) => WallClock): number {
  const t = wallClock(at);
  const local = Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second);
  return local - (at - (((at % 1000) + 1000) % 1000));
}

/**
 * The instant a local wall-clock time (as a UTC-epoch number) names in `wallClock`'s zone. A time that
 * happens twice (clocks go back) is the earlier; one skipped (clocks go forward) moves forward by
 * the gap, as Temporal's "compatible" disambiguation does.
 */
function fromWallClock(wall: number, wallClock: (at: number) => WallClock): number {
  const before = wall - offsetAt(wall - DAY, wallClock);
  const after = wall - offsetAt(wall + DAY, wallClock);
  const valid = [before, after].filter((at) => at + offsetAt(at, wallClock) === wall);
  return valid.length > 0 ? Math.min(...valid) : before;
}

/** "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM" as a UTC-epoch wall-clock number. */
function parseLocal(text: string): { wall: number; hasTime: boolean } {
  const [date = "", time] = text.split("T");
  const [year = 0, month = 1, day = 1] = date.split("-").map(Number);
  const [hour = 0, minute = 0] = time ? time.split(":").map(Number) : [];
  return { wall: Date.UTC(year, month - 1, day, hour, minute), hasTime: time !== undefined };
}
