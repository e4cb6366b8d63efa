import type { LearnlogDatabase } from '@/utils/db/database';
import { dayTotalsOf, type DayTotal } from '@/utils/profile/goals';
import type { LearningRecord } from '@/utils/records';

/**
 * The `dayTotals` table: per-day sums of live records, derived from `records`. Every write to
 * `records` refreshes the days it touches inside the same transaction (records-store.ts), so the
 * two never disagree; `repairDayTotals` rebuilds the table if they ever do (a write from outside
 * Learnlog's code, a bug).
 */

/** Recomputes the given days from their records. Call inside a rw transaction on both tables. */
export async function refreshDays(db: LearnlogDatabase, dates: Iterable<string>): Promise<void> {
  for (const date of new Set(dates)) {
    const records = await db.records.where('date').equals(date).toArray();
    const [total] = dayTotalsOf(records);
    if (total) await db.dayTotals.put(total);
    else await db.dayTotals.delete(date);
  }
}

/** Day totals from `from` onwards: what the popup's summary needs. */
export async function dayTotalsSince(db: LearnlogDatabase, from: string): Promise<DayTotal[]> {
  return db.dayTotals.where('date').aboveOrEqual(from).toArray();
}

const sameTotals = (a: readonly DayTotal[], b: readonly DayTotal[]) =>
  a.length === b.length &&
  a.every((day, index) => {
    const other = b[index]!;
    return (
      day.date === other.date &&
      day.seconds === other.seconds &&
      day.participatorySeconds === other.participatorySeconds &&
      day.records === other.records &&
      day.plannedRecords === other.plannedRecords
    );
  });

/**
 * Compares the stored totals with totals of `records` (all records, as the log holds them) and
 * rebuilds the table from the database when they differ. Returns true when it repaired.
 */
export async function repairDayTotals(
  db: LearnlogDatabase,
  records: readonly LearningRecord[],
): Promise<boolean> {
  const stored = await db.dayTotals.orderBy('date').toArray();
  if (sameTotals(stored, dayTotalsOf(records))) return false;
  await db.transaction('rw', db.records, db.dayTotals, async () => {
    const all = await db.records.toArray();
    await db.dayTotals.clear();
    await db.dayTotals.bulkPut(dayTotalsOf(all));
  });
  return true;
}
