const DAY_MS = 24 * 3_600_000;

/**
 * The wait before attempt `next` (2, 3, …): the base doubled per earlier retry, stretched by a
 * random 0–50 % so that receivers coming back from an outage are not hit by every sender at
 * once, and capped at a day. Consecutive waits never overlap, so each is longer than the last.
 */
export function retryDelayMs(next: number, baseMs: number, random = Math.random()): number {
  const exponential = baseMs * 2 ** (next - 2);
  return Math.round(Math.min(exponential * (1 + random / 2), DAY_MS));
}
