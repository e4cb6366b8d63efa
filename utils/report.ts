import { formatDuration } from '@/utils/duration';
import { addMonths, addDays, compareDates, formatUkDate } from '@/utils/iso-date';
import { KIND_LABELS } from '@/utils/kind-labels';
import {
  currentCycle,
  describeGoal,
  summariseDays,
  dayTotalsOf,
  type LearningSummary,
} from '@/utils/profile/goals';
import { REGULATORS } from '@/utils/profile/regulators';
import type { LearningRecord } from '@/utils/records';
import type { ProfileSettings } from '@/utils/settings';

/**
 * The printable CPD report: the learner's records for a period, grouped by month,
 * with totals against the cycle goal: what an NMC, HCPC or SSSC reviewer expects to see.
 */

export const REPORT_PERIODS = ['cycle', 'year', 'twelve-months', 'all', 'custom'] as const;
export type ReportPeriod = (typeof REPORT_PERIODS)[number];

export const REPORT_PERIOD_LABELS: Record<ReportPeriod, string> = {
  cycle: 'This cycle',
  year: 'This calendar year',
  'twelve-months': 'The last 12 months',
  all: 'All records',
  custom: 'Dates I choose',
};

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

/** The earliest learning date among `records`, for "All records". */
export function earliestDate(records: readonly LearningRecord[]): string | undefined {
  return records.reduce<string | undefined>(
    (min, record) => (min === undefined || record.date < min ? record.date : min),
    undefined,
  );
}

/** The report for a chosen period: what the report page shows, worked out here. */
export function reportFor(
  records: readonly LearningRecord[],
  profile: ProfileSettings,
  period: ReportPeriod,
  custom: ReportRange,
  today: string,
): Report {
  const range = rangeFor(period, profile, today, custom, earliestDate(records));
  return buildReport(records, profile, range, today);
}

/** A time on the report: "2 hours 30 minutes", or "none". */
export const reportTime = (seconds: number) => (seconds === 0 ? 'none' : formatDuration(seconds));

/**
 * The goal and this cycle's progress in one sentence: "NMC … In the current cycle (1 April 2024
 * to 31 March 2027): 12 hours, 4 hours participatory — goal not yet met."
 */
export function describeCycleProgress(report: Report, profile: ProfileSettings): string {
  const { cycle } = report;
  const parts = [reportTime(cycle.cycleSeconds)];
  if (cycle.targets.participatorySeconds !== undefined)
    parts.push(`${reportTime(cycle.participatorySeconds)} participatory`);
  if (cycle.targets.records !== undefined)
    parts.push(`${cycle.cycleRecords} records (${cycle.plannedRecords} planned)`);
  const verdict =
    cycle.goalMet === true
      ? ' — goal met.'
      : cycle.goalMet === false
        ? ' — goal not yet met.'
        : '.';
  return `${describeGoal(profile)} In the current cycle (${formatUkDate(cycle.cycle.start)} to ${formatUkDate(cycle.cycle.end)}): ${parts.join(', ')}${verdict}`;
}

/** One record's facts under its title: date, type, time and how it counts. */
export function recordFacts(record: LearningRecord, profile: ProfileSettings): string {
  const facts = [
    formatUkDate(record.date),
    record.typeLabel ?? KIND_LABELS[record.kind],
    formatDuration(record.creditedSeconds),
  ];
  if (record.participatory) facts.push('participatory');
  if (REGULATORS[profile.regulator].asksPlanned)
    facts.push(record.planned ? 'planned' : 'unplanned');
  if (record.recordedEarly) facts.push('recorded before the stated duration');
  return facts.join(' · ');
}
