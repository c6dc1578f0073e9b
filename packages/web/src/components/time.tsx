import { useSyncExternalStore } from "react";
import { formatAge, formatCountdown, formatTimestamp } from "../lib/time.js";

// One timer for the whole page, ticking once a second, instead of one per timestamp shown.
let now = Date.now();
const subscribers = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | undefined;

function subscribe(onTick: () => void): () => void {
  subscribers.add(onTick);
  timer ??= setInterval(() => {
    now = Date.now();
    for (const tick of subscribers) tick();
  }, 1000);
  return () => {
    subscribers.delete(onTick);
    if (subscribers.size === 0) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

/** The current time, updated every second while the component is shown. */
export function useNow(): number {
  return useSyncExternalStore(subscribe, () => now);
}

/** "5 min ago", with the exact time on hover and for screen readers in the datetime attribute. */
export function RelativeTime({ at }: { at: number }) {
  const current = useNow();
  return (
    <time dateTime={new Date(at).toISOString()} title={formatTimestamp(at)}>
      {formatAge(at, current)}
    </time>
  );
}

/** Time left until `at`, ticking: "in 2 h 05 min", "in 4:09". */
export function Countdown({ at }: { at: number }) {
  const current = useNow();
  return (
    <time dateTime={new Date(at).toISOString()} title={formatTimestamp(at)}>
      {formatCountdown(at, current)}
    </time>
  );
}
