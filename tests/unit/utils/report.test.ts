import { describe, expect, it } from 'vitest';
import { buildReport, rangeFor } from '@/utils/report';
import type { ProfileSettings } from '@/utils/settings';
import { makeRecords } from '@/tests/support/make-records';

const today = '2026-11-26';
const nmc: ProfileSettings = { regulator: 'nmc', cycleEndDate: '2027-03-31' };
const custom = { from: '2026-01-01', to: '2026-03-31' };

describe('printable CPD report', () => {
  it('offers the cycle, the year, the last 12 months, everything or chosen dates', () => {
    expect(rangeFor('cycle', nmc, today, custom, undefined)).toEqual({
      from: '2024-04-01',
      to: '2027-03-31',
    });
    expect(rangeFor('year', nmc, today, custom, undefined)).toEqual({
      from: '2026-01-01',
      to: today,
    });
    expect(rangeFor('twelve-months', nmc, today, custom, undefined)).toEqual({
      from: '2025-11-27',
      to: today,
    });
    expect(rangeFor('all', nmc, today, custom, '2019-05-01')).toEqual({
      from: '2019-05-01',
      to: today,
    });
    expect(rangeFor('custom', nmc, today, custom, undefined)).toBe(custom);
  });

  it('groups the period’s live records by month, oldest first, with totals', () => {
    const records = makeRecords(400, { today });
    records[0] = { ...records[0]!, date: '2026-02-10', deletedAt: 1 };
    const report = buildReport(records, nmc, custom, today);
    const expected = records.filter(
      (r) => !r.deletedAt && r.date >= custom.from && r.date <= custom.to,
    );
    expect(report.recordCount).toBe(expected.length);
    expect(report.months.map((month) => month.label)).toEqual([
      'January 2026',
      'February 2026',
      'March 2026',
    ]);
    const dates = report.months.flatMap((month) => month.records.map((r) => r.date));
    expect(dates).toEqual([...dates].sort());
    expect(report.seconds).toBe(expected.reduce((sum, r) => sum + r.creditedSeconds, 0));
    expect(report.participatorySeconds).toBe(
      expected.filter((r) => r.participatory).reduce((sum, r) => sum + r.creditedSeconds, 0),
    );
    expect(report.months.reduce((sum, month) => sum + month.seconds, 0)).toBe(report.seconds);
    expect(report.rangeLabel).toBe('1 January 2026 to 31 March 2026');
    expect(report.cycle.targets.seconds).toBe(35 * 3600);
    expect(report.standards[0]!.records).toBeGreaterThanOrEqual(report.standards.at(-1)!.records);
  });
});
