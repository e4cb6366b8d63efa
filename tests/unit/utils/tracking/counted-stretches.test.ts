import { describe, expect, it } from 'vitest';
import {
  keepStretch,
  KEPT_STRETCHES,
  newlyCountedMs,
  NO_TAB,
  STRETCH_MEMORY_MS,
  type CountedStretch,
} from '@/utils/tracking/counted-stretches';

const T = 1_800_000_000_000;
const stretch = (tabId: number, from: number, to: number): CountedStretch => ({
  tabId,
  from: T + from,
  to: T + to,
});

describe('newlyCountedMs', () => {
  it("counts a tab's stretch only after the end of its own last one", () => {
    expect(newlyCountedMs([stretch(1, 0, 5_000)], 1, T + 3_000, T + 8_000)).toBe(3_000);
    expect(newlyCountedMs([stretch(1, 0, 5_000)], 1, T + 1_000, T + 4_000)).toBe(0);
  });

  it("counts another tab's stretch less only where they overlap", () => {
    const counted = [stretch(1, 0, 5_000), stretch(1, 10_000, 10_600)];
    // Ended before tab 1's later stretch began: all of it.
    expect(newlyCountedMs(counted, 2, T + 5_000, T + 10_000)).toBe(5_000);
    // Overlapping both of tab 1's stretches: the gap between them and the end after them.
    expect(newlyCountedMs(counted, 2, T + 4_000, T + 11_000)).toBe(5_000 + 400);
  });

  it("fills no gap a report's late arrival leaves between another tab's stretches", () => {
    // Tab 1 counted throughout, its second report read 300 ms late; tab 2 counted the same.
    const counted = [stretch(1, 0, 5_000), stretch(1, 5_300, 10_300)];
    expect(newlyCountedMs(counted, 2, T, T + 10_300)).toBe(0);
  });

  it('takes overlapping stretches of other tabs once', () => {
    const counted = [stretch(1, 0, 6_000), stretch(3, 2_000, 8_000)];
    expect(newlyCountedMs(counted, 2, T, T + 10_000)).toBe(2_000);
  });

  it('without a tab, or after an older version’s single mark, counts only what follows', () => {
    expect(newlyCountedMs([stretch(1, 0, 5_000)], undefined, T + 2_000, T + 6_000)).toBe(1_000);
    const mark = [{ tabId: NO_TAB, from: 0, to: T + 5_000 }];
    expect(newlyCountedMs(mark, 2, T + 2_000, T + 6_000)).toBe(1_000);
  });
});

describe('keepStretch', () => {
  it('forgets a stretch too old to meet a new one, and keeps one just inside', () => {
    const old = stretch(1, -STRETCH_MEMORY_MS - 1_000, -STRETCH_MEMORY_MS - 1);
    const recent = stretch(1, -STRETCH_MEMORY_MS, -STRETCH_MEMORY_MS + 1);
    expect(keepStretch([old, recent], stretch(2, 0, 1_000), T)).toEqual([
      recent,
      stretch(2, 0, 1_000),
    ]);
  });

  it("keeps each tab's latest stretch however many the others wrote since", () => {
    let kept = keepStretch([], stretch(2, -5_000, 0), T);
    for (let index = 0; index < KEPT_STRETCHES + 2; index++)
      kept = keepStretch(kept, stretch(1, index * 200, index * 200 + 200), T + 3_000);
    expect(kept).toContainEqual(stretch(2, -5_000, 0));
    // Tab 2's promise, overlapping its own last report: only what follows it counts.
    expect(newlyCountedMs(kept, 2, T - 5_000, T + 300)).toBe(300);
  });

  it('keeps the latest few, none too old to meet a new one', () => {
    const old = stretch(1, -STRETCH_MEMORY_MS - 1, -STRETCH_MEMORY_MS);
    const many = Array.from({ length: KEPT_STRETCHES + 3 }, (_, index) =>
      stretch(2, index * 1_000, index * 1_000 + 500),
    );
    const kept = keepStretch([old, ...many], stretch(3, 90_000, 91_000), T + 91_000);
    expect(kept).toHaveLength(KEPT_STRETCHES);
    expect(kept.at(-1)).toEqual(stretch(3, 90_000, 91_000));
    expect(kept).not.toContainEqual(old);
  });
});
