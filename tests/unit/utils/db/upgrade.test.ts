import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { DATABASE_VERSION, declareVersions, LearnlogDatabase, SCHEMA } from '@/utils/db/database';
import { LearningRecordSchema } from '@/utils/records';

/**
 * Every schema upgrade is run against a fixture database of the version before it
 * (tests/fixtures/db/learnlog-v<N>.json), built with that version's own schema.
 */

// happy-dom replaces import.meta.url's scheme, so the path is taken from the project root.
const FIXTURES = join(process.cwd(), 'tests/fixtures/db');

type Rows = Record<string, unknown>[];
interface Fixture {
  version: number;
  resources: Rows;
  records: Rows;
  dayTotals?: Rows;
  outbox?: Rows;
  syncStates?: Rows;
  meta?: Rows;
  syncArchive?: Rows;
  syncConfig?: Rows;
}
const TABLES = [
  'resources',
  'records',
  'dayTotals',
  'outbox',
  'syncStates',
  'meta',
  'syncArchive',
  'syncConfig',
] as const;
const fixture = (version: number): Fixture =>
  JSON.parse(readFileSync(join(FIXTURES, `learnlog-v${version}.json`), 'utf8')) as Fixture;

/** Creates a database exactly as version `version` of Learnlog would have, holding the fixture. */
async function databaseAtVersion(name: string, version: number, data: Fixture): Promise<void> {
  const old = new Dexie(name);
  for (let v = 1; v <= version; v += 1) old.version(v).stores(SCHEMA[v as keyof typeof SCHEMA]);
  await old.open();
  for (const table of TABLES) if (data[table]) await old.table(table).bulkAdd(data[table]);
  old.close();
}

/** Opens the database at `version`, running only the upgrades up to it: one step at a time. */
async function openAt(name: string, version: number): Promise<Dexie> {
  const db = new Dexie(name);
  declareVersions(db, version);
  await db.open();
  return db;
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

    const db = await openAt(name, 2);
    expect(db.verno).toBe(2);
    const records = await db.table('records').toArray();
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
    expect(await db.table('dayTotals').orderBy('date').toArray()).toEqual([
      { date: '2026-10-02', seconds: 95, participatorySeconds: 0, records: 1, plannedRecords: 0 },
      { date: '2026-11-20', seconds: 300, participatorySeconds: 0, records: 1, plannedRecords: 0 },
    ]);
    // Reading progress is untouched.
    expect(await db.table('resources').toArray()).toEqual(data.resources);
    db.close();
    await Dexie.delete(name);
  });

  it('a record without an address (made by hand) upgrades as a manual entry', async () => {
    const data = fixture(1);
    const { url: _url, ...withoutUrl } = data.records[0]!;
    const name = `upgrade-${crypto.randomUUID()}`;
    await databaseAtVersion(name, 1, { ...data, records: [withoutUrl] });
    const db = await openAt(name, 2);
    expect((await db.table('records').toArray())[0]?.origin).toBe('manual');
    db.close();
    await Dexie.delete(name);
  });

  it('version 2 → 3: records, day totals and progress are kept; sync starts off, nothing queued', async () => {
    const data = fixture(2);
    const name = `upgrade-${crypto.randomUUID()}`;
    await databaseAtVersion(name, 2, data);

    const db = await openAt(name, 3);
    expect(db.verno).toBe(3);
    const byId = (rows: { id: string }[]) => [...rows].sort((a, b) => a.id.localeCompare(b.id));
    expect(byId(await db.table('records').toArray())).toEqual(
      byId(data.records as { id: string }[]),
    );
    for (const record of await db.table('records').toArray())
      expect(LearningRecordSchema.safeParse(record).success).toBe(true);
    expect(await db.table('dayTotals').orderBy('date').toArray()).toEqual(data.dayTotals);
    expect(await db.table('resources').toArray()).toEqual(data.resources);
    // Sync is off until the learner turns it on: no outbox, no states, no switch.
    for (const table of ['outbox', 'syncStates', 'meta', 'syncConfig', 'syncArchive'])
      expect(await db.table(table).count()).toBe(0);
    db.close();
    await Dexie.delete(name);
  });

  it('version 3 → 4: the resources’ duration and counted-until fields are renamed, values kept', async () => {
    const data = fixture(3);
    const name = `upgrade-${crypto.randomUUID()}`;
    await databaseAtVersion(name, 3, data);

    const db = await openAt(name, 4);
    expect(db.verno).toBe(4);
    // Every table and index of version 3 is still there.
    const layout = (database: Dexie) =>
      database.tables
        .map(
          (table) =>
            `${table.name}: ${[table.schema.primKey, ...table.schema.indexes].map((index) => index.src).join(', ')}`,
        )
        .sort();
    expect(layout(db)).toEqual(
      Object.entries(SCHEMA[3])
        .map(([table, indexes]) => `${table}: ${indexes}`)
        .sort(),
    );
    const renamed = data.resources.map(({ requiredSeconds, creditedUntil, ...rest }) => ({
      ...rest,
      durationSeconds: requiredSeconds,
      ...(creditedUntil === undefined ? {} : { countedUntil: creditedUntil }),
    }));
    const byUrl = (rows: Rows) =>
      [...rows].sort((a, b) => String(a.url).localeCompare(String(b.url)));
    expect(byUrl(await db.table('resources').toArray())).toEqual(byUrl(renamed));
    for (const resource of await db.table('resources').toArray()) {
      expect(resource).not.toHaveProperty('requiredSeconds');
      expect(resource).not.toHaveProperty('creditedUntil');
    }
    // Nothing else moves: records, totals, and everything sync had (on, waiting, refused,
    // another server's states, the sign-in details).
    for (const table of TABLES.filter((table) => table !== 'resources')) {
      const key = table === 'records' ? 'id' : undefined;
      const rows = (await db.table(table).toArray()) as Rows;
      const sort = (list: Rows) =>
        key ? [...list].sort((a, b) => String(a[key]).localeCompare(String(b[key]))) : list;
      expect(sort(rows), table).toEqual(sort(data[table] ?? []));
    }
    db.close();
    await Dexie.delete(name);
  });

  it('the whole chain, version 1 → the current one, leaves valid records and renamed resources', async () => {
    const data = fixture(1);
    const name = `upgrade-${crypto.randomUUID()}`;
    await databaseAtVersion(name, 1, data);
    const db = new LearnlogDatabase(name);
    await db.open();
    expect(db.verno).toBe(DATABASE_VERSION);
    for (const record of await db.records.toArray())
      expect(LearningRecordSchema.safeParse(record).success).toBe(true);
    const [resource] = await db.resources.toArray();
    expect(resource).toMatchObject({
      durationSeconds: data.resources[0]!.requiredSeconds,
      countedUntil: data.resources[0]!.creditedUntil,
      spentMs: data.resources[0]!.spentMs,
    });
    db.close();
    await Dexie.delete(name);
  });

  it('version 4 → 5: stored addresses lose their credentials; a page reached with two tokens is one resource', async () => {
    const data = fixture(4);
    const name = `upgrade-${crypto.randomUUID()}`;
    await databaseAtVersion(name, 4, data);

    const db = await openAt(name, 5);
    expect(db.verno).toBe(5);
    const resources = (await db.table('resources').toArray()) as Rows;
    const urls = resources.map((resource) => resource.url).sort();
    expect(urls).toEqual([
      'https://guidance.example.org/dementia/communication',
      'https://learning.example.org/blog/change',
      'https://lms.example.ac.uk/mod/scorm/view.php?id=77',
    ]);
    // The same reading seen twice: the larger time, never the sum; the latest marks.
    expect(resources.find((resource) => String(resource.url).includes('scorm'))).toMatchObject({
      spentMs: 650_000,
      countedUntil: 1_795_400_000_000,
      firstSeenAt: 1_795_290_000_000,
      lastSeenAt: 1_795_400_000_000,
      durationSeconds: 1200,
    });
    const records = (await db.table('records').toArray()) as Rows;
    const moodle = records.find((record) => record.title === 'Safeguarding adults: level 2')!;
    expect(moodle.url).toBe('https://moodle.example.ac.uk/mod/page/view.php?id=9');
    // A new version, queued: the store that holds the old address is sent the clean one.
    const before = data.records.find((record) => record.id === moodle.id)!;
    expect(moodle.updatedAt).toBeGreaterThan(before.updatedAt as number);
    const outbox = (await db.table('outbox').toArray()) as Rows;
    expect(outbox.map((entry) => entry.recordId).sort()).toEqual(
      [...(data.outbox ?? []).map((entry) => entry.recordId), moodle.id].sort(),
    );
    // Records whose address was already clean keep their version.
    for (const record of records.filter((record) => record.id !== moodle.id))
      expect(record.updatedAt).toBe(data.records.find((old) => old.id === record.id)!.updatedAt);
    for (const record of records) expect(LearningRecordSchema.safeParse(record).success).toBe(true);
    // Everything else is as it was.
    for (const table of ['dayTotals', 'syncStates', 'meta', 'syncArchive', 'syncConfig'] as const)
      expect(((await db.table(table).toArray()) as Rows).length, table).toBe(
        data[table]?.length ?? 0,
      );
    db.close();
    await Dexie.delete(name);
  });

  it('version 4 → 5 with sync off: the cleaned record is a new version, but nothing is queued', async () => {
    const data = fixture(4);
    data.meta = (data.meta ?? []).map((row) => ({ ...row, enabled: false }));
    const name = `upgrade-${crypto.randomUUID()}`;
    await databaseAtVersion(name, 4, data);

    const db = await openAt(name, 5);
    const records = (await db.table('records').toArray()) as Rows;
    const moodle = records.find((record) => record.title === 'Safeguarding adults: level 2')!;
    const before = data.records.find((record) => record.id === moodle.id)!;
    // A version the store does not hold, so it is sent when sync is next turned on.
    expect(moodle.updatedAt).toBeGreaterThan(before.updatedAt as number);
    expect(((await db.table('outbox').toArray()) as Rows).length).toBe(data.outbox?.length ?? 0);
    db.close();
    await Dexie.delete(name);
  });
});
