import type { Clock } from "../clock.js";

/** A clock set to a chosen instant that then runs at real speed: timers and timeouts still work. */
export interface TestClock extends Clock {
  set(at: number | string): void;
}

export function createTestClock(start: number | string = Date.now()): TestClock {
  let offset = 0;
  const clock: TestClock = {
    now: () => Date.now() + offset,
    set(at) {
      offset = new Date(at).getTime() - Date.now();
    },
  };
  clock.set(start);
  return clock;
}
