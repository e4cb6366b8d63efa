import type { LearnlogDatabase } from '@/utils/db/database';
import type { SyncSwitch } from '@/utils/db/tables';

/**
 * The outbox as record writers see it. A record change and its outbox entry are written in ONE
 * transaction, so a change is never lost between saving and syncing; the entry names the record
 * only, and sync sends whatever the record is when it drains (edits made while offline are sent
 * once, as their latest version). Everything else about sync's storage is in utils/sync/store/.
 */

/** The tables a record change must include in its transaction to queue itself. */
export const outboxTables = (db: LearnlogDatabase) => [db.meta, db.outbox] as const;

/** The sync switch: whether sync is on, and to which server. */
export function syncSwitch(db: LearnlogDatabase): Promise<SyncSwitch | undefined> {
  return db.meta.get('sync');
}

export async function isSyncOn(db: LearnlogDatabase): Promise<boolean> {
  return (await syncSwitch(db))?.enabled === true;
}

/**
 * Queues changed records if sync is on. Call inside the transaction that changes them (with
 * `outboxTables(db)` in its scope): the check and the write then see the same state as the
 * change, even if the learner turns sync on at that moment.
 */
export async function queueChanges(
  db: LearnlogDatabase,
  recordIds: readonly string[],
  now: number,
): Promise<void> {
  if (recordIds.length === 0 || !(await isSyncOn(db))) return;
  await db.outbox.bulkPut(recordIds.map((recordId) => ({ recordId, queuedAt: now })));
}
