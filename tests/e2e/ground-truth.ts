/**
 * The time a test knows to be true: each step is bracketed by the clock before and after it, so
 * each counted stretch lies between a shortest and a longest length.
 */

/** Counted stretches, each known to lie between a shortest and a longest length. */
export class GroundTruth {
  minMs = 0;
  maxMs = 0;
  private started?: { lo: number; hi: number };

  start({ lo, hi }: { lo: number; hi: number }) {
    this.started = { lo, hi };
  }

  stop({ lo, hi }: { lo: number; hi: number }) {
    if (!this.started) throw new Error('stop() without start()');
    this.minMs += Math.max(0, lo - this.started.hi);
    this.maxMs += hi - this.started.lo;
    this.started = undefined;
  }
}

export async function timed(action: () => Promise<unknown>): Promise<{ lo: number; hi: number }> {
  const lo = Date.now();
  await action();
  return { lo, hi: Date.now() };
}

/** How far `measured` lies outside the truth's range (0 inside it), in milliseconds. */
export function outsideTruth(truth: GroundTruth, measured: number): number {
  if (measured < truth.minMs) return truth.minMs - measured;
  if (measured > truth.maxMs) return measured - truth.maxMs;
  return 0;
}
