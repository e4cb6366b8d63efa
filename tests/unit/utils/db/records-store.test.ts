import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LearnlogDatabase } from '@/utils/db/database';
import {
  addRecord,
  deleteRecord,
  liveRecords,
  recentRecords,
  saveEdit,
  undoDelete,
} from '@/utils/db/records-store';
import { dayTotalsSince, repairDayTotals } from '@/utils/db/day-totals';
import { makeRecords } from '@/tests/support/make-records';

describe('records in the database', () => {
  let db: LearnlogDatabase;
  const now = new Date(2026, 10, 26, 12);

  beforeEach(() => {
    db = new LearnlogDatabase(`records-${crypto.randomUUID()}`);
  });
  afterEach(async () => {
    db.close();
    await Dexie.delete(db.name);
  });

  it('edits a record in place, and refuses a bad edit without changing anything', async () => {
    const [record] = makeRecords(1);
    await addRecord(db, record!);
    const edited = await saveEdit(db, record!.id, { title: 'New title', tags: ['audit'] }, now);
    expect(edited.ok).toBe(true);
    expect(await db.records.get(record!.id)).toMatchObject({ title: 'New title', tags: ['audit'] });

    const before = await db.records.get(record!.id);
    const refused = await saveEdit(db, record!.id, { title: '', date: '2099-01-01' }, now);
    expect(refused).toEqual({
      ok: false,
      error: 'The date is in the future. Choose today or an earlier day.',
    });
    expect(await db.records.get(record!.id)).toEqual(before);
  });

  it('deletes softly, undoes, and never edits a deleted record', async () => {
    const [record] = makeRecords(1);
    await addRecord(db, record!);
    await deleteRecord(db, record!.id, now.getTime());
    expect(await liveRecords(db)).toEqual([]);
    expect((await db.records.get(record!.id))?.deletedAt).toBe(now.getTime());
    expect(await saveEdit(db, record!.id, { title: 'x' }, now)).toEqual({
      ok: false,
      error: 'This record has been deleted, so it cannot be changed.',
    });
    await undoDelete(db, record!.id, now.getTime() + 1);
    expect((await liveRecords(db)).map((r) => r.id)).toEqual([record!.id]);
  });

  it('reads recent records newest first, skipping deleted ones, and live records counted since a date', async () => {
    const records = makeRecords(300);
    await db.records.bulkAdd(records);
    const newest = [...records].sort(
      (a, b) => b.date.localeCompare(a.date) || b.createdAt - a.createdAt,
    );
    await deleteRecord(db, newest[0]!.id, now.getTime());
    expect((await recentRecords(db, 5)).map((r) => r.id)).toEqual(
      newest.slice(1, 6).map((r) => r.id),
    );
    // What the popup's totals count since a date (records added around the store are repaired in).
    await repairDayTotals(db, await liveRecords(db));
    const since = (await dayTotalsSince(db, '2026-06-01')).reduce((n, day) => n + day.records, 0);
    expect(since).toBe(
      records.filter((r) => r.date >= '2026-06-01' && r.id !== newest[0]!.id).length,
    );
  });

  it('orders same-day records by creation time even when many share the day', async () => {
    const records = makeRecords(30).map((record, index) => ({
      ...record,
      date: '2026-11-01',
      createdAt: 1_000 + index,
    }));
    await db.records.bulkAdd(records);
    expect((await recentRecords(db, 3)).map((r) => r.createdAt)).toEqual([1029, 1028, 1027]);
  });
});
