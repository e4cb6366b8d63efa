import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LearnlogDatabase } from '@/utils/db/database';
import { importRecords } from '@/utils/db/import-records';
import { addRecord, deleteRecord, saveEdit } from '@/utils/db/records-store';
import {
  commitPushResults,
  needsSending,
  nextOutboxItems,
  requeueFailed,
  turnSyncOff,
  turnSyncOn,
} from '@/utils/sync/store/server-state-store';
import { makeRecords } from '@/tests/support/make-records';

const TARGET = 'xapi https://lrs.example.org/xapi/';
const queued = async (db: LearnlogDatabase) =>
  (await db.outbox.toCollection().primaryKeys()).sort();

describe('what each server holds, and the outbox drain', () => {
  let db: LearnlogDatabase;
  const now = new Date(2026, 10, 26, 12);

  beforeEach(() => {
    db = new LearnlogDatabase(`outbox-${crypto.randomUUID()}`);
  });
  afterEach(async () => {
    db.close();
    await Dexie.delete(db.name);
  });

  it('turning sync on queues every record the server lacks, but not ones deleted before it heard of them', async () => {
    const records = makeRecords(6);
    await importRecords(db, records);
    await deleteRecord(db, records[0]!.id, now.getTime());
    const { queued: count } = await turnSyncOn(db, TARGET, now.getTime());
    expect(count).toBe(5);
    expect(await queued(db)).toEqual(
      records
        .slice(1)
        .map((r) => r.id)
        .sort(),
    );
    // Turning it on again for the same server changes nothing.
    expect((await turnSyncOn(db, TARGET, now.getTime())).queued).toBe(0);
  });

  it('turning sync off drops what was waiting; on again queues only what the server has not got', async () => {
    const records = makeRecords(3);
    await importRecords(db, records);
    await turnSyncOn(db, TARGET, now.getTime());
    // The server got the first record.
    await db.syncStates.put({ recordId: records[0]!.id, syncedUpdatedAt: records[0]!.updatedAt });
    await turnSyncOff(db);
    expect(await db.outbox.count()).toBe(0);
    await addRecord(db, makeRecords(1, { seed: 9 })[0]!);
    expect(await db.outbox.count()).toBe(0);
    await turnSyncOn(db, TARGET, now.getTime());
    expect(await db.outbox.count()).toBe(3);
    expect(await db.outbox.get(records[0]!.id)).toBeUndefined();
  });

  it('a new server starts afresh: what the old one held says nothing about the new one', async () => {
    const records = makeRecords(2);
    await importRecords(db, records);
    await turnSyncOn(db, TARGET, now.getTime());
    for (const record of records)
      await db.syncStates.put({ recordId: record.id, syncedUpdatedAt: record.updatedAt });
    await db.outbox.clear();
    await turnSyncOn(db, 'learnlog https://app.example.org/api/', now.getTime());
    expect(await db.syncStates.count()).toBe(0);
    expect(await db.outbox.count()).toBe(2);
  });

  it('needsSending: a deleted record the server has must be sent; one it never had need not', () => {
    const [record] = makeRecords(1);
    const deleted = { ...record!, deletedAt: 5, updatedAt: record!.updatedAt + 1 };
    expect(needsSending(record!, undefined)).toBe(true);
    expect(
      needsSending(record!, { recordId: record!.id, syncedUpdatedAt: record!.updatedAt }),
    ).toBe(false);
    expect(needsSending(deleted, undefined)).toBe(false);
    expect(
      needsSending(deleted, { recordId: record!.id, syncedUpdatedAt: record!.updatedAt }),
    ).toBe(true);
  });

  it('an entry leaves the outbox only if its record did not change while it was being sent', async () => {
    await turnSyncOn(db, TARGET, now.getTime());
    const [a, b] = makeRecords(2);
    await addRecord(db, a!);
    await addRecord(db, b!);
    const items = await nextOutboxItems(db, 10);
    expect(items.map((item) => item.record?.id).sort()).toEqual([a!.id, b!.id].sort());
    // The learner edits `a` while the request is on its way.
    await saveEdit(db, a!.id, { title: 'Edited meanwhile' }, now);
    await commitPushResults(
      db,
      items.map((item) => ({
        recordId: item.recordId,
        sentUpdatedAt: item.record!.updatedAt,
        state: { recordId: item.recordId, syncedUpdatedAt: item.record!.updatedAt },
        finished: true,
      })),
    );
    expect(await queued(db)).toEqual([a!.id]);
    expect((await db.syncStates.get(b!.id))?.syncedUpdatedAt).toBe(b!.updatedAt);
  });

  it('refused records can be queued again', async () => {
    await turnSyncOn(db, TARGET, now.getTime());
    await db.syncStates.bulkPut([
      { recordId: 'r1', error: 'The server refused this record (error 400).' },
      { recordId: 'r2', syncedUpdatedAt: 5 },
    ]);
    expect(await requeueFailed(db, now.getTime())).toBe(1);
    expect(await queued(db)).toEqual(['r1']);
  });
});
