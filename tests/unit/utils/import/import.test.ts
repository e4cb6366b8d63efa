import Dexie from 'dexie';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBackup } from '@/utils/export/backup';
import { recordsToCsv } from '@/utils/export/csv';
import { LearnlogDatabase } from '@/utils/db/database';
import { importRecords } from '@/utils/db/import-records';
import { planMerge } from '@/utils/import/merge';
import { parseImport } from '@/utils/import/parse-import';
import { dayTotalsOf } from '@/utils/profile/goals';
import { DEFAULT_SETTINGS } from '@/utils/settings';
import { makeRecords } from '@/tests/support/make-records';
import { recordArbitrary } from '@/tests/support/record-arbitrary';

const now = new Date('2026-11-26T12:00:00Z');
const backupText = (records: Parameters<typeof createBackup>[0], settings = DEFAULT_SETTINGS) =>
  JSON.stringify(createBackup(records, settings, { appVersion: '0.1.0', now, scope: 'all' }));

describe('JSON backup', () => {
  it('property: backup then import gives back identical records and settings', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(recordArbitrary, { maxLength: 10 }), async (records) => {
        const unique = [...new Map(records.map((record) => [record.id, record])).values()];
        const parsed = await parseImport(backupText(unique), { now });
        const { version: _version, ...settings } = DEFAULT_SETTINGS;
        expect(parsed).toEqual({ ok: true, records: unique, settings });
      }),
      { numRuns: 150 },
    );
  });

  it('holds the envelope: format, versions, export time, scope', () => {
    const backup = createBackup([], DEFAULT_SETTINGS, {
      appVersion: '1.2.3',
      now,
      scope: 'filtered',
    });
    expect(backup).toMatchObject({
      format: 'learnlog-backup',
      formatVersion: 1,
      appVersion: '1.2.3',
      exportedAt: '2026-11-26T12:00:00.000Z',
      scope: 'filtered',
      records: [],
    });
  });
});

describe('bad files get a plain message naming the row and field', () => {
  const records = makeRecords(5);
  const good = backupText(records);
  const withRecord = (index: number, change: object) => {
    const data = JSON.parse(good) as { records: object[] };
    data.records[index] = { ...data.records[index], ...change };
    return JSON.stringify(data);
  };

  it.each<[string, string, RegExp]>([
    ['truncated', good.slice(0, good.length / 2), /not valid JSON \(it may have been cut short\)/],
    ['empty', '', /This file is empty/],
    ['binary', '\u0000\u0001PK\u0003\u0004\u00ff\u00fe', /neither/],
    ['another JSON file', '{"name":"package"}', /not a Learnlog backup/],
    [
      'a newer format',
      good.replace('"formatVersion":1', '"formatVersion":7'),
      /newer version of Learnlog \(backup format 7\)/,
    ],
    [
      'records not a list',
      JSON.stringify({ ...(JSON.parse(good) as object), records: 'lots' }),
      /damaged: its “records”/,
    ],
    [
      'wrong type',
      withRecord(2, { creditedSeconds: 'an hour' }),
      /^Record 3, “Credited seconds”: Enter how long the learning took\. Nothing was imported\.$/,
    ],
    [
      'missing title',
      withRecord(0, { title: '' }),
      /^Record 1, “Title”: Give the learning a title\./,
    ],
    [
      'over-long title',
      withRecord(4, { title: 'x'.repeat(5000) }),
      /^Record 5, “Title”: The title is too long/,
    ],
    [
      'future date',
      withRecord(1, { date: '2099-01-01' }),
      /^Record 2, “Date”: the date 2099-01-01 is in the future/,
    ],
    [
      'script URL',
      withRecord(1, { url: 'javascript:alert(1)' }),
      /^Record 2, “Web address”: The address must be a web address/,
    ],
    [
      'duplicate ids',
      withRecord(3, { id: records[0]!.id }),
      /^Record 4 has the same ID as record 1\./,
    ],
    [
      'bad settings',
      good.replace('"idleSeconds":60', '"idleSeconds":"soon"'),
      /settings in this backup are not valid/,
    ],
  ])('%s', async (_name, text, message) => {
    const parsed = await parseImport(text, { now });
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.error).toMatch(message);
    expect(!parsed.ok && parsed.error).toMatch(/Nothing was imported\.$/);
  });

  it.each<[string, (csv: string) => string, RegExp]>([
    [
      'no ID column',
      (csv) => csv.replace('ID,', 'Ref,'),
      /not exported by Learnlog: it has no “ID” column/,
    ],
    ['a missing column', (csv) => csv.replace(',Tags,', ',Labels,'), /missing the column “Tags”/],
    [
      'a bad yes/no',
      (csv) => csv.replace(/,(yes|no),/, ',maybe,'),
      /^Row \d+ \(line \d+ of the file\), “/,
    ],
    ['an unclosed quote', (csv) => `${csv}\r\n"unclosed,`, /the file is damaged/],
  ])('CSV: %s', async (_name, damage, message) => {
    const parsed = await parseImport(damage(recordsToCsv(records)), { now });
    expect(!parsed.ok && parsed.error).toMatch(message);
  });

  it('allows a day’s grace for a date “tomorrow” here (another time zone, a fast clock), no more', async () => {
    // 12:00 UTC on 26 November: already the 27th in New Zealand, where the backup was made.
    const tomorrow = await parseImport(withRecord(1, { date: '2026-11-27' }), { now });
    expect(tomorrow.ok).toBe(true);
    const dayAfter = await parseImport(withRecord(1, { date: '2026-11-28' }), { now });
    expect(dayAfter).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^Record 2, “Date”: the date 2026-11-28 is in the future/),
    });
  });

  it('CSV: reads a date a spreadsheet rewrote the UK way', async () => {
    const csv = recordsToCsv([records[0]!]);
    const [year, month, day] = records[0]!.date.split('-');
    const parsed = await parseImport(
      csv.replace(`,${records[0]!.date},`, `,${day}/${month}/${year},`),
      {
        now,
      },
    );
    expect(parsed).toEqual({ ok: true, records: [records[0]] });
  });

  it('fuzz: random bytes, cut files and mangled values are always refused or exact, never thrown', async () => {
    const csv = recordsToCsv(records);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ maxLength: 300 }),
          fc.nat({ max: good.length }).map((cut) => good.slice(0, cut)),
          fc.nat({ max: csv.length }).map((cut) => csv.slice(0, cut)),
          fc
            .tuple(fc.nat({ max: good.length - 1 }), fc.string({ maxLength: 3 }))
            .map(([at, junk]) => good.slice(0, at) + junk + good.slice(at + 1)),
        ),
        async (text) => {
          const parsed = await parseImport(text, { now });
          if (!parsed.ok) expect(parsed.error).toMatch(/Nothing was imported\.$/);
          else for (const record of parsed.records) expect(typeof record.id).toBe('string');
        },
      ),
      { numRuns: 400 },
    );
  });
});

describe('importing into the database', () => {
  let db: LearnlogDatabase;
  beforeEach(() => {
    db = new LearnlogDatabase(`import-${crypto.randomUUID()}`);
  });
  afterEach(async () => {
    db.close();
    await Dexie.delete(db.name);
  });

  it('merges by id: new added, newer updated, older or equal skipped; day totals follow', async () => {
    const records = makeRecords(6, { seed: 4 });
    await db.records.bulkAdd(records.slice(0, 4));
    await db.dayTotals.bulkPut(dayTotalsOf(records.slice(0, 4)));
    const incoming = [
      { ...records[0]!, title: 'Newer', updatedAt: records[0]!.updatedAt + 10 },
      { ...records[1]!, title: 'Older', updatedAt: records[1]!.updatedAt - 10 },
      records[2]!,
      { ...records[3]!, date: '2026-01-02', updatedAt: records[3]!.updatedAt + 1 },
      records[4]!,
      { ...records[5]!, deletedAt: records[5]!.updatedAt },
    ];
    const counts = await importRecords(db, incoming);
    expect(counts).toEqual({ added: 2, updated: 2, skipped: 2 });
    expect((await db.records.get(records[0]!.id))?.title).toBe('Newer');
    expect((await db.records.get(records[1]!.id))?.title).toBe(records[1]!.title);
    expect(await db.dayTotals.orderBy('date').toArray()).toEqual(
      dayTotalsOf(await db.records.toArray()),
    );
  });

  it('writes nothing when the transaction fails part-way', async () => {
    const records = makeRecords(20, { seed: 8 });
    await db.records.bulkAdd(records.slice(0, 2));
    const before = await db.records.toArray();
    // A record IndexedDB cannot store (a function cannot be cloned) fails the transaction late.
    const poisoned = [...records.slice(2), { ...records[0]!, updatedAt: Date.now(), bad: () => 1 }];
    await expect(importRecords(db, poisoned as never)).rejects.toThrow();
    expect(await db.records.toArray()).toEqual(before);
    expect(await db.dayTotals.count()).toBe(0);
  });

  it('plans merges without touching the inputs', () => {
    const [a, b] = makeRecords(2);
    const plan = planMerge(new Map([[a!.id, a!]]), [a!, b!]);
    expect(plan).toMatchObject({ added: 1, updated: 0, skipped: 1 });
    expect(plan.writes.map((write) => write.after.id)).toEqual([b!.id]);
  });
});
