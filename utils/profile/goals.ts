import { addDays, addMonths, compareDates } from '@/utils/iso-date';
import { REGULATORS, type Regulator } from '@/utils/profile/regulators';
import type { LearningRecord } from '@/utils/records';
import type { ProfileSettings } from '@/utils/settings';

/** A cycle, both ends inclusive, as calendar dates. */
export interface CycleWindow {
  start: string;
  end: string;
  months: number;
  /** False when the learner has not given their date: the cycle is then the one ending today. */
  dateKnown: boolean;
}

export function cycleMonthsFor(profile: ProfileSettings, regulator: Regulator): number {
  return regulator.goal.kind === 'hours' && regulator.goal.learnerSetsCycle
    ? (profile.cycleMonths ?? regulator.goal.cycleMonths)
    : regulator.goal.cycleMonths;
}

/**
 * The cycle that contains `today`. Cycles end on the learner's date (revalidation, renewal…)
 * and repeat every `months`, so a date already passed rolls on to the next cycle and one set
 * years ahead rolls back to the current one.
 */
export function currentCycle(profile: ProfileSettings, today: string): CycleWindow {
  const regulator = REGULATORS[profile.regulator];
  const months = cycleMonthsFor(profile, regulator);
  const startOf = (end: string) => addDays(addMonths(end, -months), 1);
  if (!profile.cycleEndDate) {
    return { start: startOf(today), end: today, months, dateKnown: false };
  }
  // Jump close in one step, then settle (month arithmetic clamps day 29–31, so settle by loop).
  const [ty, tm] = today.split('-').map(Number) as [number, number];
  const [ey, em] = profile.cycleEndDate.split('-').map(Number) as [number, number];
  const cyclesApart = Math.trunc((ty * 12 + tm - (ey * 12 + em)) / months);
  let end = addMonths(profile.cycleEndDate, cyclesApart * months);
  while (end < today) end = addMonths(end, months);
  while (startOf(end) > today) end = addMonths(end, -months);
  return { start: startOf(end), end, months, dateKnown: true };
}

export interface GoalTargets {
  seconds?: number;
  participatorySeconds?: number;
  records?: number;
  plannedRecords?: number;
}

export interface LearningSummary {
  monthSeconds: number;
  yearSeconds: number;
  cycle: CycleWindow;
  cycleSeconds: number;
  participatorySeconds: number;
  cycleRecords: number;
  plannedRecords: number;
  targets: GoalTargets;
  /** True when every target is met; undefined when there is no target to meet. */
  goalMet: boolean | undefined;
}

export function goalTargets(profile: ProfileSettings): GoalTargets {
  const goal = REGULATORS[profile.regulator].goal;
  if (goal.kind === 'records') {
    return { records: goal.records, plannedRecords: goal.plannedRecords };
  }
  const hours = goal.hours ?? profile.goalHours;
  return {
    ...(hours !== undefined ? { seconds: hours * 3600 } : {}),
    ...(goal.participatoryHours !== undefined
      ? { participatorySeconds: goal.participatoryHours * 3600 }
      : {}),
  };
}

/**
 * One day's totals of live (not deleted) records. Kept in their own table so the popup can show
 * totals and the goal without reading every record (popup interactive with 10,000
 * records in 150 ms); the log recomputes them from the records and repairs any drift.
 */
export interface DayTotal {
  date: string;
  seconds: number;
  participatorySeconds: number;
  records: number;
  plannedRecords: number;
}

/** Day totals of `records`, sorted by date; deleted records are not counted. */
export function dayTotalsOf(records: readonly LearningRecord[]): DayTotal[] {
  const days = new Map<string, DayTotal>();
  for (const record of records) {
    if (record.deletedAt !== undefined) continue;
    let day = days.get(record.date);
    if (!day) {
      day = {
        date: record.date,
        seconds: 0,
        participatorySeconds: 0,
        records: 0,
        plannedRecords: 0,
      };
      days.set(record.date, day);
    }
    day.seconds += record.creditedSeconds;
    day.records += 1;
    if (record.participatory) day.participatorySeconds += record.creditedSeconds;
    if (record.planned) day.plannedRecords += 1;
  }
  return [...days.values()].sort((a, b) => compareDates(a.date, b.date));
}

/** Totals this month, this calendar year and this cycle, against the cycle's goal. */
export function summariseDays(
  days: readonly DayTotal[],
  profile: ProfileSettings,
  today: string,
): LearningSummary {
  const cycle = currentCycle(profile, today);
  const month = today.slice(0, 7);
  const year = today.slice(0, 4);
  let monthSeconds = 0;
  let yearSeconds = 0;
  let cycleSeconds = 0;
  let participatorySeconds = 0;
  let cycleRecords = 0;
  let plannedRecords = 0;
  for (const day of days) {
    if (day.date.startsWith(month)) monthSeconds += day.seconds;
    if (day.date.startsWith(year)) yearSeconds += day.seconds;
    if (day.date >= cycle.start && day.date <= cycle.end) {
      cycleSeconds += day.seconds;
      participatorySeconds += day.participatorySeconds;
      cycleRecords += day.records;
      plannedRecords += day.plannedRecords;
    }
  }
  const targets = goalTargets(profile);
  const checks = [
    targets.seconds === undefined || cycleSeconds >= targets.seconds,
    targets.participatorySeconds === undefined ||
      participatorySeconds >= targets.participatorySeconds,
    targets.records === undefined || cycleRecords >= targets.records,
    targets.plannedRecords === undefined || plannedRecords >= targets.plannedRecords,
  ];
  const hasTarget = Object.keys(targets).length > 0;
  return {
    monthSeconds,
    yearSeconds,
    cycle,
    cycleSeconds,
    participatorySeconds,
    cycleRecords,
    plannedRecords,
    targets,
    goalMet: hasTarget ? checks.every(Boolean) : undefined,
  };
}

/** The same summary straight from records. */
export function summariseLearning(
  records: readonly LearningRecord[],
  profile: ProfileSettings,
  today: string,
): LearningSummary {
  return summariseDays(dayTotalsOf(records), profile, today);
}

/** The earliest date the summary needs, so callers can query only from there. */
export function summaryStartDate(profile: ProfileSettings, today: string): string {
  const { start } = currentCycle(profile, today);
  const yearStart = `${today.slice(0, 4)}-01-01`;
  return start < yearStart ? start : yearStart;
}

/** A period in plain words: 12 → "a year", 36 → "3 years", 6 → "6 months". */
export function periodWords(months: number): string {
  if (months % 12 === 0) return months === 12 ? 'a year' : `${months / 12} years`;
  return `${months} ${months === 1 ? 'month' : 'months'}`;
}

/** The goal in plain words, for the settings page, the popup and the log. */
export function describeGoal(profile: ProfileSettings): string {
  const regulator = REGULATORS[profile.regulator];
  const goal = regulator.goal;
  if (goal.kind === 'records') {
    return `${goal.records} CPD records a year, at least ${goal.plannedRecords} of them planned learning.`;
  }
  const months = cycleMonthsFor(profile, regulator);
  if (goal.hours !== undefined) {
    const participatory =
      goal.participatoryHours !== undefined
        ? `, ${goal.participatoryHours} of them participatory (learning with other people)`
        : '';
    return `${goal.hours} hours of CPD over ${periodWords(months)}${participatory}.`;
  }
  return profile.goalHours !== undefined
    ? `Your goal: ${profile.goalHours} ${profile.goalHours === 1 ? 'hour' : 'hours'} every ${periodWords(months).replace(/^a /, '')}.`
    : `No hours are set for you. Add your own goal for each ${periodWords(months).replace(/^a /, '')} if you like.`;
}

/**
 * Moves a record's contribution in `totals` from its old version to its new one (either may be
 * absent or deleted). Used when many records change at once (import) instead of recounting.
 */
export function applyToDayTotals(
  totals: Map<string, DayTotal>,
  before: LearningRecord | undefined,
  after: LearningRecord | undefined,
): void {
  const add = (record: LearningRecord | undefined, sign: 1 | -1) => {
    if (!record || record.deletedAt !== undefined) return;
    const day = totals.get(record.date) ?? {
      date: record.date,
      seconds: 0,
      participatorySeconds: 0,
      records: 0,
      plannedRecords: 0,
    };
    day.seconds += sign * record.creditedSeconds;
    day.records += sign;
    if (record.participatory) day.participatorySeconds += sign * record.creditedSeconds;
    if (record.planned) day.plannedRecords += sign;
    totals.set(record.date, day);
  };
  add(before, -1);
  add(after, 1);
}
