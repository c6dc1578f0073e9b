/** Numbers and durations as people read them in rule messages. */

/**
 * Two decimals from 1 up (100.5, 3.6), three significant digits below (0.0234); NaN and ±Inf by
 * name. Never rounds to a whole number near a threshold: "100 is not below 100" would confuse.
 */
export function formatNumber(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (!Number.isFinite(value)) return value > 0 ? "+Inf" : "-Inf";
  if (Number.isInteger(value)) return String(value);
  if (Math.abs(value) >= 1) return String(Number(value.toFixed(2)));
  return String(Number(value.toPrecision(3)));
}

/** 0.072 → "7.2%". */
export function formatPercent(ratio: number): string {
  return `${formatNumber(ratio * 100)}%`;
}

const UNITS: readonly [number, string][] = [
  [3_600_000, "h"],
  [60_000, "m"],
  [1_000, "s"],
  [1, "ms"],
];

/** 300000 → "5m", 5400000 → "1h30m", 1500 → "1s500ms": the way weeknight.yml writes them. */
export function formatDuration(ms: number): string {
  let rest = Math.round(ms);
  let text = "";
  for (const [size, unit] of UNITS) {
    if (rest >= size) {
      text += `${Math.floor(rest / size)}${unit}`;
      rest %= size;
    }
  }
  return text === "" ? "0s" : text;
}
