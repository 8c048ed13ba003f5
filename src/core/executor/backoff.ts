// Exponential backoff between attempts (spec-runner's retry_delay_seconds is the base), capped so
// a long retry chain never sleeps for hours.
export const MAX_BACKOFF_MS = 5 * 60_000;

/** Delay before attempt `failedAttempt + 1`: base, 2x base, 4x base, ... capped at five minutes. */
export function backoffMs(baseMs: number, failedAttempt: number): number {
  if (baseMs <= 0) return 0;
  const exponent = Math.max(0, Math.min(failedAttempt - 1, 20));
  return Math.min(MAX_BACKOFF_MS, baseMs * 2 ** exponent);
}
