/**
 * Strict SemVer 2.0.0 parsing and ordering, matching the `semver` package (non-loose) that
 * unleash-client compares with: optional leading "v", whitespace trimmed, at most 256
 * characters, numeric parts up to Number.MAX_SAFE_INTEGER, build metadata ignored.
 */

const MAX_LENGTH = 256;
const PRE_ID = "(?:\\d*[a-zA-Z-][a-zA-Z0-9-]*|0|[1-9]\\d*)";
const FULL = new RegExp(
  `^v?(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)` +
    `(?:-(${PRE_ID}(?:\\.${PRE_ID})*))?(?:\\+[a-zA-Z0-9-]+(?:\\.[a-zA-Z0-9-]+)*)?$`,
);
const NUMERIC = /^[0-9]+$/;

export interface SemVer {
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
  readonly prerelease: readonly string[];
}

/** The parsed version, or undefined when `semver.valid()` would say null. */
export function parseSemver(version: string): SemVer | undefined {
  if (version.length > MAX_LENGTH) return undefined;
  const m = FULL.exec(version.trim());
  if (!m) return undefined;
  const major = Number(m[1]);
  const minor = Number(m[2]);
  const patch = Number(m[3]);
  if (major > Number.MAX_SAFE_INTEGER || minor > Number.MAX_SAFE_INTEGER) return undefined;
  if (patch > Number.MAX_SAFE_INTEGER) return undefined;
  return { major, minor, patch, prerelease: m[4] ? m[4].split(".") : [] };
}

function compareIdentifiers(a: string, b: string): number {
  const aNumeric = NUMERIC.test(a);
  const bNumeric = NUMERIC.test(b);
  if (aNumeric && bNumeric) {
    const x = Number(a);
    const y = Number(b);
    return x === y ? 0 : x < y ? -1 : 1;
  }
  if (aNumeric) return -1;
  if (bNumeric) return 1;
  return a === b ? 0 : a < b ? -1 : 1;
}

/** -1, 0 or 1, by SemVer precedence. */
export function compareSemver(a: SemVer, b: SemVer): number {
  if (a.major !== b.major) return a.major < b.major ? -1 : 1;
  if (a.minor !== b.minor) return a.minor < b.minor ? -1 : 1;
  if (a.patch !== b.patch) return a.patch < b.patch ? -1 : 1;
  const pa = a.prerelease;
  const pb = b.prerelease;
  // A version without a prerelease ranks above one with.
  if (pa.length === 0 || pb.length === 0) {
    return pa.length === pb.length ? 0 : pa.length === 0 ? 1 : -1;
  }
  for (let i = 0; ; i++) {
    const x = pa[i];
    const y = pb[i];
    if (x === undefined) return y === undefined ? 0 : -1;
    if (y === undefined) return 1;
    if (x !== y) {
      const c = compareIdentifiers(x, y);
      if (c !== 0) return c;
    }
  }
}
