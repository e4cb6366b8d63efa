import type { LearnlogDatabase } from '@/utils/db/database';
import { storedVersions, writeMerge } from '@/utils/db/import-records';
import { planMerge } from '@/utils/import/merge';
import type { LearningRecord } from '@/utils/records';
import type { Changes } from '@/utils/sync/learnlog-client';
import type { PushItem, PushResult } from '@/utils/sync/push-result';

/** The sync engine's reads and writes (issue #7). */

/** The oldest `limit` outbox entries, with their records and what the server holds of them. */
export async function nextOutboxItems(db: LearnlogDatabase, limit: number): Promise<PushItem[]> {
  return db.transaction('r', [db.outbox, db.records, db.syncStates], async () => {
    const entries = await db.outbox.orderBy('queuedAt').limit(limit).toArray();
    const ids = entries.map((entry) => entry.recordId);
    const [records, states] = await Promise.all([
      db.records.bulkGet(ids),
      db.syncStates.bulkGet(ids),
    ]);
    return ids.map((recordId, i) => ({ recordId, record: records[i], state: states[i] }));
  });
}

/**
 * Saves what the server now holds. An entry leaves the outbox only if its record has not
 * changed since it was read for sending: a change made meanwhile is sent next time round.
 */
export async function commitPushResults(
  db: LearnlogDatabase,
  results: readonly PushResult[],
): Promise<void> {
  if (results.length === 0) return;
  await db.transaction('rw', [db.outbox, db.records, db.syncStates], async () => {
    await db.syncStates.bulkPut(results.map((result) => result.state));
    const records = await db.records.bulkGet(results.map((result) => result.recordId));
    const finished = results.filter(
      (result, i) => result.finished && records[i]?.updatedAt === result.sentUpdatedAt,
    );
    await db.outbox.bulkDelete(finished.map((result) => result.recordId));
  });
}

/**
 * Saves records pulled from the server (the learner's other devices): a later `updatedAt` wins,
 * as in an import; deletions are applied as tombstones. Pulled changes are not queued back to
 * the server, which already has them.
 */
export async function applyPulledChanges(
  db: LearnlogDatabase,
  changes: Pick<Changes, 'records' | 'deletions'>,
): Promise<{ written: number }> {
  return db.transaction('rw', [db.records, db.dayTotals, db.syncStates], async () => {
    const ids = [...changes.records, ...changes.deletions];
    const existing = await storedVersions(db, ids);
    const incoming: LearningRecord[] = [...changes.records];
    for (const { id, deletedAt } of changes.deletions) {
      const local = existing.get(id);
      // A delete of a record this device never had has nothing to delete.
      if (local && local.deletedAt === undefined)
        incoming.push({ ...local, deletedAt, updatedAt: deletedAt });
    }
    // One version per id, the latest: a page naming a record twice must not count it twice.
    const latest = new Map<string, LearningRecord>();
    for (const record of incoming) {
      const seen = latest.get(record.id);
      if (!seen || record.updatedAt > seen.updatedAt) latest.set(record.id, record);
    }
    const plan = planMerge(existing, [...latest.values()]);
    await writeMerge(db, plan.writes);
    await db.syncStates.bulkPut(
      plan.writes.map(({ after }) => ({ recordId: after.id, syncedUpdatedAt: after.updatedAt })),
    );
    return { written: plan.writes.length };
  });
}
