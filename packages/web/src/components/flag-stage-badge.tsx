import {
  type FlagEnvironment,
  type FlagView,
  nextStep,
  rampBadge,
  stageBadge,
  staleLabel,
} from "../lib/flag-format.js";
import { formatTimestamp } from "../lib/time.js";

/** Where a flag stands in one environment: "admins", "customers (2)", "10 %", "released"… */
export function FlagStageBadge({ env }: { env: FlagEnvironment }) {
  const { label, tone } = stageBadge(env);
  return (
    <span className={`chip chip-${tone} flag-stage`} data-testid="flag-stage">
      {label}
    </span>
  );
}

/** "ramp: 25 % next" (when, on hover) or "ramp paused" (why, on hover); nothing without a ramp. */
export function FlagRampBadge({ env }: { env: FlagEnvironment }) {
  const badge = rampBadge(env.ramp);
  if (!badge || !env.ramp) return null;
  const next = nextStep(env.ramp);
  const title =
    env.ramp.pausedAt !== null
      ? `Paused: ${env.ramp.pausedReason ?? "no reason given"}`
      : next
        ? `${next.percent} % at ${formatTimestamp(next.at)}`
        : undefined;
  return (
    <span className={`chip chip-${badge.tone} flag-ramp-badge`} title={title}>
      {badge.label}
    </span>
  );
}

/** "stale 31 d — delete it": the flag has served everyone long enough to leave the code. */
export function FlagStaleBadge({ flag }: { flag: FlagView }) {
  if (!flag.stale) return null;
  return (
    <span
      className="chip chip-warn flag-stale"
      data-testid="flag-stale"
      title={`On for everyone in ${flag.stale.environment} since ${formatTimestamp(flag.stale.releasedAt)}: delete it from the code, then archive it.`}
    >
      {staleLabel(flag.stale)}
    </span>
  );
}
