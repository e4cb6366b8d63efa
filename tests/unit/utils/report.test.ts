import { describe, expect, it } from 'vitest';
import {
  buildReport,
  describeCycleProgress,
  earliestDate,
  rangeFor,
  recordFacts,
  reportFor,
  reportTime,
} from '@/utils/report';
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

describe('what the report page shows, worked out', () => {
  const record = makeRecords(1, { today })[0]!;

  it('reportFor takes "All records" from the earliest learning date', () => {
    const records = makeRecords(50, { today });
    const earliest = earliestDate(records)!;
    expect(records.every((r) => r.date >= earliest)).toBe(true);
    const report = reportFor(records, nmc, 'all', custom, today);
    expect(report.range).toEqual({ from: earliest, to: today });
    expect(report.recordCount).toBe(records.filter((r) => !r.deletedAt).length);
    expect(earliestDate([])).toBeUndefined();
  });

  it('says the goal and the cycle in one sentence, in the regulator’s terms', () => {
    const report = buildReport([], nmc, custom, today);
    expect(describeCycleProgress(report, nmc)).toBe(
      '35 hours of CPD over 3 years, 20 of them participatory (learning with other people). In the current cycle (1 April 2024 to 31 March 2027): none, none participatory — goal not yet met.',
    );
    const gphc: ProfileSettings = { regulator: 'gphc', cycleEndDate: '2027-03-31' };
    expect(describeCycleProgress(buildReport([], gphc, custom, today), gphc)).toContain(
      ': none, 0 records (0 planned) — goal not yet met.',
    );
    const none: ProfileSettings = { regulator: 'none' };
    expect(describeCycleProgress(buildReport([], none, custom, today), none)).toMatch(/: none\.$/);
  });

  it('lists a record’s facts, with planned or unplanned only where the regulator asks', () => {
    const facts = {
      ...record,
      date: '2026-11-02',
      kind: 'course' as const,
      typeLabel: undefined,
      creditedSeconds: 5400,
      participatory: true,
      planned: false,
      recordedEarly: true,
    };
    expect(recordFacts(facts, nmc)).toBe(
      '2 November 2026 · Course or e-learning · 1 hour 30 minutes · participatory · recorded before the stated duration',
    );
    expect(recordFacts(facts, { regulator: 'gphc' })).toContain(' · unplanned · ');
    expect(reportTime(0)).toBe('none');
  });
});
