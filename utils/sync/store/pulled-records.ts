import type { LearnlogDatabase } from '@/utils/db/database';
import { storedVersions, writeMerge } from '@/utils/db/import-records';
import type { LearningRecord } from '@/utils/db/tables';
import { planMerge } from '@/utils/import/merge';
import type { Changes } from '@/utils/sync/learnlog-client';

/**
 * Saves records pulled from the server (the learner's other devices): a later `updatedAt` wins,
 * as in an import; deletions are applied as tombstones. Pulled changes are not queued back to
 * the server, which already has them: the server's state is written instead.
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
