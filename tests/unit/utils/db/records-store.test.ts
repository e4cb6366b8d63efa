import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LearnlogDatabase } from '@/utils/db/database';
import {
  addRecord,
  deleteRecord,
  liveRecords,
  recentRecords,
  saveEdit,
  saveEditOf,
  undoDelete,
} from '@/utils/db/records-store';
import { contentFromForm, formValuesFromRecord } from '@/utils/record-form';
import type { LearningRecord, RecordContent } from '@/utils/records';
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

  describe('an edit made while the record changed elsewhere', () => {
    /** The log's edit dialog: the form opened on `base`, the learner changed `change`. */
    const editorSave = (base: LearningRecord, change: Partial<RecordContent>) =>
      saveEditOf(db, base, { ...contentFromForm(formValuesFromRecord(base)), ...change }, now);

    it('keeps the other change: only the fields the learner changed are saved', async () => {
      const [record] = makeRecords(1);
      await addRecord(db, record!);
      const opened = (await db.records.get(record!.id))!;
      // Meanwhile another window (or a sync pull) changes the title…
      await saveEdit(db, record!.id, { title: 'Renamed in another window' }, now);
      // …and the dialog, opened before that, saves a change to the notes.
      const saved = await editorSave(opened, { notes: 'Discussed at supervision.' });
      expect(saved.ok).toBe(true);
      expect(await db.records.get(record!.id)).toMatchObject({
        title: 'Renamed in another window',
        notes: 'Discussed at supervision.',
      });
    });

    it('refuses, in plain words and with nothing saved, when both changed the same field', async () => {
      const [record] = makeRecords(1);
      await addRecord(db, record!);
      const opened = (await db.records.get(record!.id))!;
      await saveEdit(db, record!.id, { title: 'Renamed in another window' }, now);
      const before = await db.records.get(record!.id);
      const saved = await editorSave(opened, { title: 'Renamed here', notes: 'New notes' });
      expect(saved).toEqual({
        ok: false,
        error:
          'This record was changed somewhere else while you were editing it (in another window, or by sync from another device): Title. Nothing was saved. Close this form and open the record again to see the latest.',
      });
      expect(await db.records.get(record!.id)).toEqual(before);
    });

    it('saving without changing anything writes nothing (and so sends nothing)', async () => {
      const [record] = makeRecords(1);
      await addRecord(db, record!);
      const opened = (await db.records.get(record!.id))!;
      const saved = await editorSave(opened, {});
      expect(saved).toEqual({ ok: true, record: opened });
      expect((await db.records.get(record!.id))!.updatedAt).toBe(opened.updatedAt);
    });
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
