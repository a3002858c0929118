/** Retry schedule of the outbox: 1, 2, 4… minutes, capped at 6 hours, failed after 10 attempts. */
export const MAX_ATTEMPTS = 10;

export function nextAttemptDelayMs(attempts: number): number {
  return Math.min(60_000 * 2 ** Math.max(0, attempts - 1), 6 * 3600_000);
}

/** How long a worker owns a claimed mail before another may take it over (it crashed). */
export const CLAIM_MS = 5 * 60_000;
