import type { Clock } from '../ports/clock.js';

/** A clock that only moves when told to. */
export interface FixedClock extends Clock {
  advance(ms: number): void;
  set(date: Date): void;
}

export function createFixedClock(start: Date): FixedClock {
  let current = start.getTime();
  return {
    now: () => new Date(current),
    advance(ms) {
      current += ms;
    },
    set(date) {
      current = date.getTime();
    },
  };
}
