// @vitest-environment node
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dayTotalsSince } from '@/utils/db/day-totals';
import { importRecords } from '@/utils/db/import-records';
import { addRecord, deleteRecord, saveEdit } from '@/utils/db/records-store';
import { dayTotalsOf } from '@/utils/profile/goals';
import { makeRecords } from '@/tests/support/make-records';
import { startSyncServer, type SyncServer } from '@/tests/support/sync-server';
import { learnlogConfig, syncHarness } from '@/tests/support/sync-harness';

/** The sync engine against the reference Learnlog API server, push and pull. */
describe('sync with the Learnlog JSON API', () => {
  let server: SyncServer;
  let harness: ReturnType<typeof syncHarness>;
  const now = new Date(2026, 10, 26, 12);

  beforeEach(async () => {
    server = await startSyncServer();
    harness = syncHarness(learnlogConfig(server));
  });
  afterEach(async () => {
    await server.close();
    harness.world.db.close();
    await Dexie.delete(harness.world.db.name);
  });

  it('puts every record, then an edit, then a delete as a tombstone', async () => {
    const db = harness.world.db;
    const records = makeRecords(4);
    await importRecords(db, records);
    await harness.engine.drain();
    expect(harness.world.status.state).toBe('idle');
    for (const record of records) expect(server.records.get(record.id)).toEqual(record);

    const edited = await saveEdit(db, records[0]!.id, { notes: 'Shared at handover.' }, now);
    await deleteRecord(db, records[1]!.id, now.getTime() + 5);
    await harness.engine.drain();
    if (!edited.ok) throw new Error(edited.error);
    expect(server.records.get(records[0]!.id)).toEqual(edited.record);
    expect(server.records.get(records[1]!.id)).toMatchObject({
      deletedAt: (await db.records.get(records[1]!.id))!.updatedAt,
    });
    expect(await db.outbox.count()).toBe(0);
    expect([...server.recordWrites.values()].reduce((a, b) => a + b, 0)).toBe(6);
  });

  it('a delete reaches the server even when this device’s clock has gone back', async () => {
    const db = harness.world.db;
    const [record] = makeRecords(1);
    const edited = { ...record!, updatedAt: now.getTime() + 3_600_000 };
    await addRecord(db, edited);
    await harness.engine.drain();
    // Deleted "an hour earlier" than the version the server has.
    await deleteRecord(db, record!.id, now.getTime());
    await harness.engine.drain();
    expect(server.records.get(record!.id)?.deletedAt).toBeDefined();
    expect(await db.outbox.count()).toBe(0);
  });

  it('a delete is passed on even when this device never sent the record (another device may have)', async () => {
    const db = harness.world.db;
    const [record] = makeRecords(1);
    // The laptop sent the record; this device has it from a backup and deletes it before its
    // first sync.
    server.seedRecord(record);
    await importRecords(db, [record!]);
    await deleteRecord(db, record!.id, now.getTime());
    await harness.engine.drain();
    expect(server.records.get(record!.id)?.deletedAt).toBeDefined();
    expect(server.requests.filter((r) => r.method === 'DELETE')).toHaveLength(1);
  });

  it('pulls what the learner recorded on another device, with day totals, without sending it back', async () => {
    const db = harness.world.db;
    const [mine] = makeRecords(1, { seed: 1 });
    const fromLaptop = makeRecords(3, { seed: 2 });
    await addRecord(db, mine!);
    for (const record of fromLaptop) server.seedRecord(record);
    await harness.engine.drain();

    for (const record of fromLaptop) {
      expect(await db.records.get(record.id)).toEqual(record);
      expect((await db.syncStates.get(record.id))?.syncedUpdatedAt).toBe(record.updatedAt);
    }
    const all = await db.records.toArray();
    expect(await dayTotalsSince(db, '0000-01-01')).toEqual(dayTotalsOf(all));
    expect(await db.outbox.count()).toBe(0);
    // Pulled records were not PUT back.
    expect(server.requests.filter((r) => r.method === 'PUT')).toHaveLength(1);
    expect(harness.world.status.pullCursor).toBeDefined();

    // The next pull starts from the cursor: nothing new, nothing written.
    await harness.engine.drain();
    expect(await db.records.count()).toBe(4);
  });

  it('pulls a delete made elsewhere, and pages through many changes', async () => {
    const db = harness.world.db;
    const records = makeRecords(3);
    await importRecords(db, records);
    await harness.engine.drain();
    server.seedRecord({
      ...records[0]!,
      deletedAt: now.getTime() + 60_000,
      updatedAt: now.getTime() + 60_000,
    });
    for (const record of makeRecords(1_200, { seed: 5 })) server.seedRecord(record);
    await harness.engine.drain();
    expect((await db.records.get(records[0]!.id))?.deletedAt).toBe(now.getTime() + 60_000);
    expect(await db.records.count()).toBe(1_203);
    expect(server.requests.filter((r) => r.method === 'GET').length).toBeGreaterThanOrEqual(4);
  });

  it('a later version on the server wins: 409 counts as done and the pull brings the newer one', async () => {
    const db = harness.world.db;
    const [record] = makeRecords(1);
    await addRecord(db, record!);
    await harness.engine.drain();
    const newer = { ...record!, title: 'Edited on the laptop', updatedAt: now.getTime() + 120_000 };
    server.seedRecord(newer);
    // An older edit here loses.
    await saveEdit(db, record!.id, { title: 'Edited on this device' }, now);
    await harness.engine.drain();
    expect(server.requests.some((r) => r.method === 'PUT' && r.status === 409)).toBe(true);
    expect(await db.records.get(record!.id)).toEqual(newer);
    expect(server.records.get(record!.id)).toEqual(newer);
    expect(await db.outbox.count()).toBe(0);
  });

  it('an unreadable pull changes nothing and says so; what was sent still counts', async () => {
    const db = harness.world.db;
    await addRecord(db, makeRecords(1)[0]!);
    server.injectFault(
      {
        kind: 'status',
        status: 200,
        body: JSON.stringify({
          records: [{ id: 'not-a-record', title: '<b>x</b>' }],
          deletions: [],
          cursor: '9',
          more: false,
        }),
      },
      { match: { method: 'GET' } },
    );
    const before = await db.records.toArray();
    await harness.engine.drain();
    expect(await db.records.toArray()).toEqual(before);
    expect(harness.world.status.state).toBe('idle');
    expect(harness.world.status.pullProblem).toContain('cannot read');
    expect(harness.world.status.pullCursor).toBeUndefined();
    expect(server.records.size).toBe(1);
  });

  it('a wrong token stops syncing with a plain message', async () => {
    harness.world.config = { ...learnlogConfig(server), credentials: { token: 'expired' } };
    await addRecord(harness.world.db, makeRecords(1)[0]!);
    await harness.engine.drain();
    expect(harness.world.status).toMatchObject({ state: 'stopped' });
    expect(harness.world.status.message).toContain('error 401');
    expect(await harness.world.db.outbox.count()).toBe(1);
  });
});
