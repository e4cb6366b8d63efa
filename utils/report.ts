import { addMonths, addDays, compareDates, formatUkDate } from '@/utils/iso-date';
import {
  currentCycle,
  summariseDays,
  dayTotalsOf,
  type LearningSummary,
} from '@/utils/profile/goals';
import type { LearningRecord } from '@/utils/records';
import type { ProfileSettings } from '@/utils/settings';

/**
 * The printable CPD report (issue #6): the learner's records for a period, grouped by month,
 * with totals against the cycle goal: what an NMC, HCPC or SSSC reviewer expects to see.
 */

export const REPORT_PERIODS = ['cycle', 'year', 'twelve-months', 'all', 'custom'] as const;
export type ReportPeriod = (typeof REPORT_PERIODS)[number];

export interface ReportRange {
  from: string;
  to: string;
}

export function rangeFor(
  period: ReportPeriod,
  profile: ProfileSettings,
  today: string,
  custom: ReportRange,
  earliest: string | undefined,
): ReportRange {
  switch (period) {
    case 'cycle': {
      const cycle = currentCycle(profile, today);
      return { from: cycle.start, to: cycle.end };
    }
    case 'year':
      return { from: `${today.slice(0, 4)}-01-01`, to: today };
    case 'twelve-months':
      return { from: addDays(addMonths(today, -12), 1), to: today };
    case 'all':
      return { from: earliest ?? today, to: today };
    case 'custom':
      return custom;
  }
}

export interface ReportMonth {
  /** "November 2026" */
  label: string;
  records: LearningRecord[];
  seconds: number;
}

export interface Report {
  range: ReportRange;
  rangeLabel: string;
  months: ReportMonth[];
  recordCount: number;
  seconds: number;
  participatorySeconds: number;
  plannedRecords: number;
  /** Progress in the current cycle (the goal is per cycle, whatever period is printed). */
  cycle: LearningSummary;
  /** How many records relate to each standard, most first. */
  standards: { id: string; records: number }[];
}

const monthLabel = (month: string) =>
  new Date(`${month}-01T12:00:00Z`).toLocaleDateString('en-GB', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });

export function buildReport(
  records: readonly LearningRecord[],
  profile: ProfileSettings,
  range: ReportRange,
  today: string,
): Report {
  const live = records.filter((record) => record.deletedAt === undefined);
  const inRange = live
    .filter((record) => record.date >= range.from && record.date <= range.to)
    .sort((a, b) => compareDates(a.date, b.date) || a.createdAt - b.createdAt);
  const months: ReportMonth[] = [];
  const standards = new Map<string, number>();
  let seconds = 0;
  let participatorySeconds = 0;
  let plannedRecords = 0;
  for (const record of inRange) {
    const key = record.date.slice(0, 7);
    let month = months.at(-1);
    if (!month || month.records[0]!.date.slice(0, 7) !== key) {
      month = { label: monthLabel(key), records: [], seconds: 0 };
      months.push(month);
    }
    month.records.push(record);
    month.seconds += record.creditedSeconds;
    seconds += record.creditedSeconds;
    if (record.participatory) participatorySeconds += record.creditedSeconds;
    if (record.planned) plannedRecords += 1;
    for (const standard of record.standards)
      standards.set(standard, (standards.get(standard) ?? 0) + 1);
  }
  return {
    range,
    rangeLabel: `${formatUkDate(range.from)} to ${formatUkDate(range.to)}`,
    months,
    recordCount: inRange.length,
    seconds,
    participatorySeconds,
    plannedRecords,
    cycle: summariseDays(dayTotalsOf(live), profile, today),
    standards: [...standards.entries()]
      .map(([id, count]) => ({ id, records: count }))
      .sort((a, b) => b.records - a.records || compareDates(a.id, b.id)),
  };
}
