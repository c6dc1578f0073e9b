import type { Calendar, CalendarEnvironment } from "../api/answers.js";
import { dayKey, formatClock, formatDay } from "./time.js";

export type RunStatus = CalendarEnvironment["runs"][number]["status"];

/** One scheduled run, with the environment it belongs to. */
export interface AgendaRun {
  at: number;
  project: string;
  environment: string;
  timezone: string;
  status: RunStatus;
  reason: string | null;
  /** The freeze that stops it, when it is frozen. */
  freeze: string | null;
}

export interface AgendaFreeze {
  project: string;
  environment: string;
  name: string;
  from: number;
  to: number;
}

/** A day of the agenda: its scheduled runs in time order and the freezes in force that day. */
export interface AgendaDay {
  key: string;
  label: string;
  runs: AgendaRun[];
  freezes: AgendaFreeze[];
}

const HALF_DAY = 12 * 60 * 60 * 1000;

/**
 * The calendar as an agenda: every day from `from` to `to` (days in `timeZone`, the browser's
 * when not given), each with its runs sorted by time and the freezes covering it.
 */
export function agendaDays(calendar: Calendar, timeZone?: string): AgendaDay[] {
  const days = new Map<string, AgendaDay>();
  // Half-day steps never skip a day, even across a 23- or 25-hour day at a DST change.
  for (let at = calendar.from; at < calendar.to; at += HALF_DAY) addDay(days, at, timeZone);
  if (calendar.to > calendar.from) addDay(days, calendar.to - 1, timeZone);

  for (const env of calendar.environments) {
    for (const run of env.runs) {
      const day = addDay(days, run.at, timeZone);
      day.runs.push({
        at: run.at,
        project: env.project,
        environment: env.environment,
        timezone: env.timezone,
        status: run.status,
        reason: run.reason,
        freeze: run.status === "frozen" ? freezeAt(env, run.at, run.reason) : null,
      });
    }
    for (const freeze of env.freezes) {
      const first = dayKey(freeze.from, timeZone);
      const last = dayKey(Math.max(freeze.from, freeze.to - 1), timeZone);
      for (const day of days.values()) {
        if (day.key >= first && day.key <= last) {
          day.freezes.push({ project: env.project, environment: env.environment, ...freeze });
        }
      }
    }
  }
  const ordered = [...days.values()].sort((a, b) => a.key.localeCompare(b.key));
  for (const day of ordered) {
    day.runs.sort((a, b) => a.at - b.at || a.project.localeCompare(b.project));
  }
  return ordered;
}

function addDay(days: Map<string, AgendaDay>, at: number, timeZone?: string): AgendaDay {
  const key = dayKey(at, timeZone);
  let day = days.get(key);
  if (!day) {
    day = { key, label: formatDay(at, timeZone), runs: [], freezes: [] };
    days.set(key, day);
  }
  return day;
}

/** The freeze a frozen run falls in; else the name the server's reason gives ("frozen: Christmas (…)"). */
function freezeAt(env: CalendarEnvironment, at: number, reason: string | null): string | null {
  const freeze = env.freezes.find((f) => f.from <= at && at < f.to);
  if (freeze) return freeze.name;
  return /^frozen: (.+?)(?: \(|$)/.exec(reason ?? "")?.[1] ?? null;
}

/** The word a run's status chip shows: "deploy", "frozen (Christmas)", "outside window", "blocked". */
export function runStatusLabel(run: Pick<AgendaRun, "status" | "freeze">): string {
  if (run.status === "frozen") return run.freeze ? `frozen (${run.freeze})` : "frozen";
  if (run.status === "outside-window") return "outside window";
  return run.status;
}

/**
 * A freeze's range in its environment's time zone: whole days as dates ("Mon 21 Dec – Sat 2 Jan",
 * the end inclusive), anything else with times ("Mon 21 Dec 18:00 – Tue 22 Dec 06:00").
 */
export function formatFreezeRange(freeze: { from: number; to: number }, timeZone: string): string {
  const wholeDays =
    formatClock(freeze.from, timeZone) === "00:00" && formatClock(freeze.to, timeZone) === "00:00";
  if (wholeDays) {
    const first = formatDay(freeze.from, timeZone);
    const last = formatDay(freeze.to - 1, timeZone);
    return first === last ? first : `${first} – ${last}`;
  }
  const at = (ms: number) => `${formatDay(ms, timeZone)} ${formatClock(ms, timeZone)}`;
  return `${at(freeze.from)} – ${at(freeze.to)}`;
}
