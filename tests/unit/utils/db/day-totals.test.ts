import Dexie from 'dexie';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LearnlogDatabase } from '@/utils/db/database';
import { dayTotalsSince, repairDayTotals } from '@/utils/db/day-totals';
import { addRecord, deleteRecord, saveEdit, undoDelete } from '@/utils/db/records-store';
import { dayTotalsOf } from '@/utils/profile/goals';
import { makeRecords } from '@/tests/support/make-records';

describe('day totals', () => {
  let db: LearnlogDatabase;
  beforeEach(() => {
    db = new LearnlogDatabase(`totals-${crypto.randomUUID()}`);
  });
  afterEach(async () => {
    db.close();
    await Dexie.delete(db.name);
  });

  const storedMatchRecords = async () =>
    expect(await db.dayTotals.orderBy('date').toArray()).toEqual(
      dayTotalsOf(await db.records.toArray()),
    );

  it('sums a day’s live records, participatory time and planned records', () => {
    const [a, b, c] = makeRecords(3).map((record, index) => ({
      ...record,
      date: '2026-11-01',
      creditedSeconds: (index + 1) * 600,
      participatory: index === 0,
      planned: index === 1,
    }));
    expect(dayTotalsOf([a!, b!, { ...c!, deletedAt: 5 }])).toEqual([
      {
        date: '2026-11-01',
        seconds: 1800,
        participatorySeconds: 600,
        records: 2,
        plannedRecords: 1,
      },
    ]);
  });

  it('property: after any sequence of adds, edits (moving dates), deletes and undos, the table matches the records', async () => {
    const pool = makeRecords(12, { seed: 5 });
    const dates = ['2026-10-01', '2026-10-02', '2026-11-15'];
    const now = new Date(2026, 10, 26, 12);
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            action: fc.constantFrom('add', 'edit', 'delete', 'undo'),
            index: fc.nat({ max: pool.length - 1 }),
            date: fc.constantFrom(...dates),
            minutes: fc.integer({ min: 1, max: 300 }),
            participatory: fc.boolean(),
          }),
          { maxLength: 25 },
        ),
        async (steps) => {
          await db.records.clear();
          await db.dayTotals.clear();
          for (const step of steps) {
            const record = pool[step.index]!;
            const exists = await db.records.get(record.id);
            if (step.action === 'add' && !exists) await addRecord(db, record);
            if (step.action === 'edit' && exists)
              await saveEdit(
                db,
                record.id,
                {
                  date: step.date,
                  creditedSeconds: step.minutes * 60,
                  participatory: step.participatory,
                },
                now,
              );
            if (step.action === 'delete') await deleteRecord(db, record.id, now.getTime());
            if (step.action === 'undo') await undoDelete(db, record.id, now.getTime());
          }
          await storedMatchRecords();
        },
      ),
      { numRuns: 40 },
    );
  });

  it('repairs the table when records were written around it, and leaves a correct one alone', async () => {
    const records = makeRecords(200, { seed: 9 });
    await db.records.bulkAdd(records); // as an outside writer would: no totals
    expect(await db.dayTotals.count()).toBe(0);
    expect(await repairDayTotals(db, records)).toBe(true);
    await storedMatchRecords();
    expect(await repairDayTotals(db, records)).toBe(false);
    const since = await dayTotalsSince(db, '2026-01-01');
    expect(since.every((day) => day.date >= '2026-01-01')).toBe(true);
    expect(since.reduce((sum, day) => sum + day.records, 0)).toBe(
      records.filter((record) => record.date >= '2026-01-01').length,
    );
  });
});
