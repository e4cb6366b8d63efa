import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffDelay, OFF_STATUS, readSyncStatus, SyncStatusSchema } from '@/utils/sync/status';

const limits = { baseMs: 1_000, maxMs: 60_000 };
const lowest = () => 0;
const highest = () => 1;

/** The wait ceiling after `failures` failures in a row, by doubling from `baseMs` step by step. */
function ceilingAfter(failures: number, baseMs: number, maxMs: number): number {
  let ceiling = baseMs;
  for (let failure = 2; failure <= failures && ceiling < maxMs; failure++) ceiling *= 2;
  return Math.min(ceiling, maxMs);
}

describe('backoffDelay', () => {
  it('waits the full ceiling when random() gives 1, and half of it when random() gives 0', () => {
    expect(backoffDelay(1, highest, limits)).toBe(1_000);
    expect(backoffDelay(1, lowest, limits)).toBe(500);
    expect(backoffDelay(3, highest, limits)).toBe(4_000);
    expect(backoffDelay(3, lowest, limits)).toBe(2_000);
  });

  it('doubles the ceiling with each failure in a row, from baseMs, up to maxMs', () => {
    const ceilings = [1, 2, 3, 4, 5, 6, 7, 8, 20].map((n) => backoffDelay(n, highest, limits));
    expect(ceilings).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000]);
  });

  it('treats no failures yet like the first failure', () => {
    expect(backoffDelay(0, highest, limits)).toBe(limits.baseMs);
    expect(backoffDelay(0, lowest, limits)).toBe(limits.baseMs / 2);
  });

  it.each([31, 64, 1_024, 1e6, Number.MAX_SAFE_INTEGER])(
    'stays within maxMs after %d failures (no overflow)',
    (failures) => {
      const limit = { baseMs: 1_000, maxMs: 3_600_000 };
      expect(backoffDelay(failures, highest, limit)).toBe(limit.maxMs);
      expect(backoffDelay(failures, lowest, limit)).toBe(limit.maxMs / 2);
      expect(Number.isFinite(backoffDelay(failures, Math.random, limit))).toBe(true);
    },
  );

  it('is a whole number of milliseconds between half the ceiling and the ceiling', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 0, max: 1_000_000_000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (failures, baseMs, extra, random) => {
          const maxMs = baseMs + extra;
          const ceiling = ceilingAfter(failures, baseMs, maxMs);
          const delay = backoffDelay(failures, () => random, { baseMs, maxMs });
          expect(Number.isInteger(delay)).toBe(true);
          expect(delay).toBeGreaterThanOrEqual(ceiling / 2);
          expect(delay).toBeLessThanOrEqual(ceiling);
        },
      ),
    );
  });

  it('never waits less after more failures, for the same random draw', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 0, max: 100 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (a, b, random) => {
          const [fewer, more] = a <= b ? [a, b] : [b, a];
          expect(backoffDelay(more, () => random, limits)).toBeGreaterThanOrEqual(
            backoffDelay(fewer, () => random, limits),
          );
        },
      ),
    );
  });
});

describe('readSyncStatus', () => {
  it('reads a valid stored status', () => {
    const stored = {
      state: 'retrying',
      message: 'The server had a problem (error 503).',
      targetKey: 'xapi https://lrs.example.com/xapi/',
      failures: 3,
      nextAttemptAt: 1_800_000_000_000,
      lastSyncedAt: 1_799_000_000_000,
    };
    expect(readSyncStatus(stored)).toEqual(stored);
  });

  it.each([
    ['nothing stored', undefined],
    ['null', null],
    ['a string', 'idle'],
    ['an unknown state', { state: 'flying', failures: 0 }],
    ['no failure count', { state: 'idle' }],
    ['a negative failure count', { state: 'retrying', failures: -1 }],
    ['a fractional failure count', { state: 'retrying', failures: 1.5 }],
    ['a number as message', { state: 'stopped', failures: 0, message: 404 }],
    ['an overlong message', { state: 'stopped', failures: 0, message: 'x'.repeat(1001) }],
  ])('treats %s as sync off', (_what, stored) => {
    expect(readSyncStatus(stored)).toEqual(OFF_STATUS);
  });

  it('has an "off" status that is itself valid, with no failures', () => {
    expect(OFF_STATUS).toEqual({ state: 'off', failures: 0 });
    expect(SyncStatusSchema.safeParse(OFF_STATUS).success).toBe(true);
  });
});
