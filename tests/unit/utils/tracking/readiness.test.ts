import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { becameReady, readinessOf } from '@/utils/tracking/readiness';

describe('readinessOf: the one rule for time left and ready to record', () => {
  it('counts down to zero and is ready exactly when the required time is spent', () => {
    expect(readinessOf({ spentMs: 0, requiredMs: 300_000 })).toEqual({
      remainingMs: 300_000,
      ready: false,
      percent: 0,
    });
    expect(readinessOf({ spentMs: 299_999, requiredMs: 300_000 })).toMatchObject({
      remainingMs: 1,
      ready: false,
      percent: 99,
    });
    expect(readinessOf({ spentMs: 300_000, requiredMs: 300_000 })).toEqual({
      remainingMs: 0,
      ready: true,
      percent: 100,
    });
    // More than required: still ready, never a negative time left or over 100 %.
    expect(readinessOf({ spentMs: 900_000, requiredMs: 300_000 })).toEqual({
      remainingMs: 0,
      ready: true,
      percent: 100,
    });
  });

  it('agrees with itself for any times: ready ⇔ nothing left ⇔ spent ≥ required', () => {
    fc.assert(
      fc.property(
        fc.nat(10_000_000),
        fc.integer({ min: 1_000, max: 10_000_000 }),
        (spentMs, requiredMs) => {
          const { remainingMs, ready, percent } = readinessOf({ spentMs, requiredMs });
          expect(ready).toBe(spentMs >= requiredMs);
          expect(ready).toBe(remainingMs === 0);
          expect(remainingMs).toBe(Math.max(0, requiredMs - spentMs));
          expect(percent).toBeGreaterThanOrEqual(0);
          expect(percent).toBeLessThanOrEqual(100);
          if (!ready) expect(percent).toBeLessThan(100);
        },
      ),
    );
  });

  it('becameReady is true only for the report that crosses the line', () => {
    const requiredMs = 10_000;
    expect(becameReady({ spentMs: 9_000, requiredMs }, 5_000)).toBe(false);
    expect(becameReady({ spentMs: 10_000, requiredMs }, 5_000)).toBe(true);
    expect(becameReady({ spentMs: 12_000, requiredMs }, 5_000)).toBe(true);
    expect(becameReady({ spentMs: 15_000, requiredMs }, 5_000)).toBe(false);
    // A report that adds nothing (another tab already counted the moment) tells nobody.
    expect(becameReady({ spentMs: 12_000, requiredMs }, 0)).toBe(false);
  });
});
