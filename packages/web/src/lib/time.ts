const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "just now", "5 min ago", "3 h ago", "2 days ago": how long ago `at` was, from `now`. */
export function formatAge(at: number, now: number): string {
  const elapsed = Math.max(0, now - at);
  if (elapsed < 45 * SECOND) return "just now";
  if (elapsed < HOUR) return `${Math.round(elapsed / MINUTE)} min ago`;
  if (elapsed < DAY) return `${Math.floor(elapsed / HOUR)} h ago`;
  const days = Math.floor(elapsed / DAY);
  return days === 1 ? "yesterday" : `${days} days ago`;
}

/** A length of time as a person reads it: "850 ms", "12.4 s", "3 min 5 s", "2 h 10 min". */
export function formatDuration(ms: number): string {
  if (ms < SECOND) return `${Math.round(ms)} ms`;
  if (ms < MINUTE) return `${(ms / SECOND).toFixed(1)} s`;
  if (ms < HOUR) {
    const seconds = Math.floor((ms % MINUTE) / SECOND);
    return `${Math.floor(ms / MINUTE)} min${seconds ? ` ${seconds} s` : ""}`;
  }
  const minutes = Math.floor((ms % HOUR) / MINUTE);
  return `${Math.floor(ms / HOUR)} h${minutes ? ` ${minutes} min` : ""}`;
}

/** Time left until `at` as a clock: "in 2 h 05 min", "in 4:09", "now" once it has come. */
export function formatCountdown(at: number, now: number): string {
  const left = at - now;
  if (left <= 0) return "now";
  const hours = Math.floor(left / HOUR);
  const minutes = Math.floor((left % HOUR) / MINUTE);
  const seconds = Math.floor((left % MINUTE) / SECOND);
  if (hours >= 24) return `in ${Math.floor(hours / 24)} d ${hours % 24} h`;
  if (hours > 0) return `in ${hours} h ${String(minutes).padStart(2, "0")} min`;
  return `in ${minutes}:${String(seconds).padStart(2, "0")}`;
}

/** A timestamp for a title attribute or a table: local date and time to the second. */
export function formatTimestamp(at: number): string {
  return new Date(at).toLocaleString(undefined, {
    dateStyle: "medium",
    timeStyle: "medium",
  });
}

/** "2026-11-30": the calendar day of `at` in a time zone (the browser's when not given). */
export function dayKey(at: number, timeZone?: string): string {
  return new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(at);
}

/** "14:00": the wall-clock time of `at` in a time zone. */
export function formatClock(at: number, timeZone?: string): string {
  return new Intl.DateTimeFormat("en-GB", {
    timeZone,
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(at);
}

/** "Mon 30 Nov": a day as an agenda heads it. */
export function formatDay(at: number, timeZone?: string): string {
  return new Intl.DateTimeFormat("en-GB", {
    timeZone,
    weekday: "short",
    day: "numeric",
    month: "short",
  }).format(at);
}

/** "2026-12-01" for "2026-11-30": the next calendar day of a day key. */
export function nextDayKey(key: string): string {
  const [year, month, day] = key.split("-").map(Number);
  return new Date(Date.UTC(year ?? 0, (month ?? 1) - 1, (day ?? 1) + 1)).toISOString().slice(0, 10);
}

/** A time near now as a person says it: "14:00" today, "tomorrow 09:00", else "Mon 30 Nov 22:00". */
export function formatWhen(at: number, now: number, timeZone?: string): string {
  const clock = formatClock(at, timeZone);
  const day = dayKey(at, timeZone);
  const today = dayKey(now, timeZone);
  if (day === today) return clock;
  if (day === nextDayKey(today)) return `tomorrow ${clock}`;
  return `${formatDay(at, timeZone)} ${clock}`;
}
