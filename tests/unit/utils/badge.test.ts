import { describe, expect, it } from 'vitest';
import { badgeFor, BADGE_READY_TEXT } from '@/utils/badge';

const snapshot = (spentMs: number, requiredMs = 300_000) => ({
  url: 'https://a.example/',
  spentMs,
  requiredMs,
});

describe('badgeFor', () => {
  it('shows whole minutes left, rounded up', () => {
    expect(badgeFor(snapshot(48_000)).text).toBe('5m');
    expect(badgeFor(snapshot(240_001)).text).toBe('1m');
    expect(badgeFor(snapshot(0)).title).toBe(
      'Learnlog: 5 minutes and 0 seconds till you can record this learning activity',
    );
  });

  it('shows a distinct ready state once the time is reached', () => {
    const ready = badgeFor(snapshot(300_000));
    expect(ready.text).toBe(BADGE_READY_TEXT);
    expect(ready.color).not.toBe(badgeFor(snapshot(0)).color);
    expect(badgeFor(snapshot(400_000)).text).toBe(BADGE_READY_TEXT);
  });
});
