import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { DATABASE_VERSION, LearnlogDatabase, SCHEMA } from '@/utils/db/database';
import { LearningRecordSchema } from '@/utils/records';

/**
 * Every schema upgrade is run against a fixture database of the version before it
 * (tests/fixtures/db/learnlog-v<N>.json), built with that version's own schema.
 */

// happy-dom replaces import.meta.url's scheme, so the path is taken from the project root.
const FIXTURES = join(process.cwd(), 'tests/fixtures/db');

interface Fixture {
  version: number;
  resources: Record<string, unknown>[];
  records: Record<string, unknown>[];
  dayTotals?: Record<string, unknown>[];
}
const fixture = (version: number): Fixture =>
  JSON.parse(readFileSync(join(FIXTURES, `learnlog-v${version}.json`), 'utf8')) as Fixture;

/** Creates a database exactly as version `version` of Learnlog would have, holding the fixture. */
async function databaseAtVersion(name: string, version: number, data: Fixture): Promise<void> {
  const old = new Dexie(name);
  for (let v = 1; v <= version; v += 1) old.version(v).stores(SCHEMA[v as keyof typeof SCHEMA]);
  await old.open();
  await old.table('resources').bulkAdd(data.resources);
  await old.table('records').bulkAdd(data.records);
  if (data.dayTotals) await old.table('dayTotals').bulkAdd(data.dayTotals);
  old.close();
}

describe('database upgrades', () => {
  it('has a fixture of every version before the current one', () => {
    const files = readdirSync(FIXTURES).filter((file) => /^learnlog-v\d+\.json$/.test(file));
    for (let version = 1; version < DATABASE_VERSION; version += 1)
      expect(files).toContain(`learnlog-v${version}.json`);
    expect(Object.keys(SCHEMA).map(Number)).toEqual(
      Array.from({ length: DATABASE_VERSION }, (_, i) => i + 1),
    );
  });

  it('version 1 → 2: every record gains the reflection fields and stays as it was', async () => {
    const data = fixture(1);
    const name = `upgrade-${crypto.randomUUID()}`;
    await databaseAtVersion(name, 1, data);

    const db = new LearnlogDatabase(name);
    await db.open();
    expect(db.verno).toBe(DATABASE_VERSION);
    const records = await db.records.toArray();
    expect(records).toHaveLength(data.records.length);
    for (const before of data.records) {
      const after = records.find((record) => record.id === before.id)!;
      // Nothing the learner had is changed…
      expect(after).toMatchObject(before);
      // …the new fields have neutral values…
      expect(after).toMatchObject({
        origin: 'page',
        standards: [],
        participatory: false,
        planned: false,
        tags: [],
        notes: '',
      });
      // …and the result is a valid version 2 record.
      expect(LearningRecordSchema.safeParse(after).success).toBe(true);
    }
    // Deleted records stay deleted (a sync must still pass the delete on).
    expect(records.find((record) => record.title.startsWith('A record'))?.deletedAt).toBe(
      1789000000000,
    );
    // The popup's day totals are built, counting live records only.
    expect(await db.dayTotals.orderBy('date').toArray()).toEqual([
      { date: '2026-10-02', seconds: 95, participatorySeconds: 0, records: 1, plannedRecords: 0 },
      { date: '2026-11-20', seconds: 300, participatorySeconds: 0, records: 1, plannedRecords: 0 },
    ]);
    // Reading progress is untouched.
    expect(await db.resources.toArray()).toEqual(data.resources);
    db.close();
    await Dexie.delete(name);
  });

  it('a record without an address (made by hand) upgrades as a manual entry', async () => {
    const data = fixture(1);
    const { url: _url, ...withoutUrl } = data.records[0]!;
    const name = `upgrade-${crypto.randomUUID()}`;
    await databaseAtVersion(name, 1, { ...data, records: [withoutUrl] });
    const db = new LearnlogDatabase(name);
    expect((await db.records.toArray())[0]?.origin).toBe('manual');
    db.close();
    await Dexie.delete(name);
  });

  it('version 2 → 3: records, day totals and progress are kept; sync starts off, nothing queued', async () => {
    const data = fixture(2);
    const name = `upgrade-${crypto.randomUUID()}`;
    await databaseAtVersion(name, 2, data);

    const db = new LearnlogDatabase(name);
    await db.open();
    expect(db.verno).toBe(3);
    const byId = (rows: { id: string }[]) => [...rows].sort((a, b) => a.id.localeCompare(b.id));
    expect(byId(await db.records.toArray())).toEqual(byId(data.records as { id: string }[]));
    for (const record of await db.records.toArray())
      expect(LearningRecordSchema.safeParse(record).success).toBe(true);
    expect(await db.dayTotals.orderBy('date').toArray()).toEqual(data.dayTotals);
    expect(await db.resources.toArray()).toEqual(data.resources);
    // Sync (issue #7) is off until the learner turns it on: no outbox, no states, no switch.
    expect(await db.outbox.count()).toBe(0);
    expect(await db.syncStates.count()).toBe(0);
    expect(await db.meta.get('sync')).toBeUndefined();
    expect(await db.syncConfig.count()).toBe(0);
    expect(await db.syncArchive.count()).toBe(0);
    db.close();
    await Dexie.delete(name);
  });
});
