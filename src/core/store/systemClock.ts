// The real clock and timers behind the store's debounced saves; tests inject a fake one.
import type { StoreClock } from './types';

export const systemClock: StoreClock = {
  now: () => Date.now(),
  setTimer(ms, fn) {
    const timer = setTimeout(fn, ms);
    return () => clearTimeout(timer);
  },
};
