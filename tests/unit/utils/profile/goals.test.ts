import { describe, expect, it } from 'vitest';
import {
  currentCycle,
  describeGoal,
  periodWords,
  summariseLearning,
  summaryStartDate,
} from '@/utils/profile/goals';
import type { LearningRecord } from '@/utils/records';
import type { ProfileSettings } from '@/utils/settings';
import { makeRecords } from '@/tests/support/make-records';

const TODAY = '2026-11-26';

function record(date: string, minutes: number, extra: Partial<LearningRecord> = {}) {
  const [base] = makeRecords(1);
  return {
    ...base!,
    date,
    creditedSeconds: minutes * 60,
    participatory: false,
    planned: false,
    ...extra,
  };
}

describe('cycles', () => {
  it('NMC: the three years up to the revalidation date', () => {
    expect(currentCycle({ regulator: 'nmc', cycleEndDate: '2027-03-31' }, TODAY)).toEqual({
      start: '2024-04-01',
      end: '2027-03-31',
      months: 36,
      dateKnown: true,
    });
  });

  it('rolls a passed revalidation date on to the next cycle, and a far one back', () => {
    expect(currentCycle({ regulator: 'nmc', cycleEndDate: '2026-03-31' }, TODAY).end).toBe(
      '2029-03-31',
    );
    expect(currentCycle({ regulator: 'nmc', cycleEndDate: '2020-03-31' }, TODAY).end).toBe(
      '2029-03-31',
    );
    expect(currentCycle({ regulator: 'nmc', cycleEndDate: '2035-03-31' }, TODAY).end).toBe(
      '2029-03-31',
    );
    // The revalidation day itself belongs to the cycle it ends.
    expect(currentCycle({ regulator: 'nmc', cycleEndDate: TODAY }, TODAY)).toMatchObject({
      start: '2023-11-27',
      end: TODAY,
    });
  });

  it('keeps month ends: a cycle ending 29 February', () => {
    const cycle = currentCycle({ regulator: 'gphc', cycleEndDate: '2028-02-29' }, '2027-06-01');
    expect(cycle).toMatchObject({ start: '2027-03-01', end: '2028-02-29' });
  });

  it('without a date, counts the cycle that ends today', () => {
    expect(currentCycle({ regulator: 'hcpc' }, TODAY)).toEqual({
      start: '2024-11-27',
      end: TODAY,
      months: 24,
      dateKnown: false,
    });
  });

  it('"Other or none": the learner’s own period length', () => {
    expect(currentCycle({ regulator: 'none', cycleMonths: 6 }, TODAY).start).toBe('2026-05-27');
    // A regulator's own cycle cannot be changed by a stray value.
    expect(currentCycle({ regulator: 'nmc', cycleMonths: 6 }, TODAY).months).toBe(36);
  });
});

describe('summaries', () => {
  it('totals month, year and cycle; NMC hours and participatory hours against the goal', () => {
    const profile: ProfileSettings = { regulator: 'nmc', cycleEndDate: '2027-03-31' };
    const records = [
      record('2026-11-02', 60, { participatory: true }),
      record('2026-10-15', 30),
      record('2025-06-01', 120, { participatory: true }),
      record('2024-03-31', 600), // before the cycle
      record('2026-11-20', 45, { deletedAt: 1 }), // deleted: never counted
    ];
    const summary = summariseLearning(records, profile, TODAY);
    expect(summary).toMatchObject({
      monthSeconds: 3600,
      yearSeconds: 5400,
      cycleSeconds: 12_600,
      participatorySeconds: 10_800,
      cycleRecords: 3,
      targets: { seconds: 35 * 3600, participatorySeconds: 20 * 3600 },
      goalMet: false,
    });
  });

  it('NMC goal met only when both hours and participatory hours are', () => {
    const profile: ProfileSettings = { regulator: 'nmc' };
    const hours = (n: number, participatory: boolean) =>
      Array.from({ length: n }, (_, i) => record(`2026-0${1 + (i % 9)}-01`, 60, { participatory }));
    expect(summariseLearning(hours(35, false), profile, TODAY).goalMet).toBe(false);
    expect(
      summariseLearning([...hours(15, false), ...hours(20, true)], profile, TODAY).goalMet,
    ).toBe(true);
  });

  it('GPhC: four records a year, two of them planned', () => {
    const profile: ProfileSettings = { regulator: 'gphc', cycleEndDate: '2027-05-31' };
    const records = [
      record('2026-07-01', 30, { planned: true }),
      record('2026-08-01', 30),
      record('2026-09-01', 30),
      record('2026-10-01', 30),
    ];
    expect(summariseLearning(records, profile, TODAY)).toMatchObject({
      cycleRecords: 4,
      plannedRecords: 1,
      targets: { records: 4, plannedRecords: 2 },
      goalMet: false,
    });
    records[1]!.planned = true;
    expect(summariseLearning(records, profile, TODAY).goalMet).toBe(true);
  });

  it('no goal, no verdict; the learner’s own hours become the goal', () => {
    expect(summariseLearning([], { regulator: 'sssc' }, TODAY).goalMet).toBeUndefined();
    expect(
      summariseLearning([record('2026-11-01', 90)], { regulator: 'sssc', goalHours: 1 }, TODAY)
        .goalMet,
    ).toBe(true);
  });

  it('queries from the earlier of the cycle start and 1 January', () => {
    expect(summaryStartDate({ regulator: 'nmc', cycleEndDate: '2027-03-31' }, TODAY)).toBe(
      '2024-04-01',
    );
    expect(summaryStartDate({ regulator: 'gphc', cycleEndDate: '2027-10-31' }, TODAY)).toBe(
      '2026-01-01',
    );
  });

  it('matches a plain recount on generated records', () => {
    const profile: ProfileSettings = { regulator: 'nmc', cycleEndDate: '2027-03-31' };
    const records = makeRecords(2000);
    const summary = summariseLearning(records, profile, TODAY);
    const inCycle = records.filter((r) => r.date >= '2024-04-01' && r.date <= '2027-03-31');
    const sum = (items: LearningRecord[]) => items.reduce((t, r) => t + r.creditedSeconds, 0);
    expect(summary.cycleSeconds).toBe(sum(inCycle));
    expect(summary.participatorySeconds).toBe(sum(inCycle.filter((r) => r.participatory)));
    expect(summary.monthSeconds).toBe(sum(records.filter((r) => r.date.startsWith('2026-11'))));
  });
});

describe('goal wording', () => {
  it('names periods in plain words', () => {
    expect([12, 36, 24, 6, 1].map(periodWords)).toEqual([
      'a year',
      '3 years',
      '2 years',
      '6 months',
      '1 month',
    ]);
  });

  it.each<[ProfileSettings, string]>([
    [
      { regulator: 'nmc' },
      '35 hours of CPD over 3 years, 20 of them participatory (learning with other people).',
    ],
    [{ regulator: 'gphc' }, '4 CPD records a year, at least 2 of them planned learning.'],
    [{ regulator: 'sssc', goalHours: 10 }, 'Your goal: 10 hours every year.'],
    [{ regulator: 'none', goalHours: 1, cycleMonths: 6 }, 'Your goal: 1 hour every 6 months.'],
    [
      { regulator: 'hcpc' },
      'No hours are set for you. Add your own goal for each 2 years if you like.',
    ],
  ])('%j', (profile, words) => {
    expect(describeGoal(profile)).toBe(words);
  });
});
