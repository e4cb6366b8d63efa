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

/**
 * The learner's sync settings, credentials included (`utils/sync/config.ts`). Kept in the
 * extension's IndexedDB, which content scripts cannot reach (they can read `storage.local`).
 * Stored as given; read back through `readSyncConfig`, which validates it.
 */
export interface StoredSyncConfig {
  key: 'config';
  config: unknown;
}

/** The sync states of a server other than the current one. */
export interface SyncArchive {
  targetKey: string;
  states: RecordSyncState[];
}

/** The tables a record change must include in its transaction to queue itself. */
export const outboxTables = (db: LearnlogDatabase) => [db.meta, db.outbox] as const;

function syncSwitch(db: LearnlogDatabase): Promise<SyncMeta | undefined> {
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

/**
 * Whether a record needs sending: the server has not got this version, and it is not a record
 * deleted before the server ever heard of it from this device (unless `sendUnsentDeletes`: the
 * Learnlog API may have it from the learner's other device, so the delete is passed on).
 */
export function needsSending(
  record: LearningRecord,
  state: RecordSyncState | undefined,
  { sendUnsentDeletes = false } = {},
): boolean {
  if (state?.syncedUpdatedAt === record.updatedAt) return false;
  if (!sendUnsentDeletes && record.deletedAt !== undefined && state?.syncedUpdatedAt === undefined)
    return false;
  return true;
}

/**
 * Turns sync on for `targetKey`. Switching server puts the old server's states aside and brings
 * back the new one's, if Learnlog synced with it before (else it starts with nothing); then every
 * record that server lacks is queued, in the same transaction as the switch.
 */
export async function turnSyncOn(
  db: LearnlogDatabase,
  targetKey: string,
  now: number,
  options: { sendUnsentDeletes?: boolean } = {},
): Promise<{ queued: number }> {
  const tables = [db.meta, db.outbox, db.syncStates, db.syncArchive, db.records];
  return db.transaction('rw', tables, async () => {
    const meta = await syncSwitch(db);
    if (meta?.enabled && meta.targetKey === targetKey) return { queued: 0 };
    if (meta && meta.targetKey !== targetKey) {
      await db.syncArchive.put({
        targetKey: meta.targetKey,
        states: await db.syncStates.toArray(),
      });
      await db.syncStates.clear();
      const archived = await db.syncArchive.get(targetKey);
      if (archived) {
        await db.syncStates.bulkPut(archived.states);
        await db.syncArchive.delete(targetKey);
      }
    }
    await db.outbox.clear();
    await db.meta.put({ key: 'sync', targetKey, enabled: true });
    const states = new Map((await db.syncStates.toArray()).map((state) => [state.recordId, state]));
    const pending: OutboxEntry[] = [];
    // Oldest first, so the server receives the learner's history in order: the entries are
    // spread within the millisecond `now` to keep that order in the outbox's index.
    const records = await db.records.orderBy('date').toArray();
    for (const record of records) {
      if (needsSending(record, states.get(record.id), options))
        pending.push({
          recordId: record.id,
          queuedAt: now + pending.length / (records.length + 1),
        });
    }
    await db.outbox.bulkPut(pending);
    return { queued: pending.length };
  });
}

/** Turns sync off: nothing more is queued and what was waiting is dropped (states are kept). */
export async function turnSyncOff(db: LearnlogDatabase): Promise<void> {
  if (!(await isSyncOn(db))) return;
  await db.transaction('rw', db.meta, db.outbox, async () => {
    const meta = await syncSwitch(db);
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
