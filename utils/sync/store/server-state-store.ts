import type { LearnlogDatabase } from '@/utils/db/database';
import { isSyncOn, syncSwitch } from '@/utils/db/outbox';
import type { LearningRecord, OutboxEntry, RecordSyncState } from '@/utils/db/tables';
import type { PushItem, PushResult } from '@/utils/sync/client';

/**
 * What each server holds: the sync switch (`meta`), the current server's record states
 * (`syncStates`), other servers' states put aside (`syncArchive`), and the outbox as the sync
 * engine drains it.
 */

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
    const current = await syncSwitch(db);
    if (current?.enabled && current.targetKey === targetKey) return { queued: 0 };
    if (current && current.targetKey !== targetKey) {
      await db.syncArchive.put({
        targetKey: current.targetKey,
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
    const current = await syncSwitch(db);
    if (current) await db.meta.put({ ...current, enabled: false });
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
