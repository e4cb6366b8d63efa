import type { LearnlogDatabase } from '@/utils/db/database';
import type { LearningRecord } from '@/utils/records';

/**
 * The sync outbox (issue #7). A record change and its outbox entry are written in ONE
 * transaction, so a change is never lost between saving and syncing; the entry names the record
 * only, and the sync sends whatever the record is when it drains (edits made while offline are
 * sent once, as their latest version).
 */

export interface OutboxEntry {
  recordId: string;
  /** When the change was queued: the outbox drains oldest first. */
  queuedAt: number;
}

/** What the server holds of one record, as far as Learnlog knows. */
export interface RecordSyncState {
  recordId: string;
  /** `updatedAt` of the version the server last accepted (or already had). */
  syncedUpdatedAt?: number;
  /** xAPI: the statement on the LRS that stands for the record now (not voided). */
  statementId?: string;
  /** Why the server refused the latest version (shown on the record). */
  error?: string;
}

/** Whether sync is on, and to which server. Absent until the learner first turns sync on. */
export interface SyncMeta {
  key: 'sync';
  targetKey: string;
  enabled: boolean;
}

/** The tables a record change must include in its transaction to queue itself. */
export const outboxTables = (db: LearnlogDatabase) => [db.meta, db.outbox] as const;

export async function isSyncOn(db: LearnlogDatabase): Promise<boolean> {
  return (await db.meta.get('sync'))?.enabled === true;
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

/**
 * Whether a record needs sending: the server has not got this version, and it is not a record
 * deleted before the server ever heard of it.
 */
export function needsSending(record: LearningRecord, state: RecordSyncState | undefined): boolean {
  if (state?.syncedUpdatedAt === record.updatedAt) return false;
  if (record.deletedAt !== undefined && state?.syncedUpdatedAt === undefined) return false;
  return true;
}

/**
 * Turns sync on for `targetKey`: a new server starts with nothing (its states are cleared); then
 * every record the server lacks is queued, in the same transaction as the switch.
 */
export async function turnSyncOn(
  db: LearnlogDatabase,
  targetKey: string,
  now: number,
): Promise<{ queued: number }> {
  return db.transaction('rw', [db.meta, db.outbox, db.syncStates, db.records], async () => {
    const meta = await db.meta.get('sync');
    if (meta?.enabled && meta.targetKey === targetKey) return { queued: 0 };
    if (meta?.targetKey !== targetKey) await db.syncStates.clear();
    await db.outbox.clear();
    await db.meta.put({ key: 'sync', targetKey, enabled: true });
    const states = new Map((await db.syncStates.toArray()).map((state) => [state.recordId, state]));
    const pending: OutboxEntry[] = [];
    // Oldest first, so the server receives the learner's history in order.
    await db.records.orderBy('date').each((record) => {
      if (needsSending(record, states.get(record.id)))
        pending.push({ recordId: record.id, queuedAt: now });
    });
    await db.outbox.bulkPut(pending);
    return { queued: pending.length };
  });
}

/** Turns sync off: nothing more is queued and what was waiting is dropped (states are kept). */
export async function turnSyncOff(db: LearnlogDatabase): Promise<void> {
  if (!(await isSyncOn(db))) return;
  await db.transaction('rw', db.meta, db.outbox, async () => {
    const meta = await db.meta.get('sync');
    if (meta) await db.meta.put({ ...meta, enabled: false });
    await db.outbox.clear();
  });
}

/** Records the server refused (a 4xx other than sign-in or conflict), from the `error` index. */
export function refusedRecordIds(db: LearnlogDatabase): Promise<string[]> {
  return db.syncStates.orderBy('error').primaryKeys();
}

/** How many records the server refused. */
export function refusedCount(db: LearnlogDatabase): Promise<number> {
  return db.syncStates.orderBy('error').count();
}

/** Puts failed records back in the outbox (the learner asked to try them again). */
export async function requeueFailed(db: LearnlogDatabase, now: number): Promise<number> {
  return db.transaction('rw', [db.meta, db.outbox, db.syncStates], async () => {
    if (!(await isSyncOn(db))) return 0;
    const failed = await refusedRecordIds(db);
    await db.outbox.bulkPut(failed.map((recordId) => ({ recordId, queuedAt: now })));
    return failed.length;
  });
}
