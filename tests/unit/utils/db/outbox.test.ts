import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LearnlogDatabase } from '@/utils/db/database';
import { importRecords } from '@/utils/db/import-records';
import { queueChanges } from '@/utils/db/outbox';
import { addRecord, deleteRecord, saveEdit, undoDelete } from '@/utils/db/records-store';
import { turnSyncOn } from '@/utils/sync/store/server-state-store';
import { makeRecords } from '@/tests/support/make-records';

const TARGET = 'xapi https://lrs.example.org/xapi/';
const queued = async (db: LearnlogDatabase) =>
  (await db.outbox.toCollection().primaryKeys()).sort();

describe('the sync outbox: record changes queue themselves', () => {
  let db: LearnlogDatabase;
  const now = new Date(2026, 10, 26, 12);

  beforeEach(() => {
    db = new LearnlogDatabase(`outbox-${crypto.randomUUID()}`);
  });
  afterEach(async () => {
    db.close();
    await Dexie.delete(db.name);
  });

  it('queues nothing while sync is off', async () => {
    const [record] = makeRecords(1);
    await addRecord(db, record!);
    await saveEdit(db, record!.id, { title: 'Changed' }, now);
    await deleteRecord(db, record!.id, now.getTime());
    await importRecords(db, makeRecords(5, { seed: 2 }));
    expect(await db.outbox.count()).toBe(0);
  });

  it('with sync on, every kind of record change queues the record in the same transaction', async () => {
    await turnSyncOn(db, TARGET, now.getTime());
    const [a, b] = makeRecords(2);
    await addRecord(db, a!);
    expect(await queued(db)).toEqual([a!.id]);
    await db.outbox.clear();
    await saveEdit(db, a!.id, { title: 'Changed' }, now);
    expect(await queued(db)).toEqual([a!.id]);
    await db.outbox.clear();
    await deleteRecord(db, a!.id, now.getTime() + 1);
    expect(await queued(db)).toEqual([a!.id]);
    await db.outbox.clear();
    await undoDelete(db, a!.id, now.getTime() + 2);
    expect(await queued(db)).toEqual([a!.id]);
    await db.outbox.clear();
    const imported = makeRecords(3, { seed: 3 });
    await importRecords(db, [...imported, b!]);
    expect(await queued(db)).toEqual([...imported, b!].map((r) => r.id).sort());
  });

  it('a change that fails leaves neither the record nor an outbox entry', async () => {
    await turnSyncOn(db, TARGET, now.getTime());
    const [record] = makeRecords(1);
    await addRecord(db, record!);
    await db.outbox.clear();
    // Adding the same id again fails inside the transaction: nothing of it may remain.
    await expect(addRecord(db, { ...record!, title: 'Duplicate' })).rejects.toThrow();
    expect(await db.outbox.count()).toBe(0);
    expect((await db.records.get(record!.id))?.title).toBe(record!.title);
  });

  it('queueChanges outside a sync-on database writes nothing', async () => {
    await queueChanges(db, ['a', 'b'], 1);
    expect(await db.outbox.count()).toBe(0);
  });
});
