/** Time and randomness come in through dependencies so tests control them. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };
