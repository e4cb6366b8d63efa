import type { LearnlogDatabase } from '@/utils/db/database';
import { planMerge, type MergePlan } from '@/utils/import/merge';
import { outboxTables, queueChanges } from '@/utils/db/outbox';
import { applyToDayTotals, type DayTotal } from '@/utils/profile/goals';
import type { LearningRecord } from '@/utils/records';

export interface ImportCounts {
  added: number;
  updated: number;
  skipped: number;
}

const CHUNK = 5_000;

/** The stored versions of these records' ids. Call inside a transaction on `records`. */
export async function storedVersions(
  db: LearnlogDatabase,
  incoming: readonly Pick<LearningRecord, 'id'>[],
): Promise<Map<string, LearningRecord>> {
  // Which ids exist, from the keys alone (one request), then only those records are read:
  // reading 100,000 records one by one costs seconds, and a restore usually finds none.
  const known = new Set(await db.records.toCollection().primaryKeys());
  const found = await db.records.bulkGet(
    incoming.filter((record) => known.has(record.id)).map((record) => record.id),
  );
  const existing = new Map<string, LearningRecord>();
  for (const record of found) if (record) existing.set(record.id, record);
  return existing;
}

/**
 * Writes a merge plan's records and their day totals. Call inside a rw transaction on `records`
 * and `dayTotals`. Written in chunks so progress can be shown; the transaction stays open
 * because each chunk awaits IndexedDB requests only.
 */
export async function writeMerge(
  db: LearnlogDatabase,
  writes: MergePlan['writes'],
  onProgress?: (written: number, total: number) => void,
): Promise<void> {
  const dates = new Set<string>();
  for (const { before, after } of writes) {
    if (before) dates.add(before.date);
    dates.add(after.date);
  }
  const totals = new Map<string, DayTotal>();
  for (const total of await db.dayTotals.bulkGet([...dates]))
    if (total) totals.set(total.date, total);
  for (const { before, after } of writes) applyToDayTotals(totals, before, after);

  for (let start = 0; start < writes.length; start += CHUNK) {
    const chunk = writes.slice(start, start + CHUNK).map((write) => write.after);
    await db.records.bulkPut(chunk);
    onProgress?.(Math.min(start + CHUNK, writes.length), writes.length);
  }
  const empty = [...totals.values()].filter((day) => day.records === 0);
  await db.dayTotals.bulkDelete(empty.map((day) => day.date));
  await db.dayTotals.bulkPut([...totals.values()].filter((day) => day.records > 0));
}

/**
 * Writes validated records in ONE transaction: either every record and its day
 * totals are written, or, if anything fails, nothing is. With sync on, the written records are
 * queued for the server in the same transaction.
 */
export async function importRecords(
  db: LearnlogDatabase,
  incoming: readonly LearningRecord[],
  onProgress?: (written: number, total: number) => void,
  now = Date.now(),
): Promise<ImportCounts> {
  return db.transaction('rw', [db.records, db.dayTotals, ...outboxTables(db)], async () => {
    const plan = planMerge(await storedVersions(db, incoming), incoming);
    await writeMerge(db, plan.writes, onProgress);
    await queueChanges(
      db,
      plan.writes.map((write) => write.after.id),
      now,
    );
    return { added: plan.added, updated: plan.updated, skipped: plan.skipped };
  });
}
