import type { LearnlogDatabase } from '@/utils/db/database';
import { refreshDays } from '@/utils/db/day-totals';
import { outboxTables, queueChanges } from '@/utils/db/outbox';
import { fieldLabel } from '@/utils/export/columns';
import {
  changedFields,
  compareNewestFirst,
  editRecord,
  fieldsChangedSince,
  markDeleted,
  markRestored,
  type LearningRecord,
  type RecordContent,
  type RecordResult,
} from '@/utils/records';

/**
 * Writing records. Each change is one IndexedDB transaction that re-reads the record, so an
 * edit in the log and a delete in another window cannot half-apply or resurrect each other,
 * that refreshes the day totals of the dates it touches (`day-totals.ts`), and that queues the
 * change for sync when sync is on (`outbox.ts`).
 */

const recordTables = (db: LearnlogDatabase) => [db.records, db.dayTotals, ...outboxTables(db)];

export async function addRecord(db: LearnlogDatabase, record: LearningRecord): Promise<void> {
  await db.transaction('rw', recordTables(db), async () => {
    await db.records.add(record);
    await refreshDays(db, [record.date]);
    await queueChanges(db, [record.id], record.updatedAt);
  });
}

export async function saveEdit(
  db: LearnlogDatabase,
  id: string,
  changes: Partial<RecordContent>,
  now: Date,
): Promise<RecordResult> {
  return db.transaction('rw', recordTables(db), () => writeEdit(db, id, () => changes, now));
}

/**
 * Saves the learner's edit of `base` (the record as their form opened it): only the fields they
 * changed, over the latest version, so an edit made meanwhile in another window or pulled by
 * sync is kept. If one of those fields was also changed meanwhile, the edit is refused, with
 * nothing saved, rather than one change silently undoing the other.
 */
export async function saveEditOf(
  db: LearnlogDatabase,
  base: LearningRecord,
  edited: Partial<RecordContent>,
  now: Date,
): Promise<RecordResult> {
  const changes = changedFields(base, edited);
  return db.transaction('rw', recordTables(db), () =>
    writeEdit(
      db,
      base.id,
      (latest) => {
        if (latest.updatedAt === base.updatedAt) return changes;
        const clashes = fieldsChangedSince(base, latest, Object.keys(changes));
        return clashes.length > 0 ? clashMessage(clashes) : changes;
      },
      now,
    ),
  );
}

const clashMessage = (fields: readonly string[]) =>
  `This record was changed somewhere else while you were editing it (in another window, or by sync from another device): ${fields.map(fieldLabel).join(', ')}. Nothing was saved. Close this form and open the record again to see the latest.`;

/** One edit inside its transaction: `changesFor` sees the latest record and says what to apply. */
async function writeEdit(
  db: LearnlogDatabase,
  id: string,
  changesFor: (latest: LearningRecord) => Partial<RecordContent> | string,
  now: Date,
): Promise<RecordResult> {
  const existing = await db.records.get(id);
  if (!existing || existing.deletedAt !== undefined) {
    return { ok: false, error: 'This record has been deleted, so it cannot be changed.' };
  }
  const changes = changesFor(existing);
  if (typeof changes === 'string') return { ok: false, error: changes };
  if (Object.keys(changes).length === 0) return { ok: true, record: existing };
  const result = editRecord(existing, changes, now);
  if (result.ok) {
    await db.records.put(result.record);
    await refreshDays(db, [existing.date, result.record.date]);
    await queueChanges(db, [id], result.record.updatedAt);
  }
  return result;
}

export async function deleteRecord(db: LearnlogDatabase, id: string, now: number): Promise<void> {
  await db.transaction('rw', recordTables(db), async () => {
    const existing = await db.records.get(id);
    if (existing && existing.deletedAt === undefined) {
      await db.records.put(markDeleted(existing, now));
      await refreshDays(db, [existing.date]);
      await queueChanges(db, [id], now);
    }
  });
}

export async function undoDelete(db: LearnlogDatabase, id: string, now: number): Promise<void> {
  await db.transaction('rw', recordTables(db), async () => {
    const existing = await db.records.get(id);
    if (existing?.deletedAt !== undefined) {
      await db.records.put(markRestored(existing, now));
      await refreshDays(db, [existing.date]);
      await queueChanges(db, [id], now);
    }
  });
}

/** Every record not deleted, in no particular order (the log sorts as the learner asks). */
export async function liveRecords(db: LearnlogDatabase): Promise<LearningRecord[]> {
  const all = await db.records.toArray();
  return all.filter((record) => record.deletedAt === undefined);
}

/** The most recent records (not deleted), newest first. */
export async function recentRecords(
  db: LearnlogDatabase,
  limit: number,
): Promise<LearningRecord[]> {
  const live: LearningRecord[] = [];
  // Walk the date index newest first; stop once `limit` live records are found and the walk
  // has left their oldest date (records of one day are then ordered by creation time).
  await db.records
    .orderBy('date')
    .reverse()
    .until((record) => live.length >= limit && record.date < live[limit - 1]!.date)
    .each((record) => {
      if (record.deletedAt === undefined) live.push(record);
    });
  return live.sort(compareNewestFirst).slice(0, limit);
}
