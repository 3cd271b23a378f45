import { retryDelayMs } from './webhook-backoff.js';

describe('retryDelayMs', () => {
  it('doubles the base per retry, with up to 50 % jitter', () => {
    expect(retryDelayMs(2, 1000, 0)).toBe(1000);
    expect(retryDelayMs(2, 1000, 1)).toBe(1500);
    expect(retryDelayMs(3, 1000, 0)).toBe(2000);
    expect(retryDelayMs(4, 1000, 0.5)).toBe(5000);
  });

  it('makes every wait longer than the one before, whatever the jitter', () => {
    for (let next = 3; next <= 12; next++) {
      expect(retryDelayMs(next, 60_000, 0)).toBeGreaterThanOrEqual(
        retryDelayMs(next - 1, 60_000, 1),
      );
    }
  });

  it('caps a wait at one day', () => {
    expect(retryDelayMs(40, 60_000, 1)).toBe(24 * 3_600_000);
  });
});
