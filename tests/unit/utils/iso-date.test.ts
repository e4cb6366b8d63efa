import { describe, expect, it } from 'vitest';
import { addDays, addMonths, formatUkDate, isoDateSchema, localIsoDate } from '@/utils/iso-date';

describe('calendar dates', () => {
  it('formats the local date', () => {
    expect(localIsoDate(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
  });

  it('adds months, keeping the day or the month’s last day', () => {
    expect(addMonths('2026-11-26', 1)).toBe('2026-12-26');
    expect(addMonths('2026-11-26', -36)).toBe('2023-11-26');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-03-31', -13)).toBe('2025-02-28');
  });

  it('adds days across months and years', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
  });

  it('accepts only real dates', () => {
    expect(isoDateSchema.safeParse('2028-02-29').success).toBe(true);
    expect(isoDateSchema.safeParse('2026-02-29').success).toBe(false);
    expect(isoDateSchema.safeParse('2026-13-01').success).toBe(false);
  });

  it('writes dates in UK English', () => {
    expect(formatUkDate('2026-11-26')).toBe('26 November 2026');
    expect(formatUkDate('2026-11-26', 'short')).toBe('26 Nov 2026');
  });
});
