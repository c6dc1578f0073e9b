import type { CliIo, OutStream } from "./cli-io.js";

export interface Colors {
  enabled: boolean;
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  cyan(text: string): string;
  /** A build, stage or delivery status (or `text` standing for it) in the colour of its meaning. */
  status(status: string, text?: string): string;
}

/** A one-line, redrawn progress indicator on stderr; silent unless stderr is a terminal. */
export interface Progress {
  update(text: string): void;
  /** Prints a line that stays (on stderr, terminal or not), keeping the spinner below it. */
  persist(text: string): void;
  stop(): void;
}

export interface Output {
  /** Exactly one JSON document on stdout: what `--json` promises. */
  json(value: unknown): void;
  /** One JSON document per line, for streams (`--json` with --follow or events). */
  jsonLine(value: unknown): void;
  line(text?: string): void;
  /** A message for the person at the terminal, on stderr so it never mixes with data. */
  note(text: string): void;
  /** Aligned columns under upper-case headers; `empty` is printed instead of no rows. */
  table(headers: string[], rows: string[][], empty: string): void;
  colors: Colors;
  errColors: Colors;
  progress(text: string): Progress;
  ago(at: number | null | undefined): string;
}

const ESC = "\u001b[";
const ANSI_PATTERN = new RegExp(`${ESC.replace("[", "\\[")}[0-9;]*m`, "g");

export function visibleLength(text: string): number {
  return text.replace(ANSI_PATTERN, "").length;
}

/** Colours only a terminal, and never when NO_COLOR is set (https://no-color.org). */
export function colorsFor(stream: OutStream, env: CliIo["env"]): Colors {
  const enabled = Boolean(stream.isTTY) && !env.NO_COLOR;
  const paint = (code: number) => (text: string) =>
    enabled ? `${ESC}${code}m${text}${ESC}0m` : text;
  const colors = {
    enabled,
    bold: paint(1),
    dim: paint(2),
    red: paint(31),
    green: paint(32),
    yellow: paint(33),
    cyan: paint(36),
  };
  const byStatus: Record<string, (text: string) => string> = {
    passed: colors.green,
    delivered: colors.green,
    succeeded: colors.green,
    failed: colors.red,
    "rolled-back": colors.red,
    "rolling-back": colors.yellow,
    "timed-out": colors.red,
    running: colors.yellow,
    queued: colors.cyan,
    pending: colors.cyan,
    cancelled: colors.dim,
    skipped: colors.dim,
  };
  return {
    ...colors,
    status: (status, text = status) => (byStatus[status] ?? ((t: string) => t))(text),
  };
}

/** "just now", "42s ago", "3m ago", "5h ago", "2d ago", then the date. */
export function relativeTime(at: number | null | undefined, now: number): string {
  if (at === null || at === undefined) return "-";
  const seconds = Math.round((now - at) / 1000);
  if (seconds < 0) return `in ${formatDuration(-seconds * 1000)}`;
  if (seconds < 5) return "just now";
  if (seconds < 60) return `${seconds}s ago`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m ago`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)}h ago`;
  if (seconds < 30 * 86_400) return `${Math.floor(seconds / 86_400)}d ago`;
  return new Date(at).toISOString().slice(0, 10);
}

/** "340 ms", "4.2s", "3m 07s", "2h 05m". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  const pad = (n: number) => String(n).padStart(2, "0");
  const totalSeconds = Math.round(ms / 1000);
  if (totalSeconds < 3600) return `${Math.floor(totalSeconds / 60)}m ${pad(totalSeconds % 60)}s`;
  return `${Math.floor(totalSeconds / 3600)}h ${pad(Math.floor(totalSeconds / 60) % 60)}m`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ["KiB", "MiB", "GiB"];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}

/** Columns padded to their widest cell (colour codes do not count); no trailing spaces. */
export function formatTable(headers: string[], rows: string[][], colors: Colors): string[] {
  const all = [headers.map((h) => h.toUpperCase()), ...rows];
  const widths = headers.map((_, column) =>
    Math.max(...all.map((row) => visibleLength(row[column] ?? ""))),
  );
  return all.map((row, index) => {
    const cells = row.map((cell, column) => {
      const last = column === row.length - 1;
      const padding = last ? "" : " ".repeat((widths[column] ?? 0) - visibleLength(cell));
      return `${index === 0 ? colors.dim(cell) : cell}${padding}`;
    });
    return cells.join("  ");
  });
}

const FRAMES = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

function createProgress(stream: OutStream, text: string): Progress {
  if (!stream.isTTY) {
    return { update() {}, persist: (line) => stream.write(`${line}\n`), stop() {} };
  }
  let current = text;
  let frame = 0;
  const draw = () => stream.write(`\r${ESC}2K${FRAMES[frame % FRAMES.length]} ${current}`);
  const timer = setInterval(() => {
    frame++;
    draw();
  }, 80);
  // A forgotten spinner must never keep the CLI alive.
  timer.unref();
  draw();
  return {
    update(next) {
      current = next;
      draw();
    },
    persist(line) {
      stream.write(`\r${ESC}2K${line}\n`);
      draw();
    },
    stop() {
      clearInterval(timer);
      stream.write(`\r${ESC}2K`);
    },
  };
}

export function createOutput(io: Pick<CliIo, "stdout" | "stderr" | "env" | "now">): Output {
  const colors = colorsFor(io.stdout, io.env);
  return {
    json: (value) => io.stdout.write(`${JSON.stringify(value, null, 2)}\n`),
    jsonLine: (value) => io.stdout.write(`${JSON.stringify(value)}\n`),
    line: (text = "") => io.stdout.write(`${text}\n`),
    note: (text) => io.stderr.write(`${text}\n`),
    table(headers, rows, empty) {
      if (rows.length === 0) io.stdout.write(`${empty}\n`);
      else for (const line of formatTable(headers, rows, colors)) io.stdout.write(`${line}\n`);
    },
    colors,
    errColors: colorsFor(io.stderr, io.env),
    progress: (text) => createProgress(io.stderr, text),
    ago: (at) => relativeTime(at, io.now()),
  };
}
